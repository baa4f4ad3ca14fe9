import Foundation

/// Proactive content negotiation over the `Accept` field (RFC 9110 section 12.5.1).
public enum ContentNegotiation {
  /// One media range of an `Accept` field with its weight.
  struct MediaRange: Equatable {
    var type: String
    var subtype: String
    var quality: Double

    /// How specific the range is: `type/subtype` beats `type/*` beats `*/*`.
    var specificity: Int { type == "*" ? 0 : (subtype == "*" ? 1 : 2) }

    func matches(_ mediaType: String) -> Bool {
      let parts = mediaType.split(separator: "/", maxSplits: 1)
      guard parts.count == 2 else { return false }
      return (type == "*" || type == parts[0]) && (subtype == "*" || subtype == parts[1])
    }
  }

  /// Picks the offered media type the client prefers, or nil when the client accepts
  /// none of them. A missing or empty `Accept` accepts anything (the first offer wins).
  ///
  /// - Parameters:
  ///   - accept: the request's `Accept` field values joined with commas, if any.
  ///   - offered: the types the server can produce, best first (lower-case).
  public static func preferredType(accept: String?, offered: [String]) -> String? {
    guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else { return offered.first }
    let ranges = parse(accept)
    var best: (type: String, quality: Double)?
    for type in offered {
      // The most specific matching range decides the weight of this offer.
      let match = ranges.filter { $0.matches(type) }.max { $0.specificity < $1.specificity }
      guard let quality = match?.quality, quality > 0 else { continue }
      if best == nil || quality > best!.quality { best = (type, quality) }
    }
    return best?.type
  }

  /// Parses an `Accept` value; malformed members are skipped, as a lenient recipient may.
  static func parse(_ accept: String) -> [MediaRange] {
    accept.split(separator: ",").compactMap { member in
      let pieces = member.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
      guard let range = pieces.first else { return nil }
      let typeParts = range.split(separator: "/", maxSplits: 1).map(String.init)
      guard typeParts.count == 2, !typeParts[0].isEmpty, !typeParts[1].isEmpty,
        typeParts[0] != "*" || typeParts[1] == "*"
      else { return nil }
      var quality = 1.0
      for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
        guard let value = Double(parameter.dropFirst(2)), (0...1).contains(value) else {
          return nil
        }
        quality = value
      }
      return MediaRange(type: typeParts[0], subtype: typeParts[1], quality: quality)
    }
  }

  /// The media type of a `Content-Type` value without parameters, lower-cased.
  public static func mediaType(of contentType: String) -> String {
    let essence = contentType.split(separator: ";", maxSplits: 1).first ?? ""
    return essence.trimmingWhitespace().lowercased()
  }

  /// Whether a `Content-Type` names JSON: `application/json` or any `+json` type, with
  /// no charset other than UTF-8 (RFC 8259 section 8.1).
  public static func isJSON(contentType: String) -> Bool {
    let type = mediaType(of: contentType)
    guard type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    else { return false }
    for parameter in contentType.split(separator: ";").dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1).map {
        $0.trimmingWhitespace().lowercased()
      }
      if pair.count == 2, pair[0] == "charset",
        pair[1].trimmingCharacters(in: .init(charactersIn: "\"")) != "utf-8"
      {
        return false
      }
    }
    return true
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs (HTTP's OWS).
  func trimmingWhitespace() -> String {
    trimmingCharacters(in: .init(charactersIn: " \t"))
  }
}
