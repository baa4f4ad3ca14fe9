/// One header or trailer field: a name and its value, as owned strings.
public struct HTTPField: Hashable, Sendable {
  /// The field name as sent (compare it case-insensitively).
  public var name: String
  /// The field value without leading or trailing whitespace.
  public var value: String

  /// Creates a field.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// An ordered list of header (or trailer) fields.
///
/// Repeated fields are kept as separate entries in arrival order; names are compared
/// ASCII case-insensitively. Fields live in one contiguous byte buffer with index ranges, so
/// a parsed request costs two allocations for all of its fields, and serializing a
/// response copies bytes without re-encoding strings.
public struct HTTPFields: Sendable, Sequence, ExpressibleByDictionaryLiteral {
  /// Byte offsets of one field's name and value inside `storage`.
  struct Entry: Sendable {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
  }

  private(set) var storage: [UInt8]
  private(set) var entries: [Entry]

  /// Creates an empty list.
  public init() {
    storage = []
    entries = []
  }

  /// Creates a list from name-value pairs, keeping their order and repetitions.
  public init(_ fields: [(name: String, value: String)]) {
    self.init()
    for field in fields { append(name: field.name, value: field.value) }
  }

  /// Creates a list from a literal such as `["Content-Type": "application/json"]`.
  public init(dictionaryLiteral elements: (String, String)...) {
    self.init()
    for (name, value) in elements { append(name: name, value: value) }
  }

  /// Creates a list over bytes already validated by the parser.
  init(validatedStorage: [UInt8], entries: [Entry]) {
    storage = validatedStorage
    self.entries = entries
  }

  /// The number of fields, repetitions included.
  public var count: Int { entries.count }

  /// Whether there are no fields.
  public var isEmpty: Bool { entries.isEmpty }

  /// The value of the first field with this name, or nil.
  public subscript(name: String) -> String? {
    guard let index = firstIndex(of: name) else { return nil }
    return value(at: index)
  }

  /// The values of every field with this name, in order.
  public func values(for name: String) -> [String] {
    var result: [String] = []
    for index in entries.indices where nameMatches(at: index, name) {
      result.append(value(at: index))
    }
    return result
  }

  /// The value of the only field with this name, as bytes in place (nothing is copied), or
  /// nil when no field or more than one has the name: for fields such as `Authorization`
  /// that must not be repeated and are read on every request.
  public func uniqueValueBytes(for name: String) -> ArraySlice<UInt8>? {
    var found: Int?
    for index in entries.indices where nameMatches(at: index, name) {
      guard found == nil else { return nil }
      found = index
    }
    return found.map(valueBytes(at:))
  }

  /// Whether at least one field has this name.
  public func contains(_ name: String) -> Bool { firstIndex(of: name) != nil }

  /// Appends a field, keeping existing fields of the same name.
  ///
  /// The name must be a token (RFC 9110 section 5.1); an invalid name is a programming error.
  /// CR, LF and NUL in the value are replaced by spaces so a value can never split a message.
  public mutating func append(name: String, value: String) {
    // Bulk copies of the strings' contiguous UTF-8, then checks and fixes in place over the
    // buffer: per-byte or per-index work costs more than the field itself for the short
    // fields middleware adds to every response. A list grows by a good step once it has
    // fields: a handler's response starts with its few, exactly sized, and middleware then
    // appends several, which would reallocate at 2, 4 and 8. The first step (16 fields, 512
    // bytes) holds what a response typically gathers (security headers, request id, caching
    // policy, rate-limit state), so that middleware grows a list once, not at each layer.
    if entries.count == entries.capacity, !entries.isEmpty {
      entries.reserveCapacity(Swift.max(16, entries.count * 2))
    }
    let needed = storage.count + name.utf8.count + value.utf8.count
    if needed > storage.capacity, !storage.isEmpty {
      storage.reserveCapacity(Swift.max(needed, 512, storage.count * 2))
    }
    let nameStart = storage.count
    Self.appendUTF8(of: name, to: &storage)
    let nameEnd = storage.count
    Self.appendUTF8(of: value, to: &storage)
    storage.withUnsafeMutableBufferPointer { bytes in
      precondition(
        nameEnd > nameStart && bytes[nameStart..<nameEnd].allSatisfy(ByteClass.isTokenByte),
        "invalid field name")
      for index in nameEnd..<bytes.count
      where bytes[index] == 0x0D || bytes[index] == 0x0A || bytes[index] == 0x00 {
        bytes[index] = 0x20
      }
    }
    entries.append(
      Entry(nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: storage.count))
  }

