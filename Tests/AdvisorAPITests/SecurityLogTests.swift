import Foundation
import HTTPServer
import Logging
import Testing

@testable import AdvisorAPI

/// Collects the lines a ``JSONLogHandler`` writes.
private final class CapturedLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [[UInt8]] = []
  var all: [[UInt8]] { lock.withLock { lines } }
  func append(_ line: [UInt8]) { lock.withLock { lines.append(line) } }
}

@Suite struct JSONLogHandlerTests {
  private func logger(_ captured: CapturedLines, level: Logger.Level = .info) -> Logger {
    let sink = JSONLogHandler.Sink { captured.append($0) }
    return Logger(label: "test") { label in JSONLogHandler(label: label, level: level, sink: sink) }
  }

  private func object(_ line: [UInt8]) throws -> [String: Any] {
    #expect(line.last == UInt8(ascii: "\n"))
    #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false, "one line per event")
    return try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
  }

  @Test func writesOneJSONObjectPerLineWithMetadata() throws {
    let captured = CapturedLines()
    var log = logger(captured)
    log[metadataKey: "request_id"] = "r-1"
    log.info(
      "request \"quoted\"\nsecond line",
      metadata: [
        "status": .stringConvertible(201), "duration_ms": .stringConvertible(1.5),
        "nested": .dictionary(["a": .array([.string("x\u{1}")])]),
      ])
    let fields = try object(try #require(captured.all.first))
    #expect(fields["level"] as? String == "info")
    #expect(fields["logger"] as? String == "test")
    #expect(fields["msg"] as? String == "request \"quoted\"\nsecond line")
    #expect(fields["request_id"] as? String == "r-1")
    #expect(fields["status"] as? Int == 201)
    #expect(fields["duration_ms"] as? Double == 1.5)
    #expect((fields["nested"] as? [String: [String]])?["a"] == ["x\u{1}"])
    #expect((fields["ts"] as? String)?.hasSuffix("Z") == true)
  }

  @Test func eventMetadataWinsOverProviderAndHandlerMetadata() throws {
    let captured = CapturedLines()
    let sink = JSONLogHandler.Sink { captured.append($0) }
    let provider = Logger.MetadataProvider { ["source": "provider", "provided": "p"] }
    var log = Logger(label: "test") { label in
      JSONLogHandler(label: label, sink: sink, metadataProvider: provider)
    }
    log[metadataKey: "source"] = "handler"
    log[metadataKey: "handler_only"] = "h"
    log[metadataKey: "msg"] = "never replaces the message"
    log.info("first")
    log.info("second", metadata: ["source": "event"])
    let lines = try captured.all.map(object)
    #expect(lines.count == 2)
    #expect(lines[0]["source"] as? String == "provider")
    #expect(lines[0]["msg"] as? String == "first")
    #expect(lines[1]["source"] as? String == "event")
    #expect(lines[1]["provided"] as? String == "p")
    #expect(lines[1]["handler_only"] as? String == "h")
    // Keys come out sorted, after the line's own four.
    let text = String(decoding: captured.all[1], as: UTF8.self)
    let order = ["\"handler_only\"", "\"provided\"", "\"source\""].map {
      text.range(of: $0)!.lowerBound
    }
    #expect(order == order.sorted())
  }

  @Test func respectsTheLevel() {
    let captured = CapturedLines()
    let log = logger(captured, level: .warning)
    log.info("hidden")
    log.warning("shown")
    #expect(captured.all.count == 1)
  }

  @Test func accessLineCarriesKeyIDRouteStatusAndDurationButNeverTheKey() async throws {
    let captured = CapturedLines()
    let middleware = RequestObservationMiddleware(metrics: nil, accessLog: true)
    let token = APIKeyToken.generate()
    let request = HTTPRequest(
      method: .get, target: "/v1/recommendations/abc",
      headers: ["Authorization": "Bearer \(token.text)"], remoteAddress: "127.0.0.1:9")
    let context = RequestContext(logger: logger(captured), route: "/v1/recommendations/:id")
    _ = try await middleware.handle(request, context: context) { _, _ in
      RequestObservation.current?.keyID = token.keyID
      return HTTPResponse(status: .notFound, headers: ["X-Request-ID": "req-9"])
    }
    let line = try #require(captured.all.first)
    #expect(!String(decoding: line, as: UTF8.self).contains(token.text))
    let fields = try object(line)
    #expect(fields["key_id"] as? String == token.keyID)
    #expect(fields["route"] as? String == "/v1/recommendations/:id")
    #expect(fields["status"] as? Int == 404)
    #expect(fields["request_id"] as? String == "req-9")
    #expect(fields["duration_ms"] is Double)
  }
}

@Suite struct UTCTimestampTests {
  @Test func formatsISO8601WithMilliseconds() {
    var output: [UInt8] = []
    UTCTimestamp.append(seconds: 1_796_031_000, milliseconds: 7, to: &output)
    #expect(String(decoding: output, as: UTF8.self) == "2026-11-30T09:30:00.007Z")
  }
}
