import HTTPServer

/// Who is asking: decides which stored queries a request may see. With API keys off every
/// caller is the same anonymous client, who sees the anonymous history.
struct CallerIdentity: Sendable, Equatable {
  /// The API key id, or nil when anonymous.
  var clientID: String?
  /// Whether the caller may see and delete every client's queries.
  var isAdmin: Bool

  /// The anonymous caller used while API keys are off.
  static let anonymous = CallerIdentity(clientID: nil, isAdmin: false)

  /// The caller of the request being answered: set by the authentication middleware for
  /// the rest of the request, ``anonymous`` when API keys are off.
  @TaskLocal static var current = CallerIdentity.anonymous
}
