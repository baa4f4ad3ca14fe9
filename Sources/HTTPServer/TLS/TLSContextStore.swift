/// The server's current TLS context. New connections take the one present when they are
/// accepted; `reload` swaps in a freshly loaded certificate without touching open
/// connections, which keep the context their session was made from.
final class TLSContextStore: Sendable {
  private let configuration: TLSConfiguration
  private let offerHTTP2: Bool
  private let current: LockedValue<TLSContext>

  /// Loads the certificate and key; throws when they cannot be used.
  init(_ configuration: TLSConfiguration, offerHTTP2: Bool) throws(TLSError) {
    self.configuration = configuration
    self.offerHTTP2 = offerHTTP2
    current = LockedValue(try TLSContext(configuration, offerHTTP2: offerHTTP2))
  }

  /// The context for a connection accepted now.
  var context: TLSContext { current.withLock { $0 } }

  /// Reloads the certificate and key from their paths; on failure keeps the current ones.
  func reload() throws(TLSError) {
    let fresh = try TLSContext(configuration, offerHTTP2: offerHTTP2)
    current.withLock { $0 = fresh }
  }
}
