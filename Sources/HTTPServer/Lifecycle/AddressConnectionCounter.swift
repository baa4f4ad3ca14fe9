/// Open connections per peer address (the host part, ports ignored), for the per-address
/// connection cap. Not thread-safe: the server keeps it inside its locked state.
struct AddressConnectionCounter {
  private var counts: [String: Int] = [:]

  /// Counts a new connection from `host` unless it already has `limit` open; returns
  /// whether it was counted.
  mutating func admit(_ host: String, limit: Int) -> Bool {
    let open = counts[host, default: 0]
    guard open < limit else { return false }
    counts[host] = open + 1
    return true
  }

  /// Forgets one closed connection from `host`; hosts with none left are dropped, so the
  /// table holds only addresses with open connections.
  mutating func release(_ host: String) {
    guard let open = counts[host] else { return }
    counts[host] = open > 1 ? open - 1 : nil
  }

  /// How many connections `host` has open.
  func count(for host: String) -> Int { counts[host, default: 0] }

  /// The host part of `host:port` or `[v6]:port` as the listener formats peers.
  static func host(of address: String) -> String {
    if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
      return String(address[address.index(after: address.startIndex)..<end])
    }
    guard let colon = address.lastIndex(of: ":"), address[..<colon].firstIndex(of: ":") == nil
    else { return address }
    return String(address[..<colon])
  }
}
