import ComputeAdvisor

/// `GET /v1/options`: the options weighed, who runs what on each, and the hard limits,
/// task sizes and instance types the advisor sizes with.
struct OptionsDocument: Encodable {
  let catalogVersion: String
  let options: [CatalogSummary.OptionSummary]
  let limits: [Figure]
  let fargateTaskSizes: [FargateTaskSize]
  let instanceTypes: [InstanceType]

  init(summary: CatalogSummary) {
    catalogVersion = summary.catalogVersion
    options = summary.options
    limits = summary.catalog.limits
    fargateTaskSizes = summary.catalog.fargateTaskSizes
    instanceTypes = summary.catalog.instanceTypes
  }
}

/// `GET /v1/pricing`: the catalog's version and dates, its regions and sources, and every
/// price, free-tier allowance and discount with its provenance.
struct PricingDocument: Encodable {
  let catalogVersion: String
  let effectiveDate: String
  let currency: String
  let hoursPerMonth: Double
  let regions: [String]
  let sources: [CatalogSource]
  let prices: [PriceItem]
  let freeTier: [Figure]
  let discounts: [Figure]
  let parameters: [Figure]

  init(summary: CatalogSummary) {
    catalogVersion = summary.catalogVersion
    effectiveDate = summary.effectiveDate
    currency = summary.currency
    hoursPerMonth = summary.hoursPerMonth
    regions = summary.regions
    sources = summary.catalog.sources
    prices = summary.catalog.prices
    freeTier = summary.catalog.freeTier
    discounts = summary.catalog.discounts
    parameters = summary.catalog.parameters
  }
}
