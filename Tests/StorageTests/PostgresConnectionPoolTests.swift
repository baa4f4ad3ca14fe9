import Foundation
import Testing

@testable import Storage

@Suite("PostgreSQL connection pool")
struct PostgresConnectionPoolTests {
  @Test("Waiters are not stranded when connections cannot be opened")
  func failedOpensReleaseTheirSlots() async throws {
    let pool = PostgresConnectionPool(
      settings: .init(
        conninfo: "postgresql://nobody@127.0.0.1:1/none", size: 1, connectTimeoutSeconds: 1,
        sessionSetup: []))
    let failures = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<4 {
        group.addTask {
          do {
            _ = try await pool.checkOut()
            return false
          } catch {
            return error is PostgresError
          }
        }
      }
      return await group.reduce(into: 0) { count, failed in count += failed ? 1 : 0 }
    }
    #expect(failures == 4)
    await pool.close()
    await #expect(throws: StoreError.self) { _ = try await pool.checkOut() }
  }
}
