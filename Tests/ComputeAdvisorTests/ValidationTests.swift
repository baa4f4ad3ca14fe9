import Foundation
import Testing

@testable import ComputeAdvisor

/// Invalid input is refused with every problem, each by JSON path and stable code.
@Suite struct ValidationTests {
  @Test func everyProblemIsListedAtOnce() {
    let found = problems(
      """
      {"pattern": "request-driven", "region": "mars-1", "colour": "blue",
       "traffic": {"requestsPerSecond": {"average": "fast", "peak": -1}},
       "execution": {"averageDurationMs": -5},
       "resources": {"memoryMiB": 999999999, "architecture": "sparc", "gpu": {"count": 1.5}},
       "requirements": {"ingress": "carrier-pigeon"},
       "team": {"opsCapacity": "infinite", "extra": 1},
       "purchase": {"applyFreeTier": "yes"}}
      """)
    let byPath = Dictionary(found.map { ($0.path, $0.code) }, uniquingKeysWith: { a, _ in a })
    let expected: [String: String] = [
      "region": "region.unknown",
      "colour": "field.unknown",
      "traffic.requestsPerSecond.average": "type.mismatch",
      "traffic.requestsPerSecond.peak": "range.below-minimum",
      "execution.averageDurationMs": "range.below-minimum",
      "resources.memoryMiB": "range.above-maximum",
      "resources.architecture": "enum.unknown",
      "resources.gpu.count": "number.not-integer",
      "requirements.ingress": "enum.unknown",
      "team.opsCapacity": "enum.unknown",
      "team.extra": "field.unknown",
      "purchase.applyFreeTier": "type.mismatch",
    ]
    #expect(byPath == expected)
    #expect(found.count == expected.count, "one problem per path: \(found)")
  }

  @Test func unknownEnumValuesListTheAllowedOnes() {
    let problem = problems(#"{"pattern": "streaming", "traffic": {"requestsPerMonth": 5}}"#)
      .first { $0.path == "pattern" }
    #expect(problem?.code == ProblemCode.unknownEnumValue)
    #expect(problem?.allowed == Pattern.allowedValues)
    #expect(
      problem?.message.contains("request-driven, event-driven, batch, scheduled, long-running")
        == true)
  }

  @Test func unknownRegionListsTheCatalogRegions() {
    let problem = problems(
      #"{"pattern": "batch", "region": "eu-west-9", "traffic": {"jobsPerMonth": 5}, "execution": {"averageDurationMs": 1000}}"#
    ).first
    #expect(problem?.path == "region")
    #expect(problem?.code == ProblemCode.unknownRegion)
    #expect(problem?.allowed == advisor.catalog.regions)
  }

