import Foundation
import Yams

/// The service's OpenAPI contract, read once from the bundled `openapi.yaml` (the same
/// bytes as the repository's root file) and also rendered as JSON with the keys in the
/// YAML's order, so the docs page lists operations as the contract does.
public struct OpenAPIDocument: Sendable {
  /// The YAML exactly as shipped.
  public let yaml: [UInt8]
  /// The same document as JSON.
  public let json: [UInt8]

  /// Loads the bundled contract.
  public static func bundled() throws -> OpenAPIDocument {
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "openapi.yaml"])
    }
    return try OpenAPIDocument(yaml: Array(Data(contentsOf: url)))
  }

  /// Parses a YAML document and renders it as JSON.
  public init(yaml: [UInt8]) throws {
    guard let node = try Yams.compose(yaml: String(decoding: yaml, as: UTF8.self)) else {
      throw YamlError.dataCouldNotBeDecoded(encoding: .utf8)
    }
    self.yaml = yaml
    var json = ""
    Self.write(node, to: &json)
    self.json = Array(json.utf8)
  }

  private static func write(_ node: Node, to json: inout String) {
    switch node {
    case .mapping(let mapping):
      json += "{"
      for (index, pair) in mapping.enumerated() {
        if index > 0 { json += "," }
        json += quoted(pair.key.string ?? "")
        json += ":"
        write(pair.value, to: &json)
      }
      json += "}"
    case .sequence(let sequence):
      json += "["
      for (index, element) in sequence.enumerated() {
        if index > 0 { json += "," }
        write(element, to: &json)
      }
      json += "]"
    case .scalar(let scalar):
      json += scalarJSON(scalar)
    case .alias:
      json += "null"
    }
  }

  /// Plain scalars keep YAML 1.2 core types (null, booleans, numbers); quoted ones are
  /// strings.
  private static func scalarJSON(_ scalar: Node.Scalar) -> String {
    guard scalar.style == .plain else { return quoted(scalar.string) }
    switch scalar.string {
    case "null", "~", "": return "null"
    case "true": return "true"
    case "false": return "false"
    default:
      if let number = Double(scalar.string), number.isFinite,
        scalar.string.first.map({ $0.isNumber || $0 == "-" }) == true
      {
        return scalar.string
      }
      return quoted(scalar.string)
    }
  }

  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        result += String(format: "\\u%04x", scalar.value)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
