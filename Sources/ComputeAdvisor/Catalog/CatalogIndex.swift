/// The catalog's ids numbered once when it loads, so that an answer's provenance is ordered
/// and cited without comparing or hashing strings: every figure and price id gets its place
/// in `<` order (the order the answer lists figures in), and every source id the places it
/// holds in the catalog's list of sources.
struct CatalogIndex: Sendable {
  private let ranks: [String: Int]
  private let sourcePlaces: [String: [Int]]
  /// How many ids are numbered (ranks run from 0 to `count - 1`).
  let count: Int

  /// Numbers the ids of `figures` and `prices`, and the sources of `document`.
  init(figureIDs: some Sequence<String>, priceIDs: some Sequence<String>, document: CatalogDocument)
  {
    let ids = Set(figureIDs).union(priceIDs).sorted()
    var ranks: [String: Int] = [:]
    for (rank, id) in ids.enumerated() { ranks[id] = rank }
    self.ranks = ranks
    count = ids.count
    var sourcePlaces: [String: [Int]] = [:]
    for (place, source) in document.sources.enumerated() {
      sourcePlaces[source.id, default: []].append(place)
    }
    self.sourcePlaces = sourcePlaces
  }

  /// An id's place in `<` order among the catalog's ids; -1 for an id the catalog lacks.
  func rank(_ id: String) -> Int { ranks[id] ?? -1 }

  /// Where a source id appears in the catalog's sources (empty when it does not).
  func sourcePlaces(_ source: String) -> [Int] { sourcePlaces[source] ?? [] }
}

/// A used figure's provenance as an answer lists it, with its rank (`CatalogIndex.rank`) and
/// the places of its source among the catalog's sources.
struct RankedProvenance: Sendable {
  let figure: UsedFigure
  let rank: Int
  let sourcePlaces: [Int]

  init(_ figure: UsedFigure, _ index: CatalogIndex) {
    self.figure = figure
    rank = index.rank(figure.id)
    sourcePlaces = index.sourcePlaces(figure.source)
  }
}
