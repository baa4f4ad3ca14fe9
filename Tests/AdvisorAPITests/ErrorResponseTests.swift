import Foundation
import Testing

/// Every error the API promises: an RFC 9457 problem document with the right status, and
/// nothing stored for a rejected request.
@Suite struct ErrorResponseTests {
  /// The docs page's HTML, as shipped (`/docs` serves these bytes; see OperationsRouteTests).
  private static func docsPage() throws -> String {
    let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/AdvisorAPI/Resources/docs.html").standardized
    return try String(contentsOf: resources, encoding: .utf8)
  }

  /// Checks the problem document's common members and returns it.
  @discardableResult
  private func expectProblem(
    _ response: WireResponse, status: Int, type: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [String: Any] {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(
      response.header("Content-Type") == "application/problem+json",
      sourceLocation: sourceLocation)
    let problem = try response.jsonObject()
    #expect(problem["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect(problem["title"] is String, sourceLocation: sourceLocation)
    if let type { #expect(problem["type"] as? String == type, sourceLocation: sourceLocation) }
    // Every problem type but about:blank is described on the docs page, under its anchor.
    let problemType = try #require(problem["type"] as? String, sourceLocation: sourceLocation)
    if problemType != "about:blank" {
      #expect(problemType.hasPrefix("/docs#problem-"), sourceLocation: sourceLocation)
      let anchor = "id=\"\(problemType.dropFirst("/docs#".count))\""
      #expect(
        try Self.docsPage().contains(anchor), "docs.html has no \(anchor)",
        sourceLocation: sourceLocation)
    }
    return problem
  }

  @Test func malformedJSONIs400WithLineAndColumn() async throws {
    try await withAPIServer { server in
      let body = Array("{\n  \"pattern\": \"batch\",\n  \"name\": oops\n}".utf8)
      let response = try await server.postJSON("/v1/recommendations", body)
      let problem = try expectProblem(response, status: 400, type: "/docs#problem-malformed-json")
      #expect(problem["line"] as? Int == 3)
      #expect(problem["column"] as? Int == 11)
      #expect((problem["detail"] as? String)?.contains("line 3") == true)
      #expect(problem["instance"] as? String == "/v1/recommendations")
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test func anInvalidWorkloadIs422ListingEveryBadFieldByPath() async throws {
    try await withAPIServer { server in
      let body = Array(
        """
        {"pattern": "teleport", "colour": "red",
         "traffic": {"requestsPerSecond": {"average": -1, "peak": 5}},
         "resources": {"memoryMiB": 64, "architecture": "sparc"}}
        """.utf8)
      let response = try await server.postJSON("/v1/recommendations", body)
      let problem = try expectProblem(
        response, status: 422, type: "/docs#problem-validation-failed")
      let errors = try #require(problem["errors"] as? [[String: Any]])
      let paths = Set(errors.compactMap { $0["path"] as? String })
      for expected in [
        "pattern", "colour", "traffic.requestsPerSecond.average", "resources.memoryMiB",
        "resources.architecture",
      ] {
        #expect(paths.contains(expected), "missing \(expected) in \(paths.sorted())")
      }
      for error in errors {
        let path = try #require(error["path"] as? String)
        #expect(error["pointer"] as? String == "/" + path.replacingOccurrences(of: ".", with: "/"))
        #expect(error["code"] is String)
        #expect(error["detail"] is String)
      }
      let pattern = errors.first { $0["path"] as? String == "pattern" }
      #expect((pattern?["allowed"] as? [String])?.contains("batch") == true)
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test(arguments: [
    ("text/plain", "pattern=batch"), ("application/x-www-form-urlencoded", "pattern=batch"),
    ("application/json; charset=latin-1", #"{"pattern":"batch"}"#),
  ])
  func aBodyThatIsNotJSONIs415(contentType: String, body: String) async throws {
    try await withAPIServer { server in
      for path in ["/v1/recommendations", "/v1/comparisons"] {
        let response = try await server.send(
          "POST", path, headers: [("Content-Type", contentType)], body: Array(body.utf8))
        try expectProblem(response, status: 415, type: "/docs#problem-unsupported-media-type")
        #expect(response.header("Accept-Post") == "application/json")
      }
      let untyped = try await server.send(
        "POST", "/v1/recommendations", body: Array(#"{"pattern":"batch"}"#.utf8))
      try expectProblem(untyped, status: 415)
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test func anAcceptThatExcludesJSONIs406() async throws {
    try await withAPIServer { server in
      let accept = [("Accept", "text/html, application/json;q=0")]
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "406"), headers: accept)
      try expectProblem(created, status: 406, type: "/docs#problem-not-acceptable")
      for path in ["/v1/recommendations", "/v1/options", "/v1/pricing"] {
        let response = try await server.send("GET", path, headers: accept)
        try expectProblem(response, status: 406)
      }
      let chart = try await server.postJSON(
        "/v1/comparisons", ContractExamples.bytes(ContractExamples.comparison),
        headers: [("Accept", "text/csv")])
      let problem = try expectProblem(chart, status: 406)
      #expect((problem["detail"] as? String)?.contains("image/svg+xml") == true)
      #expect(try await server.storedRecordCount() == 0)
    }
  }

  @Test(arguments: [
    ("PUT", "/v1/recommendations", ["GET", "POST"]),
    ("PATCH", "/v1/recommendations/0b8c1d32-6bb1-4c4e-9b7e-4c4c8f1e2a10", ["DELETE", "GET"]),
    ("DELETE", "/v1/options", ["GET"]), ("POST", "/healthz", ["GET"]),
  ])
  func anUnsupportedMethodIs405WithAllow(method: String, path: String, allowed: [String])
    async throws
  {
    try await withAPIServer { server in
      let response = try await server.send(
        method, path, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
      try expectProblem(response, status: 405)
      let allow = try #require(response.header("Allow"))
      let methods = Set(allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      #expect(methods.isSuperset(of: allowed), "Allow: \(allow)")
      #expect(!methods.contains(method))
    }
  }

  @Test func aBodyOverTheServerLimitIs413AndStoresNothing() async throws {
    try await withAPIServer(maxBodyBytes: 2048) { server in
      var workload = ContractExamples.webBackend
      workload["name"] = String(repeating: "x", count: 150)
      let padded = Array(
        String(decoding: ContractExamples.bytes(workload), as: UTF8.self)
          .replacingOccurrences(of: "{", with: "{" + String(repeating: " ", count: 400)).utf8)
      #expect(padded.count > 2048)
      let response = try await server.postJSON("/v1/recommendations", padded)
      #expect(response.status == 413)
      #expect(response.header("Content-Type") == "application/problem+json")
      #expect(try await server.storedRecordCount() == 0)

      let small = try await server.postJSON(
        "/v1/recommendations", ContractExamples.bytes(workload))
      #expect(small.status == 201, "the same workload without padding fits")
    }
  }

  @Test func anUnknownPathIs404ProblemJSON() async throws {
    try await withAPIServer { server in
      for path in ["/v2/recommendations", "/v1/recommendation", "/"] {
        let response = try await server.send("GET", path)
        let problem = try expectProblem(response, status: 404)
        #expect(problem["instance"] as? String == path)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
      }
    }
  }

  @Test func storageOutagesAre503AndSayNothingWasStored() async throws {
    try await withAPIServer(store: UnavailableStore()) { server in
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "outage"))
      try expectProblem(created, status: 503, type: "/docs#problem-storage-unavailable")
      #expect(created.header("Retry-After") == "1")
      let listed = try await server.send("GET", "/v1/recommendations")
      try expectProblem(listed, status: 503)
      let read = try await server.send(
        "GET", "/v1/recommendations/\(UUID().uuidString.lowercased())")
      try expectProblem(read, status: 503)
    }
  }
}
