import Foundation
import HTTPServer
import Logging
import Testing

/// Keeps every log record it is given.
private final class RecordingLogHandler: LogHandler, @unchecked Sendable {
  struct Record {
    var level: Logger.Level
    var message: String
    var metadata: Logger.Metadata
  }

  private let lock = NSLock()
  private var storedRecords: [Record] = []
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info

  var records: [Record] { lock.withLock { storedRecords } }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    merged.merge(event.metadata ?? [:]) { $1 }
    lock.withLock {
      storedRecords.append(
        Record(level: event.level, message: "\(event.message)", metadata: merged))
    }
  }
}

@Suite("Access log")
struct AccessLogTests {
  @Test func oneStructuredLinePerRequest() async throws {
    let handler = RecordingLogHandler()
    let router = Router()
    router.get("/items/:id") { _, _ in .text("12345") }
    var configuration = testConfiguration()
    configuration.accessLog = true
    let server = HTTPServer(
      configuration: configuration, responder: router.buildResponder(),
      logger: Logger(label: "access") { _ in handler })
    try server.start()
    let port = try #require(server.port)
    try await onOwnThread {
      let client = try RawHTTPClient(port: port)
      try client.send(get("/items/7", extraHeaders: "X-Request-ID: abc-123\r\n") + get("/none"))
      _ = try client.readResponse()
      _ = try client.readResponse()
    }
    await server.shutdown()
    let lines = handler.records.filter { $0.message == "request" }
    #expect(lines.count == 2)
    let first = try #require(lines.first { $0.metadata["path"] == "/items/7" })
    #expect(first.level == .info)
    #expect(first.metadata["method"] == "GET")
    #expect(first.metadata["status"]?.description == "200")
    #expect(first.metadata["bytes"]?.description == "5")
    #expect(first.metadata["request_id"] == "abc-123")
    #expect(first.metadata["duration_ms"] != nil)
    let second = try #require(lines.first { $0.metadata["path"] == "/none" })
    #expect(second.metadata["status"]?.description == "404")
  }
}
