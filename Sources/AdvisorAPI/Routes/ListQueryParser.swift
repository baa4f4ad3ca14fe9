import ComputeAdvisor
import Foundation
import Storage

/// Reads the history listing's query parameters, reporting every bad one at once.
struct ListQueryParser {
  static let parameters: Set<String> = ["limit", "cursor", "option", "region", "since"]

  let advisor: Advisor

  func parse(_ items: [(name: String, value: String)]) throws(APIError) -> RecommendationListQuery {
    var problems: [ProblemDetails.FieldProblem] = []
    var values: [String: String] = [:]
    for (name, value) in items {
      if !Self.parameters.contains(name) {
        problems.append(
          .init(
            path: name, code: "parameter.unknown",
            detail: "\(name) is not a parameter of this listing "
              + "(known: \(Self.parameters.sorted().joined(separator: ", ")))."))
      } else if values[name] != nil {
        problems.append(
          .init(path: name, code: "parameter.repeated", detail: "\(name) is given twice."))
      } else {
        values[name] = value
      }
    }
    var query = RecommendationListQuery(limit: HistoryRoutes.defaultLimit)
    if let text = values["limit"] {
      if let limit = Int(text), RecommendationListQuery.limitRange.contains(limit) {
        query.limit = limit
      } else {
        problems.append(
          .init(
            path: "limit", code: "range.invalid",
            detail:
              "limit must be a whole number from \(RecommendationListQuery.limitRange.lowerBound) "
              + "to \(RecommendationListQuery.limitRange.upperBound)."))
      }
    }
    if let cursor = values["cursor"] {
      if cursor.isEmpty {
        problems.append(.init(path: "cursor", code: "cursor.invalid", detail: "cursor is empty."))
      }
      query.cursor = cursor
    }
    if let option = values["option"] {
      if advisor.optionIDs.contains(option) {
        query.option = option
      } else {
        problems.append(
          .init(
            path: "option", code: "enum.unknown",
            detail: "option must be one of \(advisor.optionIDs.joined(separator: ", "))."))
      }
    }
    if let region = values["region"] {
      if advisor.catalog.regions.contains(region) {
        query.region = region
      } else {
        problems.append(
          .init(
            path: "region", code: "region.unknown",
            detail: "region must be one the catalog prices: "
              + "\(advisor.catalog.regions.joined(separator: ", "))."))
      }
    }
    if let since = values["since"] {
      if let date = Timestamp.parse(since) {
        query.since = date
      } else {
        problems.append(
          .init(
            path: "since", code: "date-time.invalid",
            detail: "since must be an RFC 3339 date-time such as 2026-11-01T00:00:00Z."))
      }
    }
    guard problems.isEmpty else { throw .invalidQuery(problems) }
    return query
  }

  /// The link to the page after `cursor` with the same filters.
  static func link(for query: RecommendationListQuery, cursor: String) -> String {
    var parts = ["limit=\(query.limit)"]
    if let option = query.option { parts.append("option=\(escape(option))") }
    if let region = query.region { parts.append("region=\(escape(region))") }
    if let since = query.since { parts.append("since=\(escape(Timestamp.format(since)))") }
    parts.append("cursor=\(escape(cursor))")
    return RecommendationRoutes.collectionPath + "?" + parts.joined(separator: "&")
  }

  private static func escape(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
  }
}