  /// Appends a string's UTF-8 with one copy (`Array.append(contentsOf: String.UTF8View)`
  /// goes through the generic sequence path).
  private static func appendUTF8(of text: String, to storage: inout [UInt8]) {
    var text = text
    text.withUTF8 { storage.append(contentsOf: $0) }
  }

  /// Replaces every field with this name by one field with this value.
  public mutating func replace(name: String, value: String) {
    removeAll(name: name)
    append(name: name, value: value)
  }

  /// Removes every field with this name.
  public mutating func removeAll(name: String) {
    entries.removeAll { entry in
      ByteClass.equalsCaseInsensitively(storage[entry.nameStart..<entry.nameEnd], name)
    }
  }

  /// Replaces every field named in `fields` by the given one, in a single pass over the list
  /// (where calling `replace(name:value:)` for each would pass over it once per field).
  public mutating func replace(_ fields: KeyValuePairs<String, String>) {
    let storage = self.storage
    entries.removeAll { entry in
      let name = storage[entry.nameStart..<entry.nameEnd]
      return fields.contains { ByteClass.equalsCaseInsensitively(name, $0.key) }
    }
    for (name, value) in fields { append(name: name, value: value) }
  }

  /// Iterates the fields in order as owned strings.
  public func makeIterator() -> AnyIterator<HTTPField> {
    var index = 0
    return AnyIterator {
      guard index < entries.count else { return nil }
      defer { index += 1 }
      return HTTPField(name: name(at: index), value: value(at: index))
    }
  }

  /// Whether the field at `index` has this name (ASCII case-insensitive).
  func nameMatches(at index: Int, _ name: String) -> Bool {
    let entry = entries[index]
    return ByteClass.equalsCaseInsensitively(storage[entry.nameStart..<entry.nameEnd], name)
  }

  /// The bytes of the value at `index`.
  func valueBytes(at index: Int) -> ArraySlice<UInt8> {
    storage[entries[index].valueStart..<entries[index].valueEnd]
  }

  private func firstIndex(of name: String) -> Int? {
    entries.indices.first { nameMatches(at: $0, name) }
  }

  private func name(at index: Int) -> String {
    String(decoding: storage[entries[index].nameStart..<entries[index].nameEnd], as: UTF8.self)
  }

  private func value(at index: Int) -> String {
    String(decoding: valueBytes(at: index), as: UTF8.self)
  }
}

extension HTTPFields: Equatable {
  /// Two lists are equal when they hold the same names (case-insensitively) and values in
  /// the same order.
  public static func == (lhs: HTTPFields, rhs: HTTPFields) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for index in lhs.entries.indices {
      let left = lhs.entries[index]
      let right = rhs.entries[index]
      let leftName = lhs.storage[left.nameStart..<left.nameEnd]
      let rightName = rhs.storage[right.nameStart..<right.nameEnd]
      guard leftName.count == rightName.count,
        zip(leftName, rightName).allSatisfy({ ByteClass.lowercased($0) == ByteClass.lowercased($1) }
        ),
        lhs.valueBytes(at: index).elementsEqual(rhs.valueBytes(at: index))
      else { return false }
    }
    return true
  }
}

extension HTTPFields: CustomStringConvertible {
  /// The fields one per line, as they would appear on the wire.
  public var description: String {
    map { "\($0.name): \($0.value)" }.joined(separator: "\n")
  }
}
