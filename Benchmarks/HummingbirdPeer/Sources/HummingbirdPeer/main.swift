// Hummingbird 2 serving GET /json with the benchmark's JSON body, for comparison with
// HTTPServerBenchmark. Usage: HummingbirdPeer PORT BODY_FILE
import Foundation
import Hummingbird
import Logging

let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 18_081 : 18_081
let bodyPath = arguments.count > 2 ? arguments[2] : "Benchmarks/BenchmarkBody.json"
let body = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: bodyPath)))

var logger = Logger(label: "hummingbird-peer")
logger.logLevel = .warning
let router = Router()
router.get("/json") { _, _ in
  Response(
    status: .ok, headers: [.contentType: "application/json"],
    body: ResponseBody(byteBuffer: body))
}
let app = Application(
  router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
  logger: logger)
try await app.runService()
