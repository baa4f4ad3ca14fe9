// What API keys and rate limiting add to a request, in process: the API's responder answers
// `GET /v1/options` (the cached document scripts/bench-security also uses) with metrics and
// the JSON access log on, in four settings: off, keys only, rate limit only, both. No
// sockets, so the figures are the middleware's own cost, free of the kernel's and of the
// machine's drift; scripts/bench-security gives the end-to-end figure.
//
// Usage: APIOperationsBenchmark [REQUESTS per run, default 100000] [ROUNDS, default 7]
//          [SETTING (off, keys, rate or both; default all)...]
//        env: TASKS (default 1): that many tasks send requests at once, sharing the
//        responder, so that its locks and shared counters are contended as in the server
//        (one task per core); the figure is then thread time per request (elapsed × TASKS
//        / requests).
// Prints the fastest run of each setting (µs per request) and its excess over off.
import AdvisorAPI
import ComputeAdvisor
import Foundation
import HTTPServer
import Logging
import Storage

let arguments = CommandLine.arguments.dropFirst()
let requests = arguments.first.flatMap { Int($0) } ?? 100_000
let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 7
let chosen = Set(arguments.dropFirst(2))
let tasks = max(1, ProcessInfo.processInfo.environment["TASKS"].flatMap { Int($0) } ?? 1)

// Lines are formatted as in `serve` and then dropped.
LoggingSystem.bootstrap { label in
  JSONLogHandler(label: label, level: .info, sink: .batching { _ in })
}

/// One setting under test: its responder and the request a client of it sends.
struct Setting: Sendable {
  let name: String
  let responder: RouterResponder
  let request: HTTPRequest
}

func makeSettings(store: any RecommendationStore) throws -> [Setting] {
  let token = APIKeyToken.generate()
  let record = APIKeyRecord(token: token, name: "bench", scopes: [.read], created: Date())
  return try [
    ("off", false, false), ("keys", true, false), ("rate", false, true), ("both", true, true),
  ]
  .map { name, keys, limit in
    let operations = APIOperations(
      keyRing: keys ? try APIKeyRing(keys: [record]) : nil,
      rateLimiter: limit
        ? TokenBucketRateLimiter(policy: .init(ratePerSecond: 1_000_000, burst: 2_000_000))
        : nil,
      metrics: ServiceMetrics(), accessLog: true)
    var headers: HTTPFields = ["Host": "127.0.0.1", "User-Agent": "bench"]
    if keys { headers.append(name: "Authorization", value: "Bearer \(token.text)") }
    return Setting(
      name: name,
      responder: try AdvisorAPI(advisor: Advisor(), store: store, operations: operations)
        .buildResponder(),
      request: HTTPRequest(
        method: .get, target: "/v1/options", headers: headers,
        remoteAddress: "127.0.0.1:50000"))
  }
}

/// Microseconds of one thread per request, with `count` requests split among `tasks` tasks
/// that each answer theirs one after another.
func time(_ setting: Setting, count: Int, logger: Logger) async throws -> Double {
  let perTask = max(1, count / tasks)
  let clock = ContinuousClock()
  let start = clock.now
  try await withThrowingTaskGroup(of: Void.self) { group in
    for _ in 0..<tasks {
      group.addTask {
        for _ in 0..<perTask {
          let response = try await setting.responder.respond(
            to: setting.request, context: RequestContext(logger: logger))
          precondition(response.status == .ok, "\(setting.name): \(response.status)")
        }
      }
    }
    try await group.waitForAll()
  }
  let elapsed = (clock.now - start) * tasks
  let seconds =
    Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  return seconds * 1e6 / Double(perTask * tasks)
}

/// Runs off the main actor, so no request pays for a hop back to it.
nonisolated func run() async throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("api-operations-benchmark-\(getpid())")
  defer { try? FileManager.default.removeItem(at: directory) }
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let store = try SQLiteRecommendationStore(
    configuration: SQLiteStoreConfiguration(path: directory.appendingPathComponent("b.sqlite").path)
  )
  let settings = try makeSettings(store: store).filter {
    chosen.isEmpty || chosen.contains($0.name)
  }
  let logger = Logger(label: "bench")
  var fastest: [String: Double] = [:]
  // Settings take turns within each round, so a slower minute of the machine hits them all.
  for _ in 0..<rounds {
    for setting in settings {
      _ = try await time(setting, count: 1_000, logger: logger)  // warm-up
      let microseconds = try await time(setting, count: requests, logger: logger)
      fastest[setting.name] = min(fastest[setting.name] ?? .infinity, microseconds)
    }
  }
  let off = fastest["off"] ?? 0
  let concurrency = tasks == 1 ? "" : ", \(tasks) tasks at once"
  print(
    "setting  µs/request  over off  (fastest of \(rounds) runs of \(requests) requests\(concurrency))"
  )
  for setting in settings {
    let value = fastest[setting.name]!
    print(
      setting.name.padding(toLength: 7, withPad: " ", startingAt: 0),
      String(format: "%10.2f  %+8.2f", value, value - off))
  }
}

try await run()
