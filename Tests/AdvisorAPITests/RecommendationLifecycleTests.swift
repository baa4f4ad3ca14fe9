import Foundation
import Testing

/// `POST /v1/recommendations`, `GET` and `DELETE` of one record, over real sockets.
@Suite struct RecommendationLifecycleTests {
  @Test func createAnswers201WithLocationETagAndTheWholeAnswer() async throws {
    try await withAPIServer { server in
      let response = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "lifecycle"))
      #expect(response.status == 201)
      #expect(response.header("Content-Type") == "application/json")
      let document = try response.jsonObject()
      let id = try #require(document["id"] as? String)
      #expect(UUID(uuidString: id) != nil && id == id.lowercased())
      #expect(response.header("Location") == "/v1/recommendations/\(id)")
      let etag = try #require(response.header("ETag"))
      #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2)
      let createdAt = try #require(document["createdAt"] as? String)
      #expect(
        ISO8601DateFormatter().date(
          from: createdAt.replacingOccurrences(
            of: #"\.\d+"#, with: "", options: .regularExpression)) != nil)
      #expect((document["links"] as? [String: String])?["self"] == "/v1/recommendations/\(id)")
      #expect(document["workloadName"] as? String == "lifecycle")
      #expect(document["region"] as? String == "us-east-1")
      let options = try #require(document["options"] as? [[String: Any]])
      #expect(
        Set(options.compactMap { $0["option"] as? String })
          == ["ec2", "lambda", "ecs-ec2", "ecs-fargate", "eks-ec2", "eks-fargate"])
      for option in options {
        #expect(option["eligible"] is Bool)
        #expect(option["reasons"] is [Any])
      }
      let eligible = options.filter { $0["eligible"] as? Bool == true }
      #expect(!eligible.isEmpty)
      for option in eligible {
        #expect((option["monthlyCost"] as? [String: Any])?["lines"] is [Any])
        #expect((option["management"] as? [String: Any])?["responsibilities"] is [String: Any])
        #expect(option["totalCostOfOwnershipUSD"] is Double)
      }
      let pick = try #require(document["recommendation"] as? [String: Any])
      #expect(eligible.contains { $0["option"] as? String == pick["option"] as? String })
      for key in ["breakEven", "assumptions", "warnings"] { #expect(document[key] is [Any]) }
      #expect((document["pricing"] as? [String: Any])?["catalogVersion"] is String)
      #expect(try await server.storedRecordCount() == 1)
    }
  }

  @Test func everyContractExampleIsAccepted() async throws {
    try await withAPIServer { server in
      for (name, workload) in ContractExamples.workloads.sorted(by: { $0.key < $1.key }) {
        let response = try await server.postJSON(
          "/v1/recommendations", ContractExamples.bytes(workload))
        #expect(response.status == 201, "example \(name): \(response.text)")
      }
      #expect(try await server.storedRecordCount() == ContractExamples.workloads.count)
    }
  }

  @Test func readReturnsTheCreatedBytesAndHonoursIfNoneMatch() async throws {
    try await withAPIServer { server in
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "read back"))
      let location = try #require(created.header("Location"))
      let etag = try #require(created.header("ETag"))

      let read = try await server.send("GET", location)
      #expect(read.status == 200)
      #expect(read.body == created.body)
      #expect(read.header("ETag") == etag)

      let revalidated = try await server.send("GET", location, headers: [("If-None-Match", etag)])
      #expect(revalidated.status == 304)
      #expect(revalidated.body.isEmpty)
      #expect(revalidated.header("ETag") == etag)

      let listed = try await server.send(
        "GET", location, headers: [("If-None-Match", "\"other\", W/\(etag)")])
      #expect(listed.status == 304)

      let stale = try await server.send("GET", location, headers: [("If-None-Match", "\"stale\"")])
      #expect(stale.status == 200)
      #expect(stale.body == created.body)
    }
  }

  @Test func deleteAnswers204ThenTheRecordIsGone() async throws {
    try await withAPIServer { server in
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "to delete"))
      let location = try #require(created.header("Location"))

      let deleted = try await server.send("DELETE", location)
      #expect(deleted.status == 204)
      #expect(deleted.body.isEmpty)

      for method in ["GET", "DELETE"] {
        let again = try await server.send(method, location)
        #expect(again.status == 404)
        #expect(again.header("Content-Type") == "application/problem+json")
        #expect(try again.jsonObject()["type"] as? String == "/docs#problem-not-found")
      }
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test func unknownAndMalformedIdentifiersAre404() async throws {
    try await withAPIServer { server in
      for id in [UUID().uuidString.lowercased(), "not-an-id", "%2e%2e"] {
        let response = try await server.send("GET", "/v1/recommendations/\(id)")
        #expect(response.status == 404, "id \(id)")
        #expect(try response.jsonObject()["status"] as? Int == 404)
      }
    }
  }

  @Test func anOptionalFieldGivenAsNullMeansTheDefault() async throws {
    try await withAPIServer { server in
      var withNulls = ContractExamples.webBackend
      var without = withNulls
      for key in ["region", "packaging"] {
        withNulls[key] = NSNull()
        without[key] = nil
      }
      withNulls["purchase"] = ["applyFreeTier": NSNull(), "purchaseOption": NSNull()]
      withNulls["resources"] = ["vcpu": 0.5, "memoryMiB": 1024, "architecture": NSNull()]
      without["resources"] = ["vcpu": 0.5, "memoryMiB": 1024]
      let nulls = try await server.postJSON(
        "/v1/recommendations", ContractExamples.bytes(withNulls))
      #expect(nulls.status == 201, "\(nulls.text)")
      let absent = try await server.postJSON(
        "/v1/recommendations", ContractExamples.bytes(without))
      #expect(absent.status == 201, "\(absent.text)")
      for key in ["options", "assumptions", "recommendation", "region"] {
        let left = try nulls.jsonObject()[key] as? NSObject
        let right = try absent.jsonObject()[key] as? NSObject
        #expect(left != nil && left == right, "\(key) differs")
      }

      var missingPattern = ContractExamples.webBackend
      missingPattern["pattern"] = NSNull()
      let rejected = try await server.postJSON(
        "/v1/recommendations", ContractExamples.bytes(missingPattern))
      #expect(rejected.status == 422)
      let paths = try (rejected.jsonObject()["errors"] as? [[String: Any]])?.compactMap {
        $0["path"] as? String
      }
      #expect(paths == ["pattern"])
    }
  }
}
