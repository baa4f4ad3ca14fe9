import Foundation
import HTTPServer
import Testing

@testable import AdvisorAPI

@Suite struct TokenBucketRateLimiterTests {
  @Test func allowsTheBurstThenRefusesWithRetryAfter() {
    let clock = ManualClock()
    let limiter = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 2, burst: 3), now: { clock.now })
    let decisions = (0..<4).map { _ in limiter.acquire(client: "a") }
    #expect(decisions.map(\.isAllowed) == [true, true, true, false])
    #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
    let refused = decisions[3]
    #expect(!refused.isAllowed)
    #expect(refused.limit == 3)
    #expect(refused.retryAfterSeconds == 1)
    #expect(refused.resetSeconds == 2)
  }

  @Test func refillsAtTheRateAndNeverBeyondTheBurst() {
    let clock = ManualClock()
    let limiter = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 2, burst: 3), now: { clock.now })
    for _ in 0..<3 { _ = limiter.acquire(client: "a") }
    #expect(!limiter.acquire(client: "a").isAllowed)
    clock.advance(0.5)
    #expect(limiter.acquire(client: "a").isAllowed)
    #expect(!limiter.acquire(client: "a").isAllowed)
    clock.advance(3600)
    let afterIdle = limiter.acquire(client: "a")
    #expect(afterIdle.isAllowed && afterIdle.remaining == 2)
  }

  @Test func clientsHaveSeparateBuckets() {
    let clock = ManualClock()
    let limiter = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 1, burst: 1), now: { clock.now })
    #expect(limiter.acquire(client: "a").isAllowed)
    #expect(!limiter.acquire(client: "a").isAllowed)
    #expect(limiter.acquire(client: "b").isAllowed)
  }

  @Test func memoryStaysBoundedAndIdleBucketsGoFirst() {
    let clock = ManualClock()
    let limiter = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 1, burst: 2), maxTrackedClients: 100, now: { clock.now })
    for client in 0..<10_000 {
      _ = limiter.acquire(client: "client-\(client)")
      #expect(limiter.trackedClientCount <= 100)
    }
    // A client that is still being limited keeps its bucket when idle ones can be dropped.
    let busy = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 0.001, burst: 1), maxTrackedClients: 2, now: { clock.now })
    _ = busy.acquire(client: "busy")
    _ = busy.acquire(client: "other")
    clock.advance(1)
    #expect(!busy.acquire(client: "busy").isAllowed)
    _ = busy.acquire(client: "third")
    #expect(busy.trackedClientCount <= 2)
    #expect(!busy.acquire(client: "busy").isAllowed, "the active client's bucket was kept")
  }

  @Test func addressesLoseTheirPort() {
    #expect(ClientRateLimit.host(of: "127.0.0.1:5555") == "127.0.0.1")
    #expect(ClientRateLimit.host(of: "[::1]:5555") == "::1")
    #expect(ClientRateLimit.host(of: "::1") == "::1")
  }

  @Test func noVersionedRouteIsOpenOrExempt() {
    // RouteAccessPolicy answers /v1/ routes without looking in its sets.
    let listed = RouteAccessPolicy.openRoutes.union(RouteAccessPolicy.rateLimitExemptRoutes)
    #expect(!listed.contains { $0.hasPrefix("/v1/") })
    #expect(RouteAccessPolicy.requirement(method: .get, route: "/v1/options") == .anyKey)
    #expect(RouteAccessPolicy.requirement(method: .get, route: "/healthz") == .open)
    #expect(RouteAccessPolicy.isRateLimitExempt(route: "/metrics"))
    #expect(!RouteAccessPolicy.isRateLimitExempt(route: "/v1/options"))
  }
}
