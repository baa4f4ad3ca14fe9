import ComputeAdvisor
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
    var json = JSONBuffer(capacity: yaml.count)
    Self.write(node, to: &json)
    self.json = json.bytes
  }

  private static func write(_ node: Node, to json: inout JSONBuffer) {
    switch node {
    case .mapping(let mapping):
      json.beginObject()
      for pair in mapping {
        json.key(pair.key.string ?? "")
        write(pair.value, to: &json)
      }
      json.endObject()
    case .sequence(let sequence):
      json.beginArray()
      for element in sequence { write(element, to: &json) }
      json.endArray()
    case .scalar(let scalar):
      json.rawValue(scalarJSON(scalar))
    case .alias:
      json.rawValue(Array("null".utf8))
    }
  }

  /// Plain scalars keep YAML 1.2 core types (null, booleans, numbers, written as in the
  /// YAML); quoted ones are strings.
  private static func scalarJSON(_ scalar: Node.Scalar) -> [UInt8] {
    if scalar.style == .plain {
      switch scalar.string {
      case "null", "~", "": return Array("null".utf8)
      case "true", "false": return Array(scalar.string.utf8)
      default:
        if let number = Double(scalar.string), number.isFinite,
          scalar.string.first.map({ $0.isNumber || $0 == "-" }) == true
        {
          return Array(scalar.string.utf8)
        }
      }
    }
    var text = JSONBuffer(capacity: scalar.string.utf8.count + 2)
    text.string(scalar.string)
    return text.bytes
  }
}
