import COpenSSL

/// A TLS setup failure: the certificate or key could not be loaded, or the context could
/// not be built. Carries OpenSSL's own error text.
public struct TLSError: Error, CustomStringConvertible, Sendable {
  /// What was being done, followed by OpenSSL's error queue.
  public let description: String

  /// Creates an error for `operation`, draining OpenSSL's error queue of this thread into it.
  init(_ operation: String) {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
      var text = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &text, text.count)
      reasons.append(
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    description = reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))"
  }
}
