import Foundation

/// The keyset position of a page boundary: the `(createdAt, id)` of the last record served.
///
/// Encoded as base64url (no padding) of `"<microseconds>:<id>"`: opaque to clients, and
/// strictly validated when decoded so that a tampered cursor is a 400, not a wrong page.
struct PageCursor: Sendable, Equatable {
  /// `createdAt` of the last record served.
  var createdAt: MicrosecondTimestamp
  /// `id` of the last record served.
  var id: String

  /// The position right after `record`.
  init(after record: StoredRecommendation) {
    createdAt = MicrosecondTimestamp(record.createdAt)
    id = record.id
  }

  /// A position given by its parts.
  init(createdAt: MicrosecondTimestamp, id: String) {
    self.createdAt = createdAt
    self.id = id
  }

  /// Decodes a cursor produced by ``encoded``; throws ``StoreError/invalidCursor`` otherwise.
  init(encoded: String) throws {
    guard encoded.count <= 1024, let text = Self.base64URLDecoded(encoded),
      let separator = text.firstIndex(of: ":"),
      let micros = Int64(text[..<separator]), micros >= 0
    else { throw StoreError.invalidCursor }
    let id = String(text[text.index(after: separator)...])
    guard !id.isEmpty else { throw StoreError.invalidCursor }
    self.init(createdAt: MicrosecondTimestamp(microsecondsSinceEpoch: micros), id: id)
  }

  /// The opaque text handed to clients.
  var encoded: String {
    Data("\(createdAt.microsecondsSinceEpoch):\(id)".utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  private static func base64URLDecoded(_ text: String) -> String? {
    guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    else { return nil }
    var base64 = text.replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    let remainder = base64.count % 4
    guard remainder != 1 else { return nil }
    if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
    guard let data = Data(base64Encoded: base64) else { return nil }
    return String(data: data, encoding: .utf8)
  }
}
