/// HTTP/2 settings and abuse limits. Requests share the server's `Limits` (header bytes,
/// body bytes) with HTTP/1.1.
public struct HTTP2Configuration: Sendable, Equatable {
  /// Whether cleartext connections starting with the HTTP/2 preface speak HTTP/2 (prior
  /// knowledge, "h2c"), and whether TLS offers `h2` through ALPN.
  public var enabled: Bool = true
  /// SETTINGS_MAX_CONCURRENT_STREAMS: streams a client may have open at once. Also bounds
  /// handlers still running for streams the client has reset.
  public var maxConcurrentStreams: Int = 100
  /// Streams a client may reset in a burst before nghttp2 closes the connection with GOAWAY
  /// INTERNAL_ERROR (rapid reset, CVE-2023-44487); refilled at `resetRatePerSecond`.
  public var resetBurst: Int = 1000
  /// RST_STREAM frames per second that refill the burst.
  public var resetRatePerSecond: Int = 33
  /// CONTINUATION frames accepted after one HEADERS frame (CONTINUATION flood,
  /// CVE-2024-28182); more closes the connection with GOAWAY ENHANCE_YOUR_CALM.
  public var maxContinuations: Int = 8

  /// Creates the defaults.
  public init() {}
}
