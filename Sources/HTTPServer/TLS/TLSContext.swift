import COpenSSL

/// One OpenSSL server context (`SSL_CTX`): the loaded certificate and key and the protocol
/// policy. Immutable once built, so connections on any queue may create sessions from it;
/// a certificate reload builds a new one for new connections while old sessions keep theirs.
final class TLSContext: @unchecked Sendable {
  /// Mozilla's "intermediate" TLS 1.2 ciphers (ssl-config.mozilla.org, guideline 5.7), in
  /// its order; TLS 1.3 suites stay OpenSSL's defaults.
  static let tls12Ciphers = [
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305",
  ].joined(separator: ":")

  private let context: OpaquePointer

  /// Loads the certificate chain and key of `configuration`; with `offerHTTP2`, ALPN offers
  /// `h2` ahead of `http/1.1`.
  init(_ configuration: TLSConfiguration, offerHTTP2: Bool) throws(TLSError) {
    ERR_clear_error()
    guard let context = SSL_CTX_new(TLS_server_method()) else {
      throw TLSError("SSL_CTX_new failed")
    }
    self.context = context
    guard compute_advisor_ssl_ctx_set_min_tls12(context) == 1 else {
      throw TLSError("cannot set TLS 1.2 as minimum version")
    }
    compute_advisor_ssl_ctx_set_server_options(context)
    guard SSL_CTX_set_cipher_list(context, Self.tls12Ciphers) == 1 else {
      throw TLSError("cannot set the TLS 1.2 ciphers")
    }
    guard
      SSL_CTX_use_certificate_chain_file(context, configuration.certificateChainPath) == 1
    else {
      throw TLSError("cannot load certificate chain \(configuration.certificateChainPath)")
    }
    guard
      SSL_CTX_use_PrivateKey_file(context, configuration.privateKeyPath, SSL_FILETYPE_PEM) == 1
    else {
      throw TLSError("cannot load private key \(configuration.privateKeyPath)")
    }
    guard SSL_CTX_check_private_key(context) == 1 else {
      throw TLSError("the private key does not match the certificate")
    }
    compute_advisor_ssl_ctx_set_alpn(context, offerHTTP2 ? 1 : 0)
  }

  deinit {
    SSL_CTX_free(context)
  }

  /// A server session for an accepted socket; nil when OpenSSL cannot allocate one.
  func makeSession(descriptor: Int32) -> TLSSession? {
    guard let ssl = SSL_new(context) else { return nil }
    guard SSL_set_fd(ssl, descriptor) == 1 else {
      SSL_free(ssl)
      return nil
    }
    SSL_set_accept_state(ssl)
    return TLSSession(ssl: ssl)
  }
}
