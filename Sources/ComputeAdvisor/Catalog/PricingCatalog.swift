import Foundation

/// Why a catalog could not be loaded, or a price it lacks was needed.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(String)
  /// Not JSON, or not the catalog's shape.
  case malformed(String)
  /// Well-formed but wrong: every problem found.
  case invalid([String])
  /// The catalog has no figure for `item` in `region`.
  case priceMissing(item: String, region: String)
  /// The quantity runs past the last tier the catalog knows for `item` in `region`.
  case tierMissing(item: String, region: String, quantity: Double, knownUpTo: Double)
  /// No instance type that fits the workload has a price in `region`.
  case noPricedInstance(region: String, items: [String])

  /// Stable code for answers and problem documents.
  public var code: String {
    switch self {
    case .unreadable: return "catalog.unreadable"
    case .malformed: return "catalog.malformed"
    case .invalid: return "catalog.invalid"
    case .priceMissing: return "catalog.price-missing"
    case .tierMissing: return "catalog.tier-missing"
    case .noPricedInstance: return "catalog.no-priced-instance"
    }
  }

  public var description: String {
    switch self {
    case .unreadable(let message): return "cannot read the pricing catalog: \(message)"
    case .malformed(let message): return "the pricing catalog is malformed: \(message)"
    case .invalid(let problems):
      return "the pricing catalog is invalid:\n"
        + problems.map { "- \($0)" }.joined(separator: "\n")
    case .priceMissing(let item, let region):
      return "the pricing catalog has no price for \(item) in \(region)"
    case .tierMissing(let item, let region, let quantity, let knownUpTo):
      return "the pricing catalog knows \(item) in \(region) only up to \(Format.count(knownUpTo)) "
        + "units; \(Format.count(quantity)) needed"
    case .noPricedInstance(let region, let items):
      return "no instance type that fits has a price in \(region) in the pricing catalog "
        + "(unpriced: \(items.prefix(6).joined(separator: ", ")))"
    }
  }
}

/// The prices, limits and model parameters the advisor computes with: data, never constants
/// in code. Every figure carries its source, confidence and effective date.
public struct PricingCatalog: Sendable {
  public let document: CatalogDocument
  let figures: [String: Figure]
  /// Where each region-independent figure comes from, by id.
  let figureProvenance: [String: UsedFigure]
  /// The catalog's ids numbered, and each region-independent figure's provenance by its rank.
  let index: CatalogIndex
  let rankedFigures: [RankedProvenance?]
  let items: [String: PriceItem]
  let sourcesByID: [String: CatalogSource]
  let model: ModelFigures
  let regional: [String: RegionalPrices]

  /// The catalog shipped with the package (`Resources/pricing-catalog.json`).
  public static let bundled: PricingCatalog = {
    do {
      return try loadBundled()
    } catch {
      fatalError("the bundled pricing catalog does not load: \(error)")
    }
  }()

  public static func loadBundled() throws(CatalogError) -> PricingCatalog {
    guard let url = Bundle.module.url(forResource: "pricing-catalog", withExtension: "json")
    else { throw .unreadable("pricing-catalog.json is missing from the bundle") }
    return try load(from: url)
  }

  /// Reads and validates a catalog file (to replace the bundled one at run time).
  public static func load(from url: URL) throws(CatalogError) -> PricingCatalog {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable("\(url.path): \(error.localizedDescription)")
    }
    return try decode(data)
  }

  /// Decodes and validates catalog JSON.
  public static func decode(_ data: Data) throws(CatalogError) -> PricingCatalog {
    let document: CatalogDocument
    do {
      document = try JSONDecoder().decode(CatalogDocument.self, from: data)
    } catch let error as DecodingError {
      throw .malformed(describe(error))
    } catch {
      throw .malformed("\(error)")
    }
    return try PricingCatalog(document: document)
  }

  /// Validates a document and builds the indexes the advisor uses.
  public init(document: CatalogDocument) throws(CatalogError) {
    let problems = CatalogValidator.problems(in: document)
    guard problems.isEmpty else { throw .invalid(problems) }
    self.document = document
    var figures: [String: Figure] = [:]
    for figure in document.limits + document.parameters + document.freeTier + document.discounts {
      figures[figure.id] = figure
    }
    self.figures = figures
    self.figureProvenance = figures.mapValues {
      UsedFigure(
        id: $0.id, region: nil, source: $0.source, confidence: $0.confidence,
        effectiveDate: $0.effectiveDate, note: $0.note)
    }
    self.items = Dictionary(document.prices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.sourcesByID = Dictionary(
      document.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let index = CatalogIndex(
      figureIDs: figures.keys, priceIDs: document.prices.map(\.id), document: document)
    self.index = index
    var rankedFigures = [RankedProvenance?](repeating: nil, count: index.count)
    for figure in figureProvenance.values {
      let ranked = RankedProvenance(figure, index)
      rankedFigures[ranked.rank] = ranked
    }
    self.rankedFigures = rankedFigures
    var missing: [String] = []
    self.model = ModelFigures(figures: figures, missing: &missing, index: index)
    guard missing.isEmpty else {
      throw .invalid(missing.map { "required figure '\($0)' is missing" })
    }
    var regional: [String: RegionalPrices] = [:]
    for region in document.regions {
      regional[region] = RegionalPrices(
        region: region, items: items, document: document, index: index)
    }
    self.regional = regional
  }

  public var version: String { document.version }
  public var effectiveDate: String { document.effectiveDate }
  public var regions: [String] { document.regions }
  public var hoursPerMonth: Double { document.hoursPerMonth }

  /// A region-independent figure by id (limits, parameters, free tier, discounts).
  public func figure(_ id: String) -> Figure? { figures[id] }

  /// The figure of a price item in a region; nil when the catalog has none.
  public func price(_ id: String, region: String) -> PriceFigure? {
    items[id]?.regions[region]
  }

  public func source(_ id: String) -> CatalogSource? { sourcesByID[id] }

  /// The prices of one region; a region outside the catalog gets an empty table, so that
  /// every price it needs is reported missing.
  func prices(in region: String) -> RegionalPrices {
    regional[region]
      ?? RegionalPrices(region: region, items: [:], document: document, index: index)
  }

  /// Accelerator kinds the instance types offer (for validating `resources.gpu.kind`).
  var acceleratorKinds: [String] {
    var kinds: [String] = []
    for type in document.instanceTypes {
      if let kind = type.accelerator?.kind, !kinds.contains(kind) { kinds.append(kind) }
    }
    return kinds
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        .joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing '\(key.stringValue)' at '\(path(context))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(context.debugDescription) at '\(path(context))'"
    case .dataCorrupted(let context):
      return "\(context.debugDescription) at '\(path(context))'"
    @unknown default:
      return "\(error)"
    }
  }
}
