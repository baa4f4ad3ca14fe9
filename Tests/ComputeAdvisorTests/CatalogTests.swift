import Foundation
import Testing

@testable import ComputeAdvisor

/// The catalog is data with provenance, validated on load; a price it lacks is an error naming
/// the item and the region, never a silent zero or a silent copy of another region.
@Suite struct CatalogTests {
  let document = PricingCatalog.bundled.document

  @Test func theBundledCatalogCarriesProvenanceForEveryFigure() {
    #expect(["us-east-1", "eu-west-1", "ap-northeast-1"].allSatisfy(document.regions.contains))
    let sources = Set(document.sources.map(\.id))
    for item in document.prices {
      for (_, figure) in item.regions {
        #expect(sources.contains(figure.source), "\(item.id): unknown source")
        #expect(figure.effectiveDate.count == 10)
      }
    }
    for figure in document.limits + document.parameters + document.freeTier + document.discounts {
      #expect(sources.contains(figure.source), "\(figure.id): unknown source")
    }
    #expect(document.sources.allSatisfy { $0.url != nil || !$0.title.isEmpty })
  }

  @Test func validationListsEveryProblem() {
    var broken = document
    broken.prices[0].regions["us-east-1"]?.tiers = [
      .init(upTo: 10, usd: 1), .init(upTo: 5, usd: 1), .init(usd: -1),
    ]
    broken.prices[1].regions["us-east-1"]?.source = "nowhere"
    broken.prices[2].regions["mars-1"] = broken.prices[2].regions["us-east-1"]
    broken.discounts[0].value = 1.5
    broken.limits.removeAll { $0.id == "lambda.timeout-seconds" }
    broken.instanceTypes.append(broken.instanceTypes[0])
    broken.effectiveDate = "late 2026"
    do {
      _ = try PricingCatalog(document: broken)
      Issue.record("accepted a broken catalog")
    } catch {
      guard case .invalid(let problems) = error else {
        Issue.record("expected .invalid, got \(error)")
        return
      }
      let text = problems.joined(separator: "\n")
      for needle in [
        "tier 2 upTo must exceed", "tier 3 price must be >= 0", "unknown source 'nowhere'",
        "mars-1: region not in the catalog's regions", "a discount is a fraction below 1",
        "'lambda.timeout-seconds' is missing", "duplicate instance type",
        "effectiveDate 'late 2026'",
      ] {
        #expect(text.contains(needle), "no problem mentions \(needle):\n\(text)")
      }
    }
  }

  @Test func aCatalogFileReplacesTheBundledOne() throws {
    var cheaper = document
    let index = cheaper.prices.firstIndex { $0.id == "lambda.requests.x86_64" }!
    cheaper.prices[index].regions["us-east-1"]?.usd = 0.10
    cheaper.version = "test-1"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-\(UUID()).json")
    try JSONEncoder().encode(cheaper).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let custom = Advisor(catalog: try PricingCatalog.load(from: url))
    let json =
      #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 10000000}, "execution": {"averageDurationMs": 100}}"#
    let answer = custom.recommend(try custom.parseWorkload(Array(json.utf8)))
    #expect(answer.pricing.catalogVersion == "test-1")
    #expect(answer.option("lambda").cents(.requests) == 1.00)
    #expect(advisor.recommend(try workload(json)).option("lambda").cents(.requests) == 2.00)
  }