  @Test(arguments: [
    (
      #"{"pattern": "batch", "execution": {"averageDurationMs": 1000}}"#, "traffic",
      "traffic.missing"
    ),
    (
      #"{"pattern": "request-driven", "execution": {"averageDurationMs": 10}}"#, "traffic",
      "traffic.missing"
    ),
    (#"{"pattern": "long-running"}"#, "traffic", "traffic.missing"),
    (
      #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 10}}"#,
      "execution.averageDurationMs", "field.required"
    ),
    (#"{"traffic": {"requestsPerMonth": 10}}"#, "pattern", "field.required"),
    (
      #"{"pattern": "batch", "traffic": {"jobsPerMonth": 3, "requestsPerMonth": 10}, "execution": {"averageDurationMs": 1}}"#,
      "traffic.requestsPerMonth", "traffic.not-applicable"
    ),
  ])
  func missingOrMisplacedTrafficForThePattern(json: String, path: String, code: String) {
    let found = problems(json)
    #expect(found.contains { $0.path == path && $0.code == code }, "\(found)")
  }

  @Test func crossFieldRules() {
    let peakBelow = problems(
      #"{"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 10, "peak": 5}}, "execution": {"averageDurationMs": 10}}"#
    )
    #expect(peakBelow.map(\.code) == [ProblemCode.peakBelowAverage])
    #expect(peakBelow.first?.path == "traffic.requestsPerSecond.peak")

    let both = problems(
      #"{"pattern": "request-driven", "traffic": {"requestsPerMonth": 5, "requestsPerSecond": {"average": 1}}, "execution": {"averageDurationMs": 10}}"#
    )
    #expect(both.map(\.code) == [ProblemCode.trafficConflict])

    let hours = problems(
      #"{"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 10, "peak": 100}, "peakHoursPerDay": 6}, "execution": {"averageDurationMs": 10}}"#
    )
    #expect(hours.map(\.code) == [ProblemCode.peakHoursInconsistent])

    let maxBelow = problems(
      #"{"pattern": "batch", "traffic": {"jobsPerMonth": 5}, "execution": {"averageDurationMs": 60000, "maxDurationSeconds": 30}}"#
    )
    #expect(maxBelow.map(\.path) == ["execution.maxDurationSeconds"])

    let windowsArm = problems(
      #"{"pattern": "batch", "traffic": {"jobsPerMonth": 5}, "execution": {"averageDurationMs": 1000}, "resources": {"operatingSystem": "windows", "architecture": "arm64"}}"#
    )
    #expect(windowsArm.map(\.code) == [ProblemCode.windowsArm])

    let gpuKind = problems(
      #"{"pattern": "batch", "traffic": {"jobsPerMonth": 5}, "execution": {"averageDurationMs": 1000}, "resources": {"gpu": {"count": 1, "kind": "tpu"}}}"#
    )
    #expect(gpuKind.first?.code == ProblemCode.unknownGPUKind)
    #expect(gpuKind.first?.allowed?.contains("a10g") == true)
  }

  @Test func duplicateFieldsAreReported() {
    let found = problems(
      #"{"pattern": "batch", "pattern": "batch", "traffic": {"jobsPerMonth": 1}, "execution": {"averageDurationMs": 1}}"#
    )
    #expect(found.contains { $0.path == "pattern" && $0.code == ProblemCode.duplicateField })
  }

  @Test func aDocumentThatIsNotAnObjectIsOneProblem() {
    #expect(problems("[1, 2]").map(\.code) == [ProblemCode.typeMismatch])
    #expect(problems("[1, 2]").first?.path == "")
  }

  @Test func malformedJSONIsADistinctErrorWithAPosition() {
    do {
      _ = try advisor.parseWorkload(
        Array("{\"pattern\": \"batch\",\n  \"traffic\": {jobs: 5}}".utf8))
      Issue.record("accepted malformed JSON")
    } catch {
      guard case .malformedJSON(let syntax) = error else {
        Issue.record("expected malformedJSON, got \(error)")
        return
      }
      #expect(syntax.line == 2)
      #expect(syntax.column == 15)
      #expect(syntax.offset == 35)
    }
  }

  @Test func defaultsAreResolvedAndEchoedAsAssumptions() throws {
    let resolved = try workload(
      #"{"pattern": "request-driven", "traffic": {"requestsPerMonth": 1000000}, "execution": {"averageDurationMs": 100}}"#
    )
    #expect(resolved.region == "us-east-1")
    #expect(resolved.memoryMiB == WorkloadDefaults.memoryMiB)
    #expect(resolved.ingress == .publicHTTP)
    #expect(resolved.cpuTimeMs == 25)
    let defaulted = Set(resolved.assumptions.filter { $0.source == "default" }.map(\.field))
    for field in [
      "region", "packaging", "resources.vcpu", "resources.memoryMiB", "resources.architecture",
      "resources.operatingSystem", "resources.gpu.count", "resources.ephemeralStorageGiB",
      "execution.cpuTimeMs", "execution.maxDurationSeconds", "requirements.ingress",
      "requirements.osAccess", "requirements.kubernetes", "team.opsCapacity",
      "team.engineerHourlyRateUSD", "purchase.purchaseOption", "purchase.applyFreeTier",
      "traffic.requestsPerSecond.peak",
    ] {
      #expect(defaulted.contains(field), "no assumption for \(field)")
    }
    #expect(resolved.resolved.resources?.memoryMiB == WorkloadDefaults.memoryMiB)
    #expect(resolved.resolved.purchase?.purchaseOption == .onDemand)
    // Given fields are not echoed as assumptions.
    #expect(!defaulted.contains("pattern"))
    #expect(!defaulted.contains("execution.averageDurationMs"))
  }

  @Test func theAnswerEchoesTheAssumptions() throws {
    let input = try workload(
      #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 1000}, "execution": {"averageDurationMs": 100}}"#
    )
    let answer = advisor.recommend(input)
    #expect(answer.assumptions == input.assumptions)
    #expect(
      answer.assumptions.contains {
        $0.field == "sizing.target-utilisation.service" && $0.source == "catalog"
      })
  }

  @Test func resolvingADescriptionBuiltInSwiftValidatesToo() {
    let description = WorkloadDescription(
      pattern: .batch, traffic: .init(jobsPerMonth: 0), execution: .init(averageDurationMs: 1000))
    #expect(throws: WorkloadInputError.self) { try advisor.resolve(description) }
    do {
      _ = try advisor.resolve(description)
    } catch {
      #expect(error.problems.map(\.path) == ["traffic.jobsPerMonth"])
    }
  }

  @Test func resolvedDescriptionRoundTripsThroughJSON() throws {
    let input = try workload(
      #"{"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 5, "peak": 9}, "peakHoursPerDay": 4}, "execution": {"averageDurationMs": 100}}"#
    )
    let data = try Advisor.encode(input.resolved)
    let again = try advisor.parseWorkload(data)
    #expect(again.resolved == input.resolved)
    #expect(again.peakRate == 9)
    #expect(again.peakHoursPerDay == 4)
  }
}
