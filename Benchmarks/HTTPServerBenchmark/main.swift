// HTTPServer serving GET /json with the benchmark's JSON body, for scripts/bench-server.
// Usage: [HEADER_TIMEOUT_SECONDS=N] [EVENT_LOOPS=N] [HANDLERS=global] [TLS_CERT=PEM TLS_KEY=PEM]
//        HTTPServerBenchmark PORT BODY_FILE     (HTTPS with TLS_CERT and TLS_KEY)
//        HTTPServerBenchmark --hop    (measures the hop to an async handler)
// Stops gracefully on SIGTERM or SIGINT.
import HTTPServer

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole file, or exits with a message.
func readFile(_ path: String) -> [UInt8] {
  guard let file = fopen(path, "rb") else {
    print("cannot open \(path)")
    exit(1)
  }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while case let count = fread(&chunk, 1, chunk.count, file), count > 0 {
    bytes.append(contentsOf: chunk[..<count])
  }
  return bytes
}

let arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "--hop" {
  await HopMeasurement.run(iterations: 100_000)
  exit(0)
}
let port = arguments.count > 1 ? Int(arguments[1]) ?? 18_080 : 18_080
let body = readFile(arguments.count > 2 ? arguments[2] : "Benchmarks/BenchmarkBody.json")

let router = Router()
router.get("/json") { _, _ in .json(body) }
var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: port)
configuration.maxConnections = 20_000
configuration.accessLog = false  // Hummingbird logs no request either
if let loops = getenv("EVENT_LOOPS").flatMap({ Int(String(cString: $0)) }) {
  configuration.eventLoopCount = loops
}
if let handlers = getenv("HANDLERS").map({ String(cString: $0) }), handlers == "global" {
  configuration.handlerExecution = .globalExecutor
}
if let seconds = getenv("HEADER_TIMEOUT_SECONDS").flatMap({ Int(String(cString: $0)) }) {
  configuration.timeouts.header = .seconds(seconds)
}
if let certificate = getenv("TLS_CERT").map({ String(cString: $0) }),
  let key = getenv("TLS_KEY").map({ String(cString: $0) })
{
  configuration.tls = TLSConfiguration(certificateChainPath: certificate, privateKeyPath: key)
}
let server = HTTPServer(configuration: configuration, responder: router.buildResponder())
server.installSignalHandlers()
try await server.run()
