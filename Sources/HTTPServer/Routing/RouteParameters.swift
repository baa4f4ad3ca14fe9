/// The values a route's `:name` captures took in a request path, and for `**` the rest of
/// the path under the name `**`.
public struct RouteParameters: Sendable, Sequence {
  private var pairs: [(name: String, value: String)] = []

  /// Creates an empty set.
  public init() {}

  /// The percent-decoded value of a parameter, or nil when the route has no such capture.
  public subscript(name: String) -> String? {
    raw(name).map { PercentDecoding.decode($0) }
  }

  /// The value of a parameter as it appeared in the path (still percent-encoded).
  public func raw(_ name: String) -> String? {
    pairs.first { $0.name == name }?.value
  }

  /// The parameters in path order, raw.
  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    pairs.makeIterator()
  }

  /// Adds a captured value.
  mutating func append(name: String, value: Substring) {
    pairs.append((name, String(value)))
  }

  /// Removes the most recent `count` values (when matching backtracks).
  mutating func removeLast(_ count: Int) {
    pairs.removeLast(count)
  }
}
