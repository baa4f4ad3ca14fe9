import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `POST /v1/comparisons`: the sweep as JSON and as an SVG chart; nothing is stored.
@Suite struct ComparisonTests {
  private var request: [UInt8] { ContractExamples.bytes(ContractExamples.comparison) }

  @Test func theSweepComesBackAsJSON() async throws {
    try await withAPIServer { server in
      let response = try await server.postJSON("/v1/comparisons", request)
      #expect(response.status == 200, "\(response.text)")
      #expect(response.header("Content-Type") == "application/json")
      let comparison = try response.jsonObject()
      #expect(comparison["parameter"] as? String == "requestRate")
      #expect(comparison["metric"] as? String == "infrastructure")
      #expect(comparison["current"] as? Double == 5_000_000)
      let points = try #require(comparison["points"] as? [[String: Any]])
      #expect(points.count == ContractExamples.comparison["points"] as? Int)
      let values = points.compactMap { $0["value"] as? Double }
      #expect(values == values.sorted() && Set(values).count == values.count)
      for point in points {
        #expect((point["costs"] as? [[String: Any]])?.count == 6)
      }
      let breakEven = try #require(comparison["breakEven"] as? [[String: Any]])
      for flip in breakEven {
        let value = try #require(flip["value"] as? Double)
        #expect(values.first! <= value && value <= values.last!)
        #expect(flip["below"] as? String != flip["above"] as? String)
      }
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test func acceptingSVGDrawsTheSameSweepAsAChart() async throws {
    try await withAPIServer { server in
      let json = try await server.postJSON("/v1/comparisons", request).jsonObject()
      let response = try await server.postJSON(
        "/v1/comparisons", request, headers: [("Accept", "image/svg+xml")])
      #expect(response.status == 200)
      #expect(response.header("Content-Type") == "image/svg+xml")
      #expect(response.text.contains("<svg"))
      let parser = XMLParser(data: Data(response.body))
      #expect(
        parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
      // Every option priced somewhere along the sweep is in the legend.
      let points = try #require(json["points"] as? [[String: Any]])
      let options = try await server.send("GET", "/v1/options").jsonObject()
      let names = Dictionary(
        uniqueKeysWithValues: try #require(options["options"] as? [[String: Any]]).map {
          ($0["id"] as! String, $0["displayName"] as! String)
        })
      let priced = Set(
        points.flatMap { ($0["costs"] as? [[String: Any]]) ?? [] }
          .filter { $0["monthlyCostUSD"] != nil }.compactMap { $0["option"] as? String })
      #expect(!priced.isEmpty)
      for option in priced {
        let name = try #require(names[option])
        #expect(
          response.text.contains(name.replacingOccurrences(of: "&", with: "&amp;")), "\(name)")
      }
    }
  }

  @Test func anInvalidSweepIs422ListingEveryBadField() async throws {
    try await withAPIServer { server in
      let invalidWorkload = Array(
        #"{"parameter": "colour", "workload": {"pattern": "batch", "traffic": {"jobsPerMonth": 0}}}"#
          .utf8)
      let response = try await server.postJSON("/v1/comparisons", invalidWorkload)
      #expect(response.status == 422)
      let errors = try #require(try response.jsonObject()["errors"] as? [[String: Any]])
      let paths = Set(errors.compactMap { $0["path"] as? String })
      #expect(paths.isSuperset(of: ["parameter", "workload.traffic.jobsPerMonth"]), "\(paths)")

      var badRange = ContractExamples.comparison
      badRange["points"] = 1
      badRange["from"] = 1e20
      let rangeResponse = try await server.postJSON(
        "/v1/comparisons", ContractExamples.bytes(badRange))
      #expect(rangeResponse.status == 422)
      let rangeErrors = try #require(try rangeResponse.jsonObject()["errors"] as? [[String: Any]])
      #expect(Set(rangeErrors.compactMap { $0["path"] as? String }) == ["points", "from"])
    }
  }
}
