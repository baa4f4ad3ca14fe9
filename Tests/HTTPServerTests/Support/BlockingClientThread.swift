import Foundation

/// Runs blocking client code on a thread of its own and awaits its result, so that a test's
/// blocking socket calls never occupy the concurrency runtime's few threads, on which the
/// server's handlers run.
func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws
  -> Result
{
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      continuation.resume(with: Swift.Result { try body() })
    }
    thread.start()
  }
}
