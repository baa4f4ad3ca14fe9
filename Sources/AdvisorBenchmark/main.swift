import ComputeAdvisor
import Dispatch
import Foundation

// Times `Advisor.recommend` (eligibility, sizing, costs, ranking, explanation, the break-even
// sweep and the sensitivity scenarios) on every example workload, in this process, and prints
// the median and 90th percentile in microseconds per evaluation.
//
// With `--encoder foundation|handwritten` it times writing each example's answer as JSON
// instead: Foundation's `JSONEncoder` (`Advisor.encode`) or `RecommendationJSON`.
//
// Usage: AdvisorBenchmark [EXAMPLES_DIR] [--samples N] [--encoder foundation|handwritten]

var arguments = Array(CommandLine.arguments.dropFirst())
var samples = 2000
if let index = arguments.firstIndex(of: "--samples"), index + 1 < arguments.count {
  samples = max(10, Int(arguments[index + 1]) ?? samples)
  arguments.removeSubrange(index...index + 1)
}
let encoder: String? = arguments.firstIndex(of: "--encoder").flatMap { index in
  guard index + 1 < arguments.count else { return nil }
  defer { arguments.removeSubrange(index...index + 1) }
  return arguments[index + 1]
}
let directory = URL(fileURLWithPath: arguments.first ?? "examples")
let files =
  (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil))?
  .filter { $0.pathExtension == "json" }
  .sorted { $0.lastPathComponent < $1.lastPathComponent } ?? []
guard !files.isEmpty else {
  FileHandle.standardError.write(Data("no example JSON files in \(directory.path)\n".utf8))
  exit(2)
}

let advisor = Advisor()
var checksum = 0.0
var all: [Double] = []

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
  sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

func format(_ value: Double) -> String {
  let scaled = (value * 10).rounded() / 10
  let text = String(scaled)
  return String(repeating: " ", count: max(0, 8 - text.count)) + text
}

/// One timed run on a parsed example: an evaluation, or writing a fixed answer as JSON.
@MainActor func measured(_ workload: Workload) throws -> () throws -> Double {
  switch encoder {
  case nil:
    return { advisor.recommend(workload).recommendation?.monthlyCostUSD?.usd ?? 0 }
  case "foundation":
    let answer = advisor.recommend(workload)
    return { Double(try Advisor.encode(answer, pretty: false).count) }
  case "handwritten":
    let answer = advisor.recommend(workload)
    return { Double(try RecommendationJSON.bytes(answer).count) }
  case let other?:
    FileHandle.standardError.write(Data("unknown encoder \(other)\n".utf8))
    exit(2)
  }
}

let subject =
  encoder.map { "JSON of the answer, \($0) encoder" } ?? "recommend incl. break-even sweep"
print("compute-advisor domain benchmark: \(samples) runs per example, after warm-up")
print("example                                 median us    p90 us   (\(subject))")
for file in files {
  let data = try Data(contentsOf: file)
  let workload: Workload
  do {
    workload = try advisor.parseWorkload(data)
  } catch {
    FileHandle.standardError.write(Data("\(file.lastPathComponent): \(error)\n".utf8))
    exit(2)
  }
  let run = try measured(workload)
  for _ in 0..<max(50, samples / 10) {
    checksum += try run() > 0 ? 1 : 0
  }
  var times: [Double] = []
  times.reserveCapacity(samples)
  for _ in 0..<samples {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try run()
    let end = DispatchTime.now().uptimeNanoseconds
    checksum += result
    times.append(Double(end - start) / 1000)
  }
  times.sort()
  all += times
  let name = file.deletingPathExtension().lastPathComponent
  let padded = name + String(repeating: " ", count: max(0, 38 - name.count))
  print("\(padded) \(format(percentile(times, 0.5)))  \(format(percentile(times, 0.9)))")
}
all.sort()
print(
  "all examples                           \(format(percentile(all, 0.5)))  \(format(percentile(all, 0.9)))"
)
print("checksum \(Int(checksum))")
