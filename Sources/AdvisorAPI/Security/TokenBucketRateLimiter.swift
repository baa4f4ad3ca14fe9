import Synchronization

/// A token bucket per client: each client may send `burst` requests at once and
/// `ratePerSecond` on average. Memory is bounded: at most `maxTrackedClients` buckets are
/// kept; a bucket that has refilled completely is the same as no bucket and is dropped
/// first, and if every tracked client is active the longest-idle ones go.
public final class TokenBucketRateLimiter: Sendable {
  /// The limit every client gets.
  public struct Policy: Sendable, Equatable {
    /// Tokens added per second (the sustained request rate).
    public var ratePerSecond: Double
    /// The bucket's size (the most requests at once).
    public var burst: Int

    /// Creates a policy; `ratePerSecond` must be positive and `burst` at least 1.
    public init(ratePerSecond: Double, burst: Int) {
      precondition(ratePerSecond > 0 && burst >= 1, "rate must be positive, burst at least 1")
      self.ratePerSecond = ratePerSecond
      self.burst = burst
    }
  }

  /// The verdict on one request, with what the `RateLimit-*` headers report.
  public struct Decision: Sendable, Equatable {
    /// Whether the request may proceed (a token was taken).
    public var isAllowed: Bool
    /// The bucket size.
    public var limit: Int
    /// Whole tokens left after this request.
    public var remaining: Int
    /// Seconds until the bucket is full again (rounded up).
    public var resetSeconds: Int
    /// Seconds until the next token when refused (rounded up, at least 1); 0 when allowed.
    public var retryAfterSeconds: Int
  }

  private struct Bucket {
    var tokens: Double
    var updated: Double
  }

  /// The policy applied to every client.
  public let policy: Policy
  /// The most buckets kept at once.
  public let maxTrackedClients: Int
  private let now: @Sendable () -> Double
  /// The buckets, inline in the limiter: one cache line less to fetch per request than a
  /// separate lock object.
  private let buckets = Mutex<[String: Bucket]>([:])

  /// A limiter; `now` gives monotonic seconds (injected by tests).
  public init(
    policy: Policy, maxTrackedClients: Int = 10_000,
    now: @escaping @Sendable () -> Double = TokenBucketRateLimiter.monotonicSeconds
  ) {
    precondition(maxTrackedClients >= 1, "track at least one client")
    self.policy = policy
    self.maxTrackedClients = maxTrackedClients
    self.now = now
  }

  /// Seconds on the system's monotonic clock (`CLOCK_MONOTONIC`, read directly: one
  /// vDSO call, without `Duration`'s 128-bit arithmetic).
  @Sendable public static func monotonicSeconds() -> Double {
    MonotonicTime.seconds()
  }

  /// How many clients have a bucket right now.
  public var trackedClientCount: Int { buckets.withLock { $0.count } }

  /// Takes a token from `client`'s bucket if there is one.
  public func acquire(client: String) -> Decision {
    let time = now()
    return buckets.withLock { buckets in
      // One hash on the common path: an existing bucket is updated in place.
      if let index = buckets.index(forKey: client) {
        return take(from: &buckets.values[index], at: time)
      }
      if buckets.count >= maxTrackedClients { evict(&buckets, at: time) }
      var bucket = Bucket(tokens: Double(policy.burst), updated: time)
      let decision = take(from: &bucket, at: time)
      buckets[client] = bucket
      return decision
    }
  }

  /// Refills `bucket` up to `time` and takes a token if a whole one is there.
  private func take(from bucket: inout Bucket, at time: Double) -> Decision {
    let capacity = Double(policy.burst)
    bucket.tokens = min(capacity, bucket.tokens + (time - bucket.updated) * policy.ratePerSecond)
    bucket.updated = time
    let allowed = bucket.tokens >= 1
    if allowed { bucket.tokens -= 1 }
    let retryAfter =
      allowed ? 0 : max(1, Int(((1 - bucket.tokens) / policy.ratePerSecond).rounded(.up)))
    return Decision(
      isAllowed: allowed, limit: policy.burst, remaining: Int(bucket.tokens.rounded(.down)),
      resetSeconds: Int(((capacity - bucket.tokens) / policy.ratePerSecond).rounded(.up)),
      retryAfterSeconds: retryAfter)
  }

  /// Frees room: drops every bucket that has refilled (forgetting it changes nothing), then,
  /// if still at least nine tenths full, the longest-idle half. Caller holds the lock.
  private func evict(_ buckets: inout [String: Bucket], at time: Double) {
    let capacity = Double(policy.burst)
    buckets = buckets.filter { _, bucket in
      bucket.tokens + (time - bucket.updated) * policy.ratePerSecond < capacity
    }
    guard buckets.count * 10 >= maxTrackedClients * 9 else { return }
    let idleFirst = buckets.sorted { $0.value.updated < $1.value.updated }
    for (client, _) in idleFirst.prefix(max(1, buckets.count / 2)) {
      buckets[client] = nil
    }
  }
}
