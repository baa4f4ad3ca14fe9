import Foundation

/// Facts about the request being answered that inner middleware learns and outer middleware
/// reports (the key id for the access log). One per request, bound as a task-local value.
final class RequestObservation: @unchecked Sendable {
  private let lock = NSLock()
  private var storedKeyID: String?

  /// The request currently answered, when the observing middleware is installed.
  @TaskLocal static var current: RequestObservation?

  /// The id of the API key that authenticated the request (never the key).
  var keyID: String? {
    get { lock.withLock { storedKeyID } }
    set { lock.withLock { storedKeyID = newValue } }
  }
}
