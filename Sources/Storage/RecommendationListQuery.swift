import Foundation

/// The parameters of ``RecommendationStore/list(_:)``: page size, position and filters.
public struct RecommendationListQuery: Sendable, Equatable {
  /// The page sizes a store accepts.
  public static let limitRange: ClosedRange<Int> = 1...200

  /// Maximum number of records on the page, within ``limitRange``.
  public var limit: Int
  /// ``RecommendationPage/nextCursor`` of the previous page; `nil` for the first page.
  public var cursor: String?
  /// Only records whose ``StoredRecommendation/recommendedOption`` equals this.
  public var option: String?
  /// Only records priced in this region.
  public var region: String?
  /// Only records created at or after this instant.
  public var since: Date?
  /// Whose records are visible (see ``ClientScope``).
  public var scope: ClientScope

  /// Creates a query; `clientID` and `isAdmin` set ``scope`` as in
  /// ``RecommendationStore/record(id:clientID:isAdmin:)``.
  public init(
    limit: Int = 50,
    cursor: String? = nil,
    option: String? = nil,
    region: String? = nil,
    since: Date? = nil,
    clientID: String? = nil,
    isAdmin: Bool = false
  ) {
    self.limit = limit
    self.cursor = cursor
    self.option = option
    self.region = region
    self.since = since
    self.scope = ClientScope(clientID: clientID, isAdmin: isAdmin)
  }

  /// Checks the limit and decodes the cursor, throwing the ``StoreError`` the API maps to 400.
  func validated() throws -> (limit: Int, after: PageCursor?) {
    guard Self.limitRange.contains(limit) else { throw StoreError.invalidLimit(limit) }
    return (limit, try cursor.map(PageCursor.init(encoded:)))
  }
}

/// One page of ``RecommendationStore/list(_:)``.
public struct RecommendationPage: Sendable, Equatable {
  /// The records, newest first.
  public var records: [StoredRecommendation]
  /// Opaque cursor for the next page; `nil` when this page is the last one.
  public var nextCursor: String?

  /// Creates a page.
  public init(records: [StoredRecommendation], nextCursor: String?) {
    self.records = records
    self.nextCursor = nextCursor
  }

  /// Builds a page from up to `limit + 1` rows fetched in list order: the extra row only
  /// proves that another page exists.
  init(rowsFetchedWithOneExtra rows: [StoredRecommendation], limit: Int) {
    let records = Array(rows.prefix(limit))
    self.records = records
    if rows.count > limit, let last = records.last {
      nextCursor = PageCursor(after: last).encoded
    } else {
      nextCursor = nil
    }
  }
}
