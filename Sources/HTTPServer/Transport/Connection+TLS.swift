/// TLS on a connection: the handshake, driven on the connection's queue by socket
/// readiness, then HTTP/1.1 or (ALPN `h2`) HTTP/2; and the HSTS header on responses.
extension Connection {
  /// Adds what the transport implies: HSTS over TLS.
  func withTransportHeaders(_ response: HTTPResponse) -> HTTPResponse {
    guard let strictTransportSecurity,
      !response.headers.contains("Strict-Transport-Security")
    else { return response }
    var secured = response
    secured.headers.append(name: "Strict-Transport-Security", value: strictTransportSecurity)
    return secured
  }

  /// Advances the handshake on the connection's queue; once done, reads as for cleartext,
  /// starting with any request bytes that arrived with the client's last handshake flight.
  func continueHandshake() {
    guard let tls = stream.tls else { return }
    switch tls.handshake() {
    case .done:
      disarmWriteSource()
      phase = .reading
      timer?.set(.header, after: configuration.timeouts.header)
      if tls.negotiatedProtocol == "h2" { return startHTTP2() }
      readable()
    case .wantRead:
      disarmWriteSource()
    case .wantWrite:
      armWriteSource()
    case .failed:
      close()
    }
  }
}
