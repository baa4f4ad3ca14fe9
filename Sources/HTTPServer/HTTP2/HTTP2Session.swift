import CNGHTTP2

/// One connection's HTTP/2 server session over nghttp2, driven by `mem_recv`/`mem_send` on
/// the connection's queue (and only there). It turns streams into `HTTPRequest`s for
/// `onRequest`, takes `HTTPResponse`s back through `respond`, and enforces the same limits as
/// HTTP/1.1 plus HTTP/2's own: concurrent streams, header list size, rapid reset and
/// CONTINUATION floods (the last two through nghttp2's own guards).
final class HTTP2Session {
  /// Receives each complete request with its stream id, on the connection's queue.
  var onRequest: (Int32, HTTPRequest) -> Void = { _, _ in }

  private var session: OpaquePointer?
  /// After a fatal error: the GOAWAY still to send, the session itself being gone.
  private var finalFrame: [UInt8]?
  private var streams: [Int32: HTTP2Stream] = [:]
  private let limits: HTTPServerConfiguration.Limits
  private let settings: HTTP2Configuration
  private let remoteAddress: String?
  private let serverName: String?
  private let strictTransportSecurity: String?
  /// Requests handed to handlers whose responses have not come back yet, including those
  /// of streams the client has reset since: bounded like open streams.
  private var handlersRunning = 0

