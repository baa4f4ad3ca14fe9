import Foundation
import HTTPServer
import Testing

@testable import HTTPServer

@Suite struct PerAddressLimitTests {
  @Test func connectionsBeyondAnAddressCapAreClosedAndSlotsComeBack() async throws {
    let configuration = testConfiguration { $0.maxConnectionsPerAddress = 2 }
    try await withTestServer(configuration) { port in
      let first = try RawHTTPClient(port: port)
      var second: RawHTTPClient? = try RawHTTPClient(port: port)
      try first.send(get("/hello"))
      #expect(try first.readResponse().status == 200)
      try second?.send(get("/hello"))
      #expect(try second?.readResponse().status == 200)

      let third = try RawHTTPClient(port: port)
      try? third.send(get("/hello"))
      #expect(try third.isClosedByServer(), "a third connection from the same address is refused")

      second = nil  // frees one of the address's two slots
      var admitted = false
      for _ in 0..<200 where !admitted {
        let retry = try RawHTTPClient(port: port)
        try? retry.send(get("/hello"))
        admitted = (try? retry.readResponse().status) == 200
        if !admitted { Thread.sleep(forTimeInterval: 0.01) }
      }
      #expect(admitted, "a freed slot admits the address again")
      #expect(try first.readResponse(afterSending: get("/hello")).status == 200)
    }
  }

  @Test func countsPerHostIgnoringPorts() {
    var counter = AddressConnectionCounter()
    #expect(AddressConnectionCounter.host(of: "10.0.0.1:5000") == "10.0.0.1")
    #expect(AddressConnectionCounter.host(of: "[::1]:80") == "::1")
    let admissions = [
      counter.admit("10.0.0.1", limit: 1), counter.admit("10.0.0.1", limit: 1),
      counter.admit("10.0.0.2", limit: 1),
    ]
    #expect(admissions == [true, false, true])
    counter.release("10.0.0.1")
    #expect(counter.count(for: "10.0.0.1") == 0)
    let again = counter.admit("10.0.0.1", limit: 1)
    #expect(again)
  }
}

extension RawHTTPClient {
  /// Sends a request on this (kept-alive) connection and reads its response.
  fileprivate func readResponse(afterSending request: String) throws -> RawResponse {
    try send(request)
    return try readResponse()
  }
}
