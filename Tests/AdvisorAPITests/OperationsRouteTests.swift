import Foundation
import Testing
import Yams

/// Health, readiness, the contract, the docs page and the reference documents.
@Suite struct OperationsRouteTests {
  /// The repository root, from this file's location.
  private static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func livenessAnswersOK() async throws {
    try await withAPIServer { server in
      let response = try await server.send("GET", "/healthz")
      #expect(response.status == 200)
      #expect(try response.jsonObject()["status"] as? String == "ok")
    }
  }

  @Test func readinessAnswersOKWhileStorageAnswers() async throws {
    try await withAPIServer { server in
      let response = try await server.send("GET", "/readyz")
      #expect(response.status == 200)
      #expect(try response.jsonObject()["status"] as? String == "ready")
    }
  }

  @Test func readinessIs503WhenStorageFails() async throws {
    try await withAPIServer(store: UnavailableStore()) { server in
      let ready = try await server.send("GET", "/readyz")
      #expect(ready.status == 503)
      #expect(ready.header("Retry-After") == "1")
      #expect(ready.header("Content-Type") == "application/problem+json")
      #expect(try ready.jsonObject()["type"] as? String == "/docs#problem-storage-unavailable")
      #expect(try await server.send("GET", "/healthz").status == 200, "liveness stays up")
    }
  }

  @Test func theYAMLContractIsTheRepositoryFileByteForByte() async throws {
    let file = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("openapi.yaml"))
    try await withAPIServer { server in
      let response = try await server.send("GET", "/openapi.yaml")
      #expect(response.status == 200)
      #expect(response.header("Content-Type") == "application/yaml")
      let identical = response.body == Array(file)
      #expect(identical, "served \(response.body.count) bytes, the file has \(file.count)")
    }
  }

  @Test func theJSONContractIsTheYAMLParsed() async throws {
    let text = try String(
      contentsOf: Self.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
    let parsed = try Yams.load(yaml: text, Resolver.default.removing(.timestamp))
    let expected = try #require(CanonicalJSON(yamlValue: parsed))
    try await withAPIServer { server in
      let response = try await server.send("GET", "/openapi.json")
      #expect(response.status == 200)
      #expect(response.header("Content-Type") == "application/json")
      let served = try JSONDecoder().decode(CanonicalJSON.self, from: Data(response.body))
      #expect(served.firstDifference(from: expected) == nil)
      let openapi = try response.jsonObject()["openapi"] as? String
      #expect(openapi?.hasPrefix("3.1") == true)
    }
  }

  @Test func theDocsPageAndItsAssetsAreServed() async throws {
    let resources = Self.repositoryRoot.appendingPathComponent("Sources/AdvisorAPI/Resources")
    try await withAPIServer { server in
      let page = try await server.send("GET", "/docs")
      #expect(page.status == 200)
      #expect(page.header("Content-Type") == "text/html; charset=utf-8")
      #expect(page.text.contains("/docs/docs.js") && page.text.contains("/docs/docs.css"))
      #expect(
        !page.text.contains("http://") && !page.text.contains("https://"), "no external fetch")
      for (asset, type) in [("docs.js", "text/javascript"), ("docs.css", "text/css")] {
        let response = try await server.send("GET", "/docs/\(asset)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "\(type); charset=utf-8")
        let file = try Data(contentsOf: resources.appendingPathComponent(asset))
        let identical = response.body == Array(file)
        #expect(
          identical, "\(asset): served \(response.body.count) bytes, the file has \(file.count)")
      }
    }
  }

  @Test func theOptionsDocumentListsTheSixOptions() async throws {
    try await withAPIServer { server in
      let response = try await server.send("GET", "/v1/options")
      #expect(response.status == 200)
      let document = try response.jsonObject()
      let options = try #require(document["options"] as? [[String: Any]])
      #expect(
        options.compactMap { $0["id"] as? String }
          == ["ec2", "lambda", "ecs-ec2", "ecs-fargate", "eks-ec2", "eks-fargate"])
      for option in options {
        #expect((option["responsibilities"] as? [String: String])?["osPatching"] != nil)
      }
      #expect((document["limits"] as? [Any])?.isEmpty == false)
    }
  }

  @Test func thePricingDocumentNamesItsVersionRegionsAndSources() async throws {
    try await withAPIServer { server in
      let document = try await server.send("GET", "/v1/pricing").jsonObject()
      #expect(document["catalogVersion"] is String)
      #expect(document["effectiveDate"] is String)
      let regions = try #require(document["regions"] as? [String])
      #expect(regions.contains("us-east-1"))
      #expect((document["sources"] as? [Any])?.isEmpty == false)
      #expect((document["prices"] as? [Any])?.isEmpty == false)
    }
  }

  @Test func theContractEnumeratesTheRegionsAndOptionsTheServiceKnows() async throws {
    let schemas = try #require(
      (ContractExamples.contract["components"] as? [String: Any])?["schemas"] as? [String: Any])
    func enumeration(_ name: String) -> Set<String> {
      Set(((schemas[name] as? [String: Any])?["enum"] as? [String]) ?? [])
    }
    try await withAPIServer { server in
      let pricing = try await server.send("GET", "/v1/pricing").jsonObject()
      #expect(Set(try #require(pricing["regions"] as? [String])) == enumeration("Region"))
      let options = try await server.send("GET", "/v1/options").jsonObject()
      let ids = try #require(options["options"] as? [[String: Any]]).compactMap {
        $0["id"] as? String
      }
      #expect(Set(ids) == enumeration("OptionId"))
    }
  }
}
