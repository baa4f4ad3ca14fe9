import Foundation

/// A JSON value in a form two independently parsed documents can be compared in: numbers
/// as doubles, objects as dictionaries (key order ignored).
indirect enum CanonicalJSON: Equatable, Decodable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([CanonicalJSON])
  case object([String: CanonicalJSON])

  /// Decodes JSON, telling booleans from numbers.
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([CanonicalJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: CanonicalJSON].self))
    }
  }

  /// Converts what a YAML loader built (Yams' `load`: Bool, Int, Double, String, NSNull,
  /// arrays and `[AnyHashable: Any]` mappings); nil for anything JSON cannot hold.
  init?(yamlValue value: Any?) {
    switch value {
    case nil, is NSNull: self = .null
    case let value as Bool: self = .bool(value)
    case let value as Int: self = .number(Double(value))
    case let value as Double: self = .number(value)
    case let value as String: self = .string(value)
    case let value as [Any]:
      var elements: [CanonicalJSON] = []
      for element in value {
        guard let converted = CanonicalJSON(yamlValue: element) else { return nil }
        elements.append(converted)
      }
      self = .array(elements)
    case let value as [AnyHashable: Any]:
      var members: [String: CanonicalJSON] = [:]
      for (key, member) in value {
        guard let key = key.base as? String, let converted = CanonicalJSON(yamlValue: member)
        else { return nil }
        members[key] = converted
      }
      self = .object(members)
    default: return nil
    }
  }

  /// The first place two values differ, as a JSON Pointer with both values; nil if equal.
  func firstDifference(from other: CanonicalJSON, at pointer: String = "") -> String? {
    switch (self, other) {
    case (.object(let left), .object(let right)):
      for key in Set(left.keys).union(right.keys).sorted() {
        guard let leftMember = left[key], let rightMember = right[key] else {
          return "\(pointer)/\(key) is only on one side"
        }
        if let difference = leftMember.firstDifference(from: rightMember, at: "\(pointer)/\(key)") {
          return difference
        }
      }
      return nil
    case (.array(let left), .array(let right)) where left.count == right.count:
      for (index, pair) in zip(left, right).enumerated() {
        if let difference = pair.0.firstDifference(from: pair.1, at: "\(pointer)/\(index)") {
          return difference
        }
      }
      return nil
    default:
      return self == other ? nil : "\(pointer): \(self) versus \(other)"
    }
  }

  var description: String {
    switch self {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .number(let value): "\(value)"
    case .string(let value): "\"\(value)\""
    case .array(let value): "[\(value.count) elements]"
    case .object(let value): "{\(value.keys.sorted().joined(separator: ","))}"
    }
  }
}