  /// Creates a session and queues the server's SETTINGS; nil if nghttp2 cannot allocate.
  init?(
    configuration: HTTPServerConfiguration, remoteAddress: String?,
    strictTransportSecurity: String?
  ) {
    limits = configuration.limits
    settings = configuration.http2
    serverName = configuration.serverName
    self.remoteAddress = remoteAddress
    self.strictTransportSecurity = strictTransportSecurity
    var options: OpaquePointer?
    guard nghttp2_option_new(&options) == 0, let options else { return nil }
    defer { nghttp2_option_del(options) }
    nghttp2_option_set_stream_reset_rate_limit(
      options, UInt64(settings.resetBurst), UInt64(settings.resetRatePerSecond))
    nghttp2_option_set_max_continuations(options, settings.maxContinuations)
    nghttp2_option_set_max_settings(options, 32)
    var created: OpaquePointer?
    let userData = Unmanaged.passUnretained(self).toOpaque()
    guard
      HTTP2Callbacks.withCallbacks({ nghttp2_session_server_new2(&created, $0, userData, options) })
        == 0,
      let created
    else { return nil }
    session = created
    var entries = [
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
        value: UInt32(clamping: settings.maxConcurrentStreams)),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue),
        value: UInt32(clamping: limits.maxHeaderBytes)),
    ]
    guard
      nghttp2_submit_settings(created, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
        == 0
    else { return nil }
  }

  deinit {
    if let session { nghttp2_session_del(session) }
  }

  /// Feeds received bytes; false when the peer broke the protocol badly enough that the
  /// session only wants to send its GOAWAY and close.
  func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let session, let base = bytes.baseAddress else { return true }
    let result = nghttp2_session_mem_recv(
      session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    if result >= 0 { return true }
    let code = Int32(result)
    guard nghttp2_is_fatal(code) != 0 else {
      nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR.rawValue)
      return false
    }
    // The session is unusable after a fatal error (a CONTINUATION flood among them), so the
    // last frame is written here: GOAWAY naming the last stream taken.
    finalFrame = Self.goawayFrame(
      lastStreamID: nghttp2_session_get_last_proc_stream_id(session),
      errorCode: code == NGHTTP2_ERR_TOO_MANY_CONTINUATIONS.rawValue
        ? NGHTTP2_ENHANCE_YOUR_CALM.rawValue : NGHTTP2_PROTOCOL_ERROR.rawValue)
    nghttp2_session_del(session)
    self.session = nil
    return false
  }

  private static func goawayFrame(lastStreamID: Int32, errorCode: UInt32) -> [UInt8] {
    let header: [UInt8] = [0, 0, 8, UInt8(NGHTTP2_GOAWAY.rawValue), 0, 0, 0, 0, 0]
    let lastStream = UInt32(bitPattern: lastStreamID)
    return header + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: lastStream >> $0) }
      + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: errorCode >> $0) }
  }

  /// The next bytes to send, as many frames as nghttp2 has ready up to about `limit` bytes
  /// in one buffer, or nil when it has nothing (more) to send now.
  func nextOutput(limit: Int) -> [UInt8]? {
    guard let session else {
      defer { finalFrame = nil }
      return finalFrame
    }
    var output: [UInt8] = []
    while output.count < limit {
      var data: UnsafePointer<UInt8>?
      let length = nghttp2_session_mem_send(session, &data)
      guard length > 0, let data else { break }
      output.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
    }
    return output.isEmpty ? nil : output
  }

  /// Whether the session is over: GOAWAY exchanged (or fatal error) and nothing left to send.
  var isFinished: Bool {
    guard let session else { return finalFrame == nil }
    return nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0
  }

  /// Whether requests are open (received, or being answered).
  var hasOpenStreams: Bool { !streams.isEmpty || handlersRunning > 0 }

  /// Graceful shutdown: GOAWAY naming the last stream taken, so the client retries later
  /// ones elsewhere; open streams are still answered.
  func shutdownGracefully() {
    guard let session else { return }
    nghttp2_submit_goaway(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
      NGHTTP2_NO_ERROR.rawValue, nil, 0)
  }

  /// A handler's response for `streamID`; dropped if the client reset the stream meanwhile.
  func respond(streamID: Int32, response: HTTPResponse, method: HTTPMethod) {
    handlersRunning -= 1
    submit(response, on: streamID, method: method)
  }

  // MARK: Callbacks (see HTTP2Callbacks)

  /// A request's HEADERS began: a new stream, refused while too many handlers still run.
  func beginHeaders(streamID: Int32) {
    let stream = HTTP2Stream()
    streams[streamID] = stream
    if handlersRunning >= settings.maxConcurrentStreams, let session {
      stream.answered = true
      nghttp2_submit_rst_stream(
        session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, NGHTTP2_REFUSED_STREAM.rawValue)
    }
  }

  /// One header field (nghttp2 has checked it), counted against the header limits.
  func header(streamID: Int32, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
  {
    guard let stream = streams[streamID], !stream.answered, stream.rejection == nil else { return }
    stream.headerListSize += name.count + value.count + 32
    if stream.headerListSize > limits.maxHeaderBytes
      || stream.headers.count >= limits.maxHeaderFields
    {
      stream.rejection = ProblemDetails(
        status: .requestHeaderFieldsTooLarge, detail: "The header list is too large.")
      return
    }
    let nameText = String(decoding: name, as: UTF8.self)
    let valueText = String(decoding: value, as: UTF8.self)
    switch nameText {
    case ":method": stream.method = valueText
    case ":path": stream.path = valueText
    case ":authority": stream.authority = valueText
    case ":scheme": break
    default: stream.headers.append(name: nameText, value: valueText)
    }
  }

  /// A chunk of request body, counted against the body limit (413 beyond it).
  func data(streamID: Int32, chunk: UnsafeBufferPointer<UInt8>) {
    guard let stream = streams[streamID], !stream.answered, stream.rejection == nil else { return }
    guard stream.body.count + chunk.count <= limits.maxBodyBytes else {
      stream.body = []
      stream.rejection = ProblemDetails(
        status: .contentTooLarge, detail: "The body exceeds \(limits.maxBodyBytes) bytes.")
      answerRejection(streamID, stream)
      return
    }
    stream.body.append(contentsOf: chunk)
  }

  /// A HEADERS or DATA frame ended; `endStream` says the request is complete.
  func frameReceived(streamID: Int32, isHeaders: Bool, endStream: Bool) {
    guard let stream = streams[streamID], !stream.answered else { return }
    if isHeaders, stream.rejection == nil,
      let declared = stream.headers.values(for: "content-length").first.flatMap({ Int($0) }),
      declared > limits.maxBodyBytes
    {
      stream.rejection = ProblemDetails(
        status: .contentTooLarge, detail: "The body exceeds \(limits.maxBodyBytes) bytes.")
    }
    if stream.rejection != nil {
      answerRejection(streamID, stream)
      return
    }
    guard endStream, let request = stream.request(remoteAddress: remoteAddress) else { return }
    stream.answered = true
    stream.body = []
    handlersRunning += 1
    onRequest(streamID, request)
  }

  /// The stream is over (answered, reset or refused): forget it.
  func streamClosed(streamID: Int32) {
    streams[streamID] = nil
  }

  /// Copies up to `capacity` bytes of the response body; `isLast` when none remain after.
  func readResponseBody(streamID: Int32, into buffer: UnsafeMutablePointer<UInt8>, capacity: Int)
    -> (count: Int, isLast: Bool)
  {
    guard let stream = streams[streamID] else { return (0, true) }
    let count = min(capacity, stream.responseBody.count - stream.responseBodySent)
    stream.responseBody.withUnsafeBufferPointer { body in
      buffer.update(from: body.baseAddress! + stream.responseBodySent, count: count)
    }
    stream.responseBodySent += count
    return (count, stream.responseBodySent == stream.responseBody.count)
  }

  // MARK: Responses

  private func answerRejection(_ streamID: Int32, _ stream: HTTP2Stream) {
    guard let rejection = stream.rejection, !stream.answered else { return }
    stream.answered = true
    submit(rejection.response(), on: streamID, method: .get)
  }

  private func submit(_ response: HTTPResponse, on streamID: Int32, method: HTTPMethod) {
    guard let session, let stream = streams[streamID] else { return }
    let hasBody = method != .head && response.status.code != 204 && response.status.code != 304
    let head = HTTP2ResponseHead(
      response, contentLength: hasBody ? response.body.count : nil, serverName: serverName,
      strictTransportSecurity: strictTransportSecurity)
    stream.responseBody = hasBody ? response.body : []
    head.withNameValuePairs { pairs in
      if stream.responseBody.isEmpty {
        _ = nghttp2_submit_response(session, streamID, pairs.baseAddress, pairs.count, nil)
      } else {
        var provider = nghttp2_data_provider(
          source: nghttp2_data_source(ptr: nil), read_callback: HTTP2Callbacks.readBody)
        _ = nghttp2_submit_response(session, streamID, pairs.baseAddress, pairs.count, &provider)
      }
    }
  }
}