  @Test func unreadableAndMalformedCatalogsAreErrors() {
    #expect(throws: CatalogError.self) {
      try PricingCatalog.load(from: URL(fileURLWithPath: "/nonexistent/catalog.json"))
    }
    do {
      _ = try PricingCatalog.decode(Data("{\"schemaVersion\": 1}".utf8))
      Issue.record("accepted an empty catalog")
    } catch {
      #expect(error.code == "catalog.malformed")
    }
  }

  /// ap-northeast-1 has Fargate and Lambda prices but no load balancer, API Gateway or EC2
  /// price in the facts file: the options that need them say so, by item and region.
  @Test func aMissingRegionalPriceIsAnErrorNamingItemAndRegion() throws {
    let answer = advisor.recommend(
      try workload(
        #"{"pattern": "request-driven", "region": "ap-northeast-1", "packaging": "container", "traffic": {"requestsPerMonth": 5000000}, "execution": {"averageDurationMs": 100}}"#
      ))
    let fargate = answer.option("ecs-fargate")
    #expect(fargate.eligible)
    #expect(fargate.monthlyCost == nil)
    #expect(fargate.pricingError?.code == "catalog.price-missing")
    #expect(fargate.pricingError?.item == "elb.alb.hour")
    #expect(fargate.pricingError?.region == "ap-northeast-1")
    #expect(answer.option("lambda").pricingError?.item == "apigateway.http.requests")
    #expect(answer.option("ec2").pricingError?.code == "catalog.no-priced-instance")
    #expect(
      answer.warnings.contains { $0.code == "catalog.price-missing" && $0.option == "ecs-fargate" })
    // No silent zero: an unpriced option has no cost and no TCO.
    #expect(fargate.totalCostOfOwnershipUSD == nil)
  }

  @Test func regionalPricesAreTheRegionsOwnWithProvenance() throws {
    let answer = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "region": "ap-northeast-1", "packaging": "container", "traffic": {"requestsPerMonth": 5000000}, "execution": {"averageDurationMs": 100}}"#
      ))
    let vcpu = answer.option("ecs-fargate").lines("fargate.linux.x86_64.vcpu-hour").first
    #expect(vcpu?.unitPriceUSD == 0.05056)
    let requests = answer.pricing.figures.first { $0.id == "lambda.requests.x86_64" }
    #expect(requests?.region == "ap-northeast-1")
    #expect(requests?.source == "facts-file")
    #expect(requests?.note?.contains("same as us-east-1") == true)
  }

  @Test func aQuantityBeyondTheKnownTiersIsAnError() throws {
    // eu-west-1 knows Lambda duration at tier 1 only (the first 6B GB-seconds).
    let answer = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "region": "eu-west-1", "traffic": {"requestsPerMonth": 7000000000}, "execution": {"averageDurationMs": 1000}, "resources": {"memoryMiB": 1024}}"#
      ))
    let error = answer.option("lambda").pricingError
    #expect(error?.code == "catalog.tier-missing")
    #expect(error?.item == "lambda.duration.x86_64")
    #expect(error?.region == "eu-west-1")
  }

  /// The tiers are applied by tier: a wrong boundary or price fails here.
  @Test func lambdaDurationTiers() throws {
    let x86 = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 7000000000}, "execution": {"averageDurationMs": 1000}, "resources": {"memoryMiB": 1024}}"#
      )
    ).option("lambda").lines("lambda.duration.x86_64")
    #expect(x86.map(\.tier) == [1, 2])
    #expect(x86.map(\.quantity) == [6e9, 1e9])
    #expect(x86.map(\.amountUSD.cents) == [100_000.20, 15_000.00])

    let arm = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 10000000000}, "execution": {"averageDurationMs": 1000}, "resources": {"memoryMiB": 1024, "architecture": "arm64"}}"#
      )
    ).option("lambda").lines("lambda.duration.arm64")
    #expect(arm.map(\.quantity) == [7.5e9, 2.5e9])
    #expect(arm.map(\.amountUSD.cents) == [100_000.50, 30_000.25])
  }

  @Test func apiGatewayTiers() throws {
    let lines = advisor.recommend(
      try workload(
        #"{"pattern": "request-driven", "traffic": {"requestsPerMonth": 400000000}, "execution": {"averageDurationMs": 50}}"#
      )
    ).option("lambda").lines("apigateway.http.requests")
    #expect(lines.map(\.amountUSD.cents) == [300.00, 90.00])
  }

  @Test func theAnswerNamesEveryFigureItUsed() throws {
    let answer = advisor.recommend(
      try workload(
        #"{"pattern": "request-driven", "packaging": "container", "traffic": {"requestsPerMonth": 50000000, "dataTransferOutGBPerMonth": 300}, "execution": {"averageDurationMs": 100}, "purchase": {"purchaseOption": "savings-plan-1y", "applyFreeTier": true}}"#
      ))
    let listed = Set(answer.pricing.figures.map(\.id))
    for option in answer.options {
      for line in option.monthlyCost?.lines ?? [] {
        #expect(listed.contains(line.priceId), "\(line.priceId) not in pricing")
        if let id = line.discountId { #expect(listed.contains(id)) }
        if let id = line.freeTierId { #expect(listed.contains(id)) }
      }
    }
    let sources = Set(answer.pricing.sources.map(\.id))
    #expect(answer.pricing.figures.allSatisfy { sources.contains($0.source) })
    #expect(answer.pricing.catalogVersion == advisor.catalog.version)
    #expect(answer.warnings.contains { $0.code == "pricing.low-confidence" })
  }
}
