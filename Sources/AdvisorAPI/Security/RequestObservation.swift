import Synchronization

/// Facts about the request being answered that inner middleware learns and outer middleware
/// reports (the key id for the access log). One per request, bound as a task-local value.
final class RequestObservation: Sendable {
  /// Inline in the object (one allocation per request, not two as with `NSLock`).
  private let storedKeyID = Mutex<String?>(nil)

  /// The request currently answered, when the observing middleware is installed.
  @TaskLocal static var current: RequestObservation?

  /// The id of the API key that authenticated the request (never the key).
  var keyID: String? {
    get { storedKeyID.withLock { $0 } }
    set { storedKeyID.withLock { $0 = newValue } }
  }
}
