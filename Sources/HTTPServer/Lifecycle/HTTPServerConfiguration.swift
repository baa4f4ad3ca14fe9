#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything an `HTTPServer` can be told: where to listen, how many connections to hold,
/// size limits and timers. Defaults are close to nginx's.
public struct HTTPServerConfiguration: Sendable {
  /// Size limits on requests; each is answered with its own status code and a close.
  public struct Limits: Sendable, Equatable {
    /// Longest request line without its CRLF; 414 beyond it (nginx: 8 KiB buffer).
    public var maxRequestLineLength: Int = 8192
    /// Largest header section in bytes, and largest trailer section; 431 beyond it.
    public var maxHeaderBytes: Int = 32_768
    /// Most header fields (and most trailer fields) in one request; 431 beyond it.
    public var maxHeaderFields: Int = 100
    /// Largest request body, declared or received; 413 beyond it (nginx: 1 MiB).
    public var maxBodyBytes: Int = 1_048_576
    /// Most requests answered on one connection before it is closed (nginx: 1000).
    public var maxRequestsPerConnection: Int = 1000

    /// Creates the default limits.
    public init() {}
  }

  /// Timers guarding against slow or idle clients and against slow handlers at shutdown.
  public struct Timeouts: Sendable, Equatable {
    /// Time to receive a whole request head, from its first byte or from the connection's
    /// opening (slowloris); 408 and close when it expires (nginx: 60 s).
    public var header: Duration = .seconds(30)
    /// Time to receive a whole request body after its head (slow POST); 408 and close.
    public var body: Duration = .seconds(60)
    /// Time an idle keep-alive connection is kept open (nginx: 75 s).
    public var idle: Duration = .seconds(75)
    /// Time a response may stay unsent without progress before the connection is closed
    /// (nginx `send_timeout`: 60 s).
    public var writeStall: Duration = .seconds(60)
    /// Default time in-flight requests get to finish at graceful shutdown.
    public var drain: Duration = .seconds(10)

    /// Creates the default timeouts.
    public init() {}
  }

  /// Where request handlers run.
  public enum HandlerExecution: Sendable, Equatable {
    /// As tasks on the connection's event loop (the serial queue its queue targets), one
    /// after another with the I/O of the loop's other connections, like SwiftNIO's event
    /// loops: no thread wake-up between reading a request and running its handler, nor
    /// between the handler and writing its response. A handler that awaits (storage, a
    /// timer, another actor) frees the loop while it waits; one that computes holds it for
    /// that long, so keep CPU-heavy work short or move it off with `globalExecutor`.
    case eventLoop
    /// As tasks on the concurrency runtime's global executor, in parallel with every event
    /// loop; costs two thread hops per request.
    case globalExecutor
  }

  /// The address to bind: an IP literal or a host name; `0.0.0.0` and `::` bind all.
  public var host: String
  /// The port to bind; 0 asks the system for a free port (read it from `HTTPServer.port`).
  public var port: Int
  /// The listen backlog.
  public var backlog: Int32 = 1024
  /// Whether to set `SO_REUSEPORT`, so several processes can share the port.
  public var reusePort: Bool = false
  /// Most connections held at once; accepting pauses at the cap and resumes below it.
  public var maxConnections: Int = 4096
  /// Most connections one peer address may hold at once (nil: no per-address cap); a
  /// connection beyond it is closed at once, without pausing accepts for anyone else.
  public var maxConnectionsPerAddress: Int?
  /// How many serial queues ("event loops") the connections' queues are spread over; by
  /// default one per active processor.
  public var eventLoopCount: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  /// Where request handlers run: on their connection's event loop by default.
  public var handlerExecution: HandlerExecution = .eventLoop
  /// Request size limits.
  public var limits = Limits()
  /// Connection timers.
  public var timeouts = Timeouts()
  /// The `Server` header value, or nil to send none (never a version, by default nothing).
  public var serverName: String?
  /// The request header whose value is logged as the request id, if present.
  public var requestIDHeader: String? = "X-Request-ID"
  /// HTTP/2: prior knowledge over cleartext, ALPN `h2` over TLS, and its limits.
  public var http2 = HTTP2Configuration()
  /// Serve over TLS with this certificate and key; nil serves cleartext.
  public var tls: TLSConfiguration?
  /// Whether to write one access-log line per request (at `info` level).
  public var accessLog: Bool = true
  /// Renders the errors the server answers itself, before any handler sees a request
  /// (malformed, oversized or timed-out requests): by default the bare problem document.
  /// An application sets it to add the headers it puts on every response, and to log the
  /// rejection. The server adds `Connection: close` (and HSTS over TLS) to what it returns.
  public var serverErrorRenderer: @Sendable (ProblemDetails) -> HTTPResponse = {
    $0.response()
  }

  /// Creates a configuration listening on `host:port` with default limits and timers.
  public init(host: String = "127.0.0.1", port: Int = 8080) {
    self.host = host
    self.port = port
  }

  /// The parser's view of the limits.
  var parserLimits: ParserLimits {
    ParserLimits(
      maxRequestLineLength: limits.maxRequestLineLength, maxHeaderBytes: limits.maxHeaderBytes,
      maxHeaderFields: limits.maxHeaderFields, maxBodyBytes: limits.maxBodyBytes)
  }
}
