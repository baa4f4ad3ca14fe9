import CNGHTTP2

/// nghttp2's C callbacks, forwarding to the `HTTP2Session` passed as user data. They run
/// inside `mem_recv`/`mem_send`, so on the connection's queue.
enum HTTP2Callbacks {
  /// Runs `body` with a callback table (freed after: nghttp2 copies it into the session).
  static func withCallbacks(_ body: (OpaquePointer) -> Int32) -> Int32 {
    var callbacks: OpaquePointer?
    guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else { return -1 }
    defer { nghttp2_session_callbacks_del(callbacks) }
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, beginHeaders)
    nghttp2_session_callbacks_set_on_header_callback(callbacks, header)
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, dataChunk)
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, frameReceived)
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, streamClosed)
    return body(callbacks)
  }

  private static func session(_ userData: UnsafeMutableRawPointer?) -> HTTP2Session {
    Unmanaged<HTTP2Session>.fromOpaque(userData!).takeUnretainedValue()
  }

  private static func isRequestHeaders(_ frame: UnsafePointer<nghttp2_frame>) -> Bool {
    frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue)
      && frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
  }

  private static let beginHeaders: nghttp2_on_begin_headers_callback = { _, frame, userData in
    guard let frame, isRequestHeaders(frame) else { return 0 }
    session(userData).beginHeaders(streamID: frame.pointee.hd.stream_id)
    return 0
  }

  private static let header: nghttp2_on_header_callback = {
    _, frame, name, nameLength, value, valueLength, _, userData in
    guard let frame, let name, let value else { return 0 }
    session(userData).header(
      streamID: frame.pointee.hd.stream_id,
      name: UnsafeBufferPointer(start: name, count: nameLength),
      value: UnsafeBufferPointer(start: value, count: valueLength))
    return 0
  }

  private static let dataChunk: nghttp2_on_data_chunk_recv_callback = {
    _, _, streamID, data, length, userData in
    guard let data else { return 0 }
    session(userData).data(
      streamID: streamID, chunk: UnsafeBufferPointer(start: data, count: length))
    return 0
  }

  private static let frameReceived: nghttp2_on_frame_recv_callback = { _, frame, userData in
    guard let frame else { return 0 }
    let type = frame.pointee.hd.type
    let isHeaders = type == UInt8(NGHTTP2_HEADERS.rawValue)
    guard isHeaders || type == UInt8(NGHTTP2_DATA.rawValue) else { return 0 }
    session(userData).frameReceived(
      streamID: frame.pointee.hd.stream_id, isHeaders: isHeaders,
      endStream: frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0)
    return 0
  }

  private static let streamClosed: nghttp2_on_stream_close_callback = {
    _, streamID, _, userData in
    session(userData).streamClosed(streamID: streamID)
    return 0
  }

  /// The data provider's read callback for response bodies.
  static let readBody: nghttp2_data_source_read_callback = {
    _, streamID, buffer, length, flags, _, userData in
    guard let buffer, let flags else { return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
    let (count, isLast) = session(userData).readResponseBody(
      streamID: streamID, into: buffer, capacity: length)
    if isLast { flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue }
    return count
  }
}
