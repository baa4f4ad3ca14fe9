/// Builds the routing table of a server: method + path pattern to handler, plus middleware
/// and error rendering. Build it once at start-up, then freeze it with `buildResponder()`.
///
/// Patterns are `/`-separated segments: literal text, `:name` (captures one segment into
/// `context.parameters`), `*` (any one segment) or a final `**` (the rest of the path).
/// Literal segments win over captures, captures over `*`, `*` over `**`.
///
/// ```swift
/// let router = Router()
/// router.get("/v1/items/:id") { request, context in
///   .text("item \(context.parameters["id"] ?? "")")
/// }
/// let server = HTTPServer(configuration: .init(port: 8080), responder: router.buildResponder())
/// ```
public final class Router {
  private let root = RouteTrieBuilder()
  private var middleware: [any HTTPMiddleware] = []

  /// Renders errors thrown by handlers and middleware, and the router's own 404 and 405.
  /// The default renders `HTTPResponseError`s themselves and anything else as an opaque 500.
  public var errorRenderer: HTTPErrorRenderer = HTTPErrorRendering.default

  /// Creates an empty router.
  public init() {}

  /// Routes `method` requests for paths matching `pattern` to `handler`. Registering the
  /// same method and pattern twice is a programming error.
  @discardableResult
  public func on(_ method: HTTPMethod, _ pattern: String, use handler: @escaping RouteHandler)
    -> Router
  {
    root.insert(
      RouteSegment.parse(pattern)[...], method: method, pattern: pattern, handler: handler)
    return self
  }

  /// Routes GET (and therefore HEAD) requests for `pattern` to `handler`.
  @discardableResult
  public func get(_ pattern: String, use handler: @escaping RouteHandler) -> Router {
    on(.get, pattern, use: handler)
  }

  /// Routes POST requests for `pattern` to `handler`.
  @discardableResult
  public func post(_ pattern: String, use handler: @escaping RouteHandler) -> Router {
    on(.post, pattern, use: handler)
  }

  /// Routes PUT requests for `pattern` to `handler`.
  @discardableResult
  public func put(_ pattern: String, use handler: @escaping RouteHandler) -> Router {
    on(.put, pattern, use: handler)
  }

  /// Routes PATCH requests for `pattern` to `handler`.
  @discardableResult
  public func patch(_ pattern: String, use handler: @escaping RouteHandler) -> Router {
    on(.patch, pattern, use: handler)
  }

  /// Routes DELETE requests for `pattern` to `handler`.
  @discardableResult
  public func delete(_ pattern: String, use handler: @escaping RouteHandler) -> Router {
    on(.delete, pattern, use: handler)
  }

  /// Adds middleware around every request; the first added runs outermost.
  @discardableResult
  public func add(middleware: any HTTPMiddleware) -> Router {
    self.middleware.append(middleware)
    return self
  }

  /// Adds a closure as middleware around every request.
  @discardableResult
  public func add(middleware body: @escaping ClosureMiddleware.Body) -> Router {
    add(middleware: ClosureMiddleware(body))
  }

  /// Freezes the routes, middleware and error renderer into an immutable responder; later
  /// changes to this router do not affect it.
  public func buildResponder() -> RouterResponder {
    let chain = MiddlewareChain(middleware: middleware)
    return RouterResponder(
      root: RouteTrieNode(root, wrap: chain.wrap), middleware: chain, errorRenderer: errorRenderer)
  }
}

/// Middleware composed around handlers once, when a router is frozen.
struct MiddlewareChain: Sendable {
  let middleware: [any HTTPMiddleware]

  /// The handler with every middleware around it, the first added outermost.
  func wrap(_ handler: @escaping RouteHandler) -> RouteHandler {
    middleware.reversed().reduce(handler) { next, layer in
      { request, context in try await layer.handle(request, context: context, next: next) }
    }
  }
}
