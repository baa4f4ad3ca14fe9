import Foundation
import Testing

@testable import Storage

/// The PostgreSQL server the contract suite runs against, from `scripts/with-postgres`.
enum PostgresTestServer {
  /// `COMPUTE_ADVISOR_TEST_POSTGRES_URL`, set by `scripts/with-postgres`.
  static let url = ProcessInfo.processInfo.environment["COMPUTE_ADVISOR_TEST_POSTGRES_URL"]
  /// Whether this run is CI, where the PostgreSQL suite may not be skipped.
  static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

  static func makeFixture() async throws -> StoreFixture {
    throw StoreError.unavailable("PostgreSQL store not built yet")
  }
}
