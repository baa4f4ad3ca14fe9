/// Serving over TLS: where the certificate and key are, and the timers and headers that
/// come with it. The protocol policy is fixed, not configurable: TLS 1.2 minimum, Mozilla's
/// "intermediate" cipher list for TLS 1.2 and OpenSSL's defaults for TLS 1.3.
public struct TLSConfiguration: Sendable, Equatable {
  /// PEM file holding the server certificate followed by any intermediates.
  public var certificateChainPath: String
  /// PEM file holding the certificate's private key.
  public var privateKeyPath: String
  /// Time a new connection gets to complete its handshake before it is closed.
  public var handshakeTimeout: Duration = .seconds(10)
  /// `max-age` of the `Strict-Transport-Security` header added to every response; nil sends
  /// none. Two years by default, as hstspreload.org asks.
  public var strictTransportSecurityMaxAge: Int? = 63_072_000

  /// Creates a configuration serving the certificate chain and key at these paths.
  public init(certificateChainPath: String, privateKeyPath: String) {
    self.certificateChainPath = certificateChainPath
    self.privateKeyPath = privateKeyPath
  }
}
