/// Percentiles of a set of latencies, in milliseconds.
struct LatencySummary: CustomStringConvertible {
  let count: Int
  let p50: Double
  let p90: Double
  let p99: Double
  let max: Double

  /// Summarises `samples` (durations of individual operations).
  init(_ samples: [Duration]) {
    let sorted = samples.map(Self.milliseconds).sorted()
    count = sorted.count
    func percentile(_ fraction: Double) -> Double {
      guard !sorted.isEmpty else { return 0 }
      let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
      return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
    }
    p50 = percentile(0.50)
    p90 = percentile(0.90)
    p99 = percentile(0.99)
    max = sorted.last ?? 0
  }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
  }

  var description: String {
    func format(_ value: Double) -> String { String(format: "%.2f", value) }
    return "n=\(count) p50=\(format(p50)) ms p90=\(format(p90)) ms p99=\(format(p99)) ms "
      + "max=\(format(max)) ms"
  }
}
