/// The frozen form of a `Router`: an immutable trie of middleware-wrapped handlers.
///
/// Unknown paths are answered 404, known paths with another method 405 with `Allow`, and
/// HEAD is served by the GET handler (the server drops the body). Every thrown error goes
/// through the router's error renderer.
public struct RouterResponder: HTTPResponder {
  private let root: RouteTrieNode
  private let middleware: MiddlewareChain
  private let notFound: RouteHandler
  private let errorRenderer: HTTPErrorRenderer

  init(root: RouteTrieNode, middleware: MiddlewareChain, errorRenderer: @escaping HTTPErrorRenderer)
  {
    self.root = root
    self.middleware = middleware
    self.notFound = middleware.wrap { _, _ in throw HTTPError(.notFound) }
    self.errorRenderer = errorRenderer
  }

  /// Routes the request and runs the middleware and handler; never throws, since errors
  /// are rendered into responses.
  public func respond(to request: HTTPRequest, context: RequestContext) async throws
    -> HTTPResponse
  {
    var context = context
    let handler = resolve(request, context: &context)
    do {
      return try await handler(request, context)
    } catch {
      return errorRenderer(error, request)
    }
  }

  /// Picks the handler for a request and fills the context's parameters and route.
  func resolve(_ request: HTTPRequest, context: inout RequestContext) -> RouteHandler {
    let path = Substring(request.path)
    // Split on bytes: `/` is ASCII, and splitting by Character costs a grapheme-boundary
    // check per byte of every path.
    let segments = path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    var parameters = RouteParameters()
    guard let endpoint = root.match(segments[...], path: path, parameters: &parameters) else {
      return notFound
    }
    context.parameters = parameters
    context.route = endpoint.pattern
    if let handler = endpoint.handlers[request.method] { return handler }
    if request.method == .head, let handler = endpoint.handlers[.get] { return handler }
    var allowed = endpoint.handlers.keys.map(\.rawValue)
    if endpoint.handlers[.get] != nil && endpoint.handlers[.head] == nil { allowed.append("HEAD") }
    let allow = allowed.sorted().joined(separator: ", ")
    return middleware.wrap { _, _ in throw HTTPError(.methodNotAllowed, headers: ["Allow": allow]) }
  }
}
