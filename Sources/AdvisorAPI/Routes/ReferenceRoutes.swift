import ComputeAdvisor
import Foundation
import HTTPServer

/// `GET /v1/options` (the compute options, their limits and management matrix) and
/// `GET /v1/pricing` (catalog version, regions, effective dates, sources). Both are
/// encoded once at start-up: the catalog does not change while the process runs.
struct ReferenceRoutes: Sendable {
  let options: [UInt8]
  let pricing: [UInt8]

  init(advisor: Advisor) throws {
    let summary = advisor.catalogSummary
    options = Array(try Advisor.encode(OptionsDocument(summary: summary), pretty: false))
    pricing = Array(try Advisor.encode(PricingDocument(summary: summary), pretty: false))
  }

  func register(on router: Router) {
    router.get("/v1/options") { [options] request, _ in
      _ = try RequestChecks.negotiate(request, offering: ["application/json"])
      return .json(options)
    }
    router.get("/v1/pricing") { [pricing] request, _ in
      _ = try RequestChecks.negotiate(request, offering: ["application/json"])
      return .json(pricing)
    }
  }
}
