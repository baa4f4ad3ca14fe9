import Foundation
import Testing

/// `GET /v1/recommendations`: newest first, keyset pages, filters and parameter errors.
@Suite struct HistoryListingTests {
  /// Posts `count` distinct workloads one after another; returns their ids, oldest first.
  private func postWorkloads(
    _ count: Int, to server: APITestServer, region: String? = nil, prefix: String = "item"
  ) async throws -> [String] {
    var ids: [String] = []
    for index in 0..<count {
      var workload = ContractExamples.webBackend
      workload["name"] = "\(prefix) \(index)"
      if let region { workload["region"] = region }
      let response = try await server.postJSON(
        "/v1/recommendations", ContractExamples.bytes(workload))
      try #require(response.status == 201, "\(response.text)")
      ids.append(try #require(try response.jsonObject()["id"] as? String))
    }
    return ids
  }

  /// Follows `links.next` from `target`; returns every page's item ids in order.
  private func walkPages(_ target: String, on server: APITestServer) async throws -> [[String]] {
    var pages: [[String]] = []
    var next: String? = target
    while let current = next {
      let response = try await server.send("GET", current)
      try #require(response.status == 200, "\(response.text)")
      let page = try response.jsonObject()
      let items = try #require(page["items"] as? [[String: Any]])
      pages.append(items.compactMap { $0["id"] as? String })
      next = (page["links"] as? [String: String])?["next"]
      #expect((page["nextCursor"] == nil) == (next == nil))
      #expect((response.header("Link") != nil) == (next != nil))
      #expect(pages.count < 100, "the pages never end")
    }
    return pages
  }

  @Test func listsNewestFirstInKeysetPages() async throws {
    try await withAPIServer { server in
      let ids = try await postWorkloads(7, to: server)
      let pages = try await walkPages("/v1/recommendations?limit=3", on: server)
      #expect(pages.map(\.count) == [3, 3, 1])
      #expect(Array(pages.joined()) == ids.reversed())

      let first = try await server.send("GET", "/v1/recommendations?limit=3").jsonObject()
      let item = try #require((first["items"] as? [[String: Any]])?.first)
      #expect(item["region"] as? String == "us-east-1")
      #expect(item["recommendedOption"] is String)
      #expect(item["createdAt"] is String)
      #expect((item["links"] as? [String: String])?["self"] == "/v1/recommendations/\(ids[6])")
    }
  }

  @Test func theDefaultPageHoldsTwenty() async throws {
    try await withAPIServer { server in
      _ = try await postWorkloads(21, to: server)
      let page = try await server.send("GET", "/v1/recommendations").jsonObject()
      #expect((page["items"] as? [Any])?.count == 20)
      #expect(page["nextCursor"] is String)
    }
  }

  @Test func filtersByRegionOptionAndSince() async throws {
    try await withAPIServer { server in
      let virginia = try await postWorkloads(2, to: server, prefix: "virginia")
      let cutoff = Date()
      try await Task.sleep(for: .milliseconds(5))
      let ireland = try await postWorkloads(3, to: server, region: "eu-west-1", prefix: "ireland")

      let inIreland = try await walkPages(
        "/v1/recommendations?region=eu-west-1&limit=2", on: server)
      #expect(Array(inIreland.joined()) == ireland.reversed())

      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      let since = formatter.string(from: cutoff).replacingOccurrences(of: ":", with: "%3A")
      let recent = try await walkPages("/v1/recommendations?since=\(since)", on: server)
      #expect(Array(recent.joined()) == ireland.reversed())

      let document = try await server.send("GET", "/v1/recommendations/\(virginia[0])")
        .jsonObject()
      let option = try #require(
        (document["recommendation"] as? [String: Any])?["option"] as? String)
      let sameOption = try await walkPages("/v1/recommendations?option=\(option)", on: server)
      #expect(Array(sameOption.joined()).contains(virginia[0]))
      let others = ["ec2", "lambda", "ecs-ec2", "ecs-fargate", "eks-ec2", "eks-fargate"]
        .filter { $0 != option }
      var total = sameOption.joined().count
      for other in others {
        total += try await walkPages("/v1/recommendations?option=\(other)", on: server)
          .joined().count
      }
      #expect(total == virginia.count + ireland.count)
    }
  }

  @Test func everyInvalidParameterIsListed() async throws {
    try await withAPIServer { server in
      let response = try await server.send(
        "GET",
        "/v1/recommendations?limit=0&option=mainframe&region=mars-1&since=yesterday&colour=red")
      #expect(response.status == 400)
      #expect(response.header("Content-Type") == "application/problem+json")
      let problem = try response.jsonObject()
      #expect(problem["type"] as? String == "/docs#problem-invalid-query")
      let errors = try #require(problem["errors"] as? [[String: Any]])
      #expect(
        Set(errors.compactMap { $0["path"] as? String })
          == ["limit", "option", "region", "since", "colour"])
      for error in errors {
        #expect(error["code"] is String)
        #expect(error["detail"] is String)
      }
    }
  }

  @Test(arguments: ["limit=201", "limit=ten", "limit=-1", "cursor=", "cursor=bm90LWEtY3Vyc29y"])
  func badPagingParametersAre400(query: String) async throws {
    try await withAPIServer { server in
      let response = try await server.send("GET", "/v1/recommendations?\(query)")
      #expect(response.status == 400, "\(query): \(response.text)")
      let errors = try #require(try response.jsonObject()["errors"] as? [[String: Any]])
      #expect(errors.map { $0["path"] as? String } == [String(query.prefix { $0 != "=" })])
    }
  }

  @Test func pagesStayStableWhileOthersInsert() async throws {
    try await withAPIServer { server in
      let existing = try await postWorkloads(12, to: server, prefix: "before")
      // Writers keep inserting newer records while the reader walks the pages.
      let writers = Task {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for writer in 0..<3 {
            group.addTask {
              for index in 0..<6 {
                let response = try await server.postJSON(
                  "/v1/recommendations",
                  ContractExamples.webBackend(named: "during \(writer)-\(index)"))
                #expect(response.status == 201)
              }
            }
          }
          try await group.waitForAll()
        }
      }
      let pages = try await walkPages("/v1/recommendations?limit=2", on: server)
      try await writers.value
      let seen = Array(pages.joined())
      #expect(Set(seen).count == seen.count, "an item appeared twice")
      // Every record stored before the walk began appears once, in newest-first order,
      // however many newer ones were inserted meanwhile.
      #expect(seen.filter(existing.contains) == existing.reversed())
      #expect(try await server.storedRecordCount() == 12 + 18)
    }
  }

  @Test(arguments: [
    "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5Z", "2020-01-01T02:00:00%2B02:00",
    "2019-12-31T18:30:00-05:30", "2020-01-01t00:00:00z", "2020-01-01T00:00:00.123456789Z",
  ])
  func sinceAcceptsEveryRFC3339Form(since: String) async throws {
    try await withAPIServer { server in
      let ids = try await postWorkloads(1, to: server)
      let response = try await server.send("GET", "/v1/recommendations?since=\(since)")
      #expect(response.status == 200, "\(since): \(response.text)")
      let items = try response.jsonObject()["items"] as? [[String: Any]]
      #expect(items?.compactMap { $0["id"] as? String } == ids)
      let future = try await server.send("GET", "/v1/recommendations?since=2999-01-01T00:00:00Z")
      #expect((try future.jsonObject()["items"] as? [Any])?.isEmpty == true)
    }
  }
}
