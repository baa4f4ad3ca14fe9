// Thin shim over the system OpenSSL (libssl 3) for the HTTPServer target (TLS) and Storage
// (SHA-256 from libcrypto): the headers plus inline wrappers for what Swift cannot import
// directly (function-like macros, 64-bit option constants, the ALPN selection callback).
#ifndef COMPUTE_ADVISOR_COPENSSL_SHIM_H
#define COMPUTE_ADVISOR_COPENSSL_SHIM_H

#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <string.h>

/// Sets the lowest protocol version a context accepts (SSL_CTX_set_min_proto_version).
static inline int compute_advisor_ssl_ctx_set_min_tls12(SSL_CTX *context) {
  return (int)SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
}

/// Server options: no renegotiation, no compression, a fresh ECDH key per handshake.
static inline void compute_advisor_ssl_ctx_set_server_options(SSL_CTX *context) {
  SSL_CTX_set_options(context, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION
                                   | SSL_OP_SINGLE_ECDH_USE);
  SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                                | SSL_MODE_RELEASE_BUFFERS);
}

/// The ALPN protocols the server speaks, in its order of preference, in wire format.
static const unsigned char compute_advisor_alpn_h2_and_http11[] = "\x02h2\x08http/1.1";
static const unsigned char compute_advisor_alpn_http11[] = "\x08http/1.1";

/// Picks the server's most preferred protocol that the client offered; with none in common
/// the handshake goes on without ALPN (RFC 7301 allows either; clients then use HTTP/1.1).
static inline int compute_advisor_alpn_select(SSL *ssl, const unsigned char **out,
                                              unsigned char *outlen, const unsigned char *in,
                                              unsigned int inlen, void *arg) {
  (void)ssl;
  const unsigned char *server = (const unsigned char *)arg;
  unsigned int server_length = (unsigned int)strlen((const char *)server);
  // Server preference: walk our list, accept the first one the client also offered.
  for (unsigned int i = 0; i < server_length; i += (unsigned int)server[i] + 1) {
    for (unsigned int j = 0; j < inlen; j += (unsigned int)in[j] + 1) {
      if (in[j] == server[i] && j + 1 + in[j] <= inlen
          && memcmp(server + i + 1, in + j + 1, server[i]) == 0) {
        *out = in + j + 1;
        *outlen = in[j];
        return SSL_TLSEXT_ERR_OK;
      }
    }
  }
  return SSL_TLSEXT_ERR_NOACK;
}

/// Installs ALPN selection offering h2 (when `offer_h2`) and http/1.1.
static inline void compute_advisor_ssl_ctx_set_alpn(SSL_CTX *context, int offer_h2) {
  const unsigned char *list =
      offer_h2 ? compute_advisor_alpn_h2_and_http11 : compute_advisor_alpn_http11;
  SSL_CTX_set_alpn_select_cb(context, compute_advisor_alpn_select, (void *)list);
}

/// SHA-256 of `length` bytes into `digest` (32 bytes), through the low-level interface: the
/// one-shot SHA256() of OpenSSL 3 looks the algorithm up in the default provider on every
/// call, which costs three times as much as hashing a short input (an API key) itself.
static inline void compute_advisor_sha256(const void *data, size_t length,
                                          unsigned char *digest) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, data, length);
  SHA256_Final(digest, &context);
#pragma GCC diagnostic pop
}

#endif
