import Foundation
import HTTPServer
import Testing

/// HTTP/2 protocol errors sent as raw frames: connection errors end in GOAWAY with the
/// RFC 9113 error code, stream errors in RST_STREAM, and abuse in ENHANCE_YOUR_CALM.
@Suite("HTTP/2 protocol errors over raw frames")
struct HTTP2ProtocolTests {
  typealias Client = HTTP2FrameClient
  typealias FrameType = HTTP2FrameClient.FrameType
  typealias ErrorCode = HTTP2FrameClient.ErrorCode

  /// A connection error: the server sends GOAWAY with `code`, then closes.
  private func expectGoaway(
    _ code: UInt32, after send: @escaping @Sendable (Client) throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    try await withTestServer { port in
      let client = try Client(port: port)
      try send(client)
      let goaway = try client.readUntil(type: FrameType.goaway)
      #expect(goaway?.errorCode == code, sourceLocation: sourceLocation)
      #expect(try client.isClosedByServer(), sourceLocation: sourceLocation)
    }
  }

  /// A stream error: RST_STREAM PROTOCOL_ERROR on stream 1, and the connection still serves
  /// stream 3.
  private func expectStreamReset(
    _ fields: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    try await withTestServer { port in
      let client = try Client(port: port)
      try client.sendHeaders(streamID: 1, fields)
      let reset = try client.readUntil(type: FrameType.rstStream, streamID: 1)
      #expect(reset?.errorCode == ErrorCode.protocolError, sourceLocation: sourceLocation)
      try client.sendHeaders(streamID: 3, Client.get("/hello"))
      let answer = try client.readUntil(type: FrameType.data, streamID: 3)
      #expect(answer.map { String(decoding: $0.payload, as: UTF8.self) } == "hello")
    }
  }

  @Test func dataOnStreamZeroIsAProtocolError() async throws {
    try await expectGoaway(ErrorCode.protocolError) {
      try $0.send(type: FrameType.data, flags: 0, streamID: 0, payload: Array("x".utf8))
    }
  }

  @Test func aSettingsAckWithPayloadIsAFrameSizeError() async throws {
    try await expectGoaway(ErrorCode.frameSizeError) {
      try $0.send(
        type: FrameType.settings, flags: Client.ack, streamID: 0, payload: [0, 3, 0, 0, 0, 1])
    }
  }

  @Test func aPingOfWrongLengthIsAFrameSizeError() async throws {
    try await expectGoaway(ErrorCode.frameSizeError) {
      try $0.send(type: FrameType.ping, flags: 0, streamID: 0, payload: [1, 2, 3, 4])
    }
  }

  @Test func aZeroWindowUpdateOnTheConnectionIsAProtocolError() async throws {
    try await expectGoaway(ErrorCode.protocolError) {
      try $0.send(type: FrameType.windowUpdate, flags: 0, streamID: 0, payload: [0, 0, 0, 0])
    }
  }

  @Test func anEvenClientStreamIDIsAProtocolError() async throws {
    try await expectGoaway(ErrorCode.protocolError) {
      try $0.sendHeaders(streamID: 2, Client.get("/hello"))
    }
  }

  @Test func continuationWithoutHeadersIsAProtocolError() async throws {
    try await expectGoaway(ErrorCode.protocolError) {
      try $0.send(
        type: FrameType.continuation, flags: Client.endHeaders, streamID: 1,
        payload: Client.encode([("x-a", "b")]))
    }
  }

  @Test func aContinuationFloodIsStopped() async throws {
    try await withTestServer { port in
      let client = try Client(port: port)
      try client.sendHeaders(streamID: 1, Client.get("/hello"), endHeaders: false)
      for _ in 0..<100 {
        try? client.send(
          type: FrameType.continuation, flags: 0, streamID: 1,
          payload: Client.encode([("x-flood", "y")]))
      }
      let goaway = try client.readUntil(type: FrameType.goaway)
      #expect(goaway?.errorCode == ErrorCode.enhanceYourCalm)
      #expect(try client.isClosedByServer())
    }
  }

  @Test func anUppercaseHeaderNameResetsTheStream() async throws {
    try await expectStreamReset(Client.get("/hello") + [("X-Upper", "1")])
  }

  @Test func aConnectionSpecificHeaderResetsTheStream() async throws {
    try await expectStreamReset(Client.get("/hello") + [("connection", "keep-alive")])
  }

  @Test func aMissingPathResetsTheStream() async throws {
    try await expectStreamReset([(":method", "GET"), (":scheme", "http"), (":authority", "t")])
  }

  @Test func aPseudoHeaderAfterARegularOneResetsTheStream() async throws {
    try await expectStreamReset(
      [(":method", "GET"), (":scheme", "http"), ("x-a", "b"), (":path", "/hello")])
  }

  @Test func aHeaderListOverTheLimitIsAnswered431() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxHeaderBytes = 400 }) { port in
      let client = try Client(port: port)
      let padding = String(repeating: "v", count: 100)
      try client.sendHeaders(
        streamID: 1, Client.get("/hello") + (0..<4).map { ("x-pad-\($0)", padding) })
      let answer = try client.readUntil(type: FrameType.data, streamID: 1)
      #expect(answer.map { String(decoding: $0.payload, as: UTF8.self) }?.contains("431") == true)
    }
  }

  @Test func anIdleConnectionGetsGoawayAndIsClosed() async throws {
    try await withTestServer(testConfiguration { $0.timeouts.idle = .milliseconds(200) }) { port in
      let client = try Client(port: port)
      let goaway = try client.readUntil(type: FrameType.goaway)
      #expect(goaway?.errorCode == 0)
      #expect(try client.isClosedByServer())
    }
  }

  @Test func theServerAdvertisesItsConcurrentStreamLimit() async throws {
    try await withTestServer(testConfiguration { $0.http2.maxConcurrentStreams = 7 }) { port in
      let client = try Client(port: port)
      let settings = try #require(try client.readUntil(type: FrameType.settings))
      let entries = stride(from: 0, to: settings.payload.count, by: 6).map {
        (
          id: Int(settings.payload[$0]) << 8 | Int(settings.payload[$0 + 1]),
          value: settings.payload[$0 + 2..<$0 + 6].reduce(0) { $0 << 8 | Int($1) }
        )
      }
      #expect(entries.contains { $0.id == 0x3 && $0.value == 7 })
    }
  }

  @Test func aRapidResetFloodIsCutOffAndOthersAreStillAnswered() async throws {
    let configuration = testConfiguration {
      $0.http2.resetBurst = 50
      $0.http2.resetRatePerSecond = 10
    }
    try await withTestServer(configuration) { port in
      let attacker = try Client(port: port)
      for stream in stride(from: UInt32(1), to: 401, by: 2) {  // 200 resets, burst 50
        try? attacker.sendHeaders(streamID: stream, Client.get("/slow"))
        try? attacker.send(
          type: FrameType.rstStream, flags: 0, streamID: stream, payload: [0, 0, 0, 8])
      }
      let goaway = try attacker.readUntil(type: FrameType.goaway)
      #expect(goaway?.errorCode == ErrorCode.internalError)  // nghttp2's rate limiter's code
      let other = try Client(port: port)
      try other.sendHeaders(streamID: 1, Client.get("/hello"))
      let answer = try other.readUntil(type: FrameType.data, streamID: 1)
      #expect(answer.map { String(decoding: $0.payload, as: UTF8.self) } == "hello")
    }
  }
}
