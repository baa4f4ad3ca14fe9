/// The handler a router calls for one route: request and context (with path parameters) in,
/// response out. It runs on the concurrency runtime, never on a connection's queue.
public typealias RouteHandler = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

/// One segment of a route pattern.
enum RouteSegment: Equatable {
  /// Matches exactly this text.
  case literal(String)
  /// `:name`: matches any one segment and captures it.
  case capture(String)
  /// `*`: matches any one segment.
  case wildcard
  /// `**`: matches the rest of the path (at least nothing), captured as `**`; last only.
  case catchAll

  /// Splits a pattern such as `/v1/items/:id` into segments.
  static func parse(_ pattern: String) -> [RouteSegment] {
    let segments = pattern.split(separator: "/").map { text -> RouteSegment in
      if text == "**" { return .catchAll }
      if text == "*" { return .wildcard }
      if text.hasPrefix(":") && text.count > 1 { return .capture(String(text.dropFirst())) }
      return .literal(String(text))
    }
    precondition(
      segments.dropLast().allSatisfy { $0 != .catchAll }, "`**` must end a route: \(pattern)")
    return segments
  }
}

/// A route trie while it is being built.
final class RouteTrieBuilder {
  private(set) var literals: [(String, RouteTrieBuilder)] = []
  private(set) var capture: (name: String, node: RouteTrieBuilder)?
  private(set) var wildcard: RouteTrieBuilder?
  private(set) var catchAll: RouteTrieBuilder?
  private(set) var handlers: [(HTTPMethod, RouteHandler)] = []
  private(set) var pattern: String?

  /// Adds a handler for `method` at the node `segments` lead to.
  func insert(
    _ segments: ArraySlice<RouteSegment>, method: HTTPMethod, pattern: String,
    handler: @escaping RouteHandler
  ) {
    guard let segment = segments.first else {
      precondition(
        !handlers.contains { $0.0 == method }, "route registered twice: \(method) \(pattern)")
      handlers.append((method, handler))
      self.pattern = pattern
      return
    }
    let child: RouteTrieBuilder
    switch segment {
    case .literal(let text):
      if let existing = literals.first(where: { $0.0 == text }) {
        child = existing.1
      } else {
        child = RouteTrieBuilder()
        literals.append((text, child))
      }
    case .capture(let name):
      if let capture {
        precondition(capture.name == name, "conflicting captures :\(capture.name) and :\(name)")
        child = capture.node
      } else {
        child = RouteTrieBuilder()
        capture = (name, child)
      }
    case .wildcard:
      child = wildcard ?? RouteTrieBuilder()
      wildcard = child
    case .catchAll:
      child = catchAll ?? RouteTrieBuilder()
      catchAll = child
    }
    child.insert(segments.dropFirst(), method: method, pattern: pattern, handler: handler)
  }
}

/// The frozen, immutable route trie: literal children win over captures, captures over `*`,
/// and `*` over `**`.
final class RouteTrieNode: Sendable {
  /// A matched route: its handlers by method and its pattern.
  struct Endpoint: Sendable {
    let handlers: [HTTPMethod: RouteHandler]
    let pattern: String
  }

  private let literals: [(String, RouteTrieNode)]
  private let capture: (name: String, node: RouteTrieNode)?
  private let wildcard: RouteTrieNode?
  private let catchAll: RouteTrieNode?
  private let endpoint: Endpoint?

  /// Freezes a builder, wrapping every handler with `wrap` (the middleware chain).
  init(_ builder: RouteTrieBuilder, wrap: (@escaping RouteHandler) -> RouteHandler) {
    literals = builder.literals.map { ($0.0, RouteTrieNode($0.1, wrap: wrap)) }
    capture = builder.capture.map { ($0.name, RouteTrieNode($0.node, wrap: wrap)) }
    wildcard = builder.wildcard.map { RouteTrieNode($0, wrap: wrap) }
    catchAll = builder.catchAll.map { RouteTrieNode($0, wrap: wrap) }
    if builder.handlers.isEmpty {
      endpoint = nil
    } else {
      var handlers: [HTTPMethod: RouteHandler] = [:]
      for (method, handler) in builder.handlers { handlers[method] = wrap(handler) }
      endpoint = Endpoint(handlers: handlers, pattern: builder.pattern ?? "")
    }
  }

  /// Finds the endpoint for a path's segments, filling `parameters` with its captures.
  func match(_ segments: ArraySlice<Substring>, path: Substring, parameters: inout RouteParameters)
    -> Endpoint?
  {
    guard let segment = segments.first else {
      if let endpoint { return endpoint }
      if let catchAll, let endpoint = catchAll.endpoint {
        parameters.append(name: "**", value: "")
        return endpoint
      }
      return nil
    }
    let rest = segments.dropFirst()
    for (text, node) in literals where text == segment {
      if let found = node.match(rest, path: path, parameters: &parameters) { return found }
    }
    if let capture {
      parameters.append(name: capture.name, value: segment)
      if let found = capture.node.match(rest, path: path, parameters: &parameters) { return found }
      parameters.removeLast(1)
    }
    if let wildcard, let found = wildcard.match(rest, path: path, parameters: &parameters) {
      return found
    }
    if let catchAll, let endpoint = catchAll.endpoint {
      parameters.append(name: "**", value: path[segment.startIndex...])
      return endpoint
    }
    return nil
  }
}
