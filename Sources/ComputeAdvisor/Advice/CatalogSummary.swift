/// What the advisor knows: its options and the catalog (prices with provenance, limits,
/// parameters). `compute-advisor catalog` prints it; the HTTP API can serve it.
public struct CatalogSummary: Codable, Sendable, Equatable {
  public var catalogVersion: String
  public var effectiveDate: String
  public var currency: String
  public var hoursPerMonth: Double
  public var regions: [String]
  public var options: [OptionSummary]
  public var catalog: CatalogDocument

  public struct OptionSummary: Codable, Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var responsibilities: ResponsibilityMatrix
    public var closedToNewCustomers: Bool
  }
}

extension Advisor {
  public var catalogSummary: CatalogSummary {
    CatalogSummary(
      catalogVersion: catalog.version, effectiveDate: catalog.effectiveDate,
      currency: catalog.document.currency, hoursPerMonth: catalog.hoursPerMonth,
      regions: catalog.regions,
      options: registry.options.map {
        .init(
          id: $0.id, displayName: $0.displayName, responsibilities: $0.responsibilities,
          closedToNewCustomers: $0.closedToNewCustomers)
      },
      catalog: catalog.document)
  }
}
