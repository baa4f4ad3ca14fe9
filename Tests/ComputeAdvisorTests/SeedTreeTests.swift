import Testing

@testable import ComputeAdvisor

/// The seed's decision tree holds, and the answer explains itself in its terms.
@Suite struct SeedTreeTests {
  @Test func osAccessLeadsToEC2() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"name": "licence server tied to a host", "pattern": "long-running", "packaging": "machine-image",
         "traffic": {"replicas": 1}, "resources": {"vcpu": 2, "memoryMiB": 4096},
         "requirements": {"osAccess": true, "ingress": "internal"}}
        """))
    #expect(answer.recommendation?.option == "ec2")
    #expect(
      answer.option("lambda").ineligibility.map(\.code).contains("lambda.os-access-unsupported"))
    #expect(
      answer.option("ecs-fargate").ineligibility.map(\.code).contains(
        "fargate.os-access-unsupported"))
    #expect(
      answer.option("ecs-ec2").ineligibility.map(\.code).contains(
        "containers.os-access-unsupported"))
    #expect(answer.option("ec2").reasons.contains { $0.code == "tree.os-access" })
  }

  @Test func requiredKubernetesLeadsToEKS() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "request-driven", "packaging": "container",
         "traffic": {"requestsPerSecond": {"average": 20}}, "execution": {"averageDurationMs": 80},
         "requirements": {"kubernetes": true}}
        """))
    #expect(answer.recommendation?.option.hasPrefix("eks-") == true)
    #expect(answer.option("ec2").ineligibility.map(\.code) == ["ec2.kubernetes-required"])
    #expect(answer.option("lambda").ineligibility.map(\.code) == ["lambda.kubernetes-required"])
    #expect(answer.option("ecs-ec2").ineligibility.map(\.code) == ["ecs.kubernetes-required"])
    #expect(answer.option("ecs-fargate").ineligibility.map(\.code) == ["ecs.kubernetes-required"])
  }

  @Test func aTwoHourGPUJobLeadsToEC2WithTheLimitsNamed() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "batch", "packaging": "source", "traffic": {"jobsPerMonth": 20},
         "execution": {"averageDurationMs": 7200000}, "resources": {"vcpu": 4, "memoryMiB": 12288,
         "gpu": {"count": 1}}}
        """))
    #expect(answer.recommendation?.option == "ec2")
    let lambda = answer.option("lambda")
    #expect(!lambda.eligible)
    let timeout = lambda.ineligibility.first { $0.code == "lambda.timeout-exceeded" }
    #expect(timeout?.limit == 900)
    #expect(timeout?.value == 7200)
    #expect(timeout?.message.contains("900 s") == true)
    #expect(lambda.ineligibility.contains { $0.code == "lambda.gpu-unsupported" })
    for fargate in ["ecs-fargate", "eks-fargate"] {
      #expect(
        answer.option(fargate).ineligibility.contains { $0.code == "fargate.gpu-unsupported" })
    }
    #expect(answer.recommendation?.configuration?.instanceType == "g4dn.xlarge")
  }

  @Test func aLowTrafficEventHandlerLeadsToLambda() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "event-driven", "traffic": {"requestsPerMonth": 100000},
         "execution": {"averageDurationMs": 200}, "resources": {"memoryMiB": 512},
         "team": {"opsCapacity": "low"}}
        """))
    #expect(answer.recommendation?.option == "lambda")
    #expect(answer.option("lambda").reasons.contains { $0.code == "tree.event-driven" })
    #expect(answer.option("lambda").rank == 1)
  }

  @Test func aTeamWithNoOpsCapacityIsNotGivenNodesToPatch() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "request-driven", "packaging": "container",
         "traffic": {"requestsPerSecond": {"average": 400}}, "execution": {"averageDurationMs": 50},
         "team": {"opsCapacity": "none"}}
        """))
    let pick = try #require(answer.recommendation?.option)
    #expect(["lambda", "ecs-fargate", "eks-fargate"].contains(pick))
    for id in ["ec2", "ecs-ec2", "eks-ec2"] {
      #expect(answer.option(id).reasons.contains { $0.code == "rank.beyond-ops-capacity" })
    }
  }

  @Test func nearTiesGoToTheLessDemandingOption() throws {
    let input = try workload(
      #"{"pattern": "batch", "traffic": {"jobsPerMonth": 1}, "execution": {"averageDurationMs": 1000}, "team": {"opsCapacity": "high"}}"#
    )
    let context = advisor.context(for: input)
    let ec2 = OptionRegistry.standard.option("ec2")!
    let fargate = OptionRegistry.standard.option("ecs-fargate")!
    var evaluations = [
      OptionEvaluation(option: ec2, ineligibility: [], tco: 100),
      OptionEvaluation(option: fargate, ineligibility: [], tco: 103),
    ]
    Ranking.rank(&evaluations, input, context)
    #expect(evaluations.map(\.rank) == [2, 1])
    evaluations[1].tco = 120
    Ranking.rank(&evaluations, input, context)
    #expect(evaluations.map(\.rank) == [1, 2])
  }

  @Test func anExistingEKSClusterCarriesTheControlPlane() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "request-driven", "packaging": "container", "traffic": {"requestsPerMonth": 10000000},
         "execution": {"averageDurationMs": 100}, "team": {"existingPlatform": "eks"}}
        """))
    for id in ["eks-ec2", "eks-fargate"] {
      #expect(answer.option(id).lines("eks.control-plane.standard").isEmpty)
      #expect(answer.option(id).management?.existingPlatformFactor == 0.5)
    }
  }

  @Test func spotOnlyWhenInterruptionTolerantAndFargateSpotOnlyOnECS() throws {
    let json = """
      {"pattern": "batch", "packaging": "container", "traffic": {"jobsPerMonth": 100},
       "execution": {"averageDurationMs": 600000}, "requirements": {"interruptionTolerant": %@},
       "purchase": {"purchaseOption": "spot"}}
      """
    let tolerant = advisor.recommend(
      try workload(json.replacingOccurrences(of: "%@", with: "true")))
    #expect(tolerant.option("ecs-fargate").configuration?.purchaseOption == .spot)
    #expect(
      tolerant.option("ecs-fargate").lines("fargate.linux.x86_64.vcpu-hour").first?.discountId
        == "discount.fargate.spot")
    #expect(tolerant.option("eks-fargate").configuration?.purchaseOption == .onDemand)
    #expect(tolerant.option("ec2").configuration?.purchaseOption == .spot)
    #expect(tolerant.option("lambda").configuration?.purchaseOption == .onDemand)

    let intolerant = advisor.recommend(
      try workload(json.replacingOccurrences(of: "%@", with: "false")))
    for option in intolerant.options where option.eligible {
      #expect(option.configuration?.purchaseOption == .onDemand, "\(option.option)")
    }
    #expect(intolerant.warnings.contains { $0.code == "purchase.not-applied" })
  }

  @Test func freeTierOnlyWhenAsked() throws {
    let answer = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 500000}, "execution": {"averageDurationMs": 100}}"#
      ))
    #expect(
      answer.option("lambda").monthlyCost?.lines.allSatisfy { $0.freeTierQuantity == nil } == true)
    #expect(answer.option("lambda").cents(.requests) == 0.10)
  }

  @Test func lambdaSizingConcurrencyAndColdStarts() throws {
    let busy = advisor.recommend(
      try workload(
        """
        {"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 2000, "peak": 3000}},
         "execution": {"averageDurationMs": 500}, "resources": {"vcpu": 2, "memoryMiB": 1024},
         "requirements": {"maxColdStartMs": 100}}
        """))
    let lambda = busy.option("lambda")
    #expect(lambda.configuration?.memoryMB == 3538)  // 2 vCPU x 1,769 MB
    #expect(lambda.configuration?.concurrency == 1500)
    #expect(lambda.configuration?.provisionedConcurrency == 1500)
    #expect(busy.warnings.contains { $0.code == "lambda.concurrency-above-quota" })
  }

  @Test func eksOnFargateAdds256MBAndRoundsUp() throws {
    // AWS's own example: 1 vCPU / 8 GB requested becomes a 2 vCPU / 9 GB task.
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "batch", "packaging": "container", "traffic": {"jobsPerMonth": 10},
         "execution": {"averageDurationMs": 60000}, "resources": {"vcpu": 1, "memoryMiB": 8192}}
        """))
    #expect(answer.option("eks-fargate").configuration?.taskVCPU == 2)
    #expect(answer.option("eks-fargate").configuration?.taskMemoryGiB == 9)
    #expect(answer.option("ecs-fargate").configuration?.taskVCPU == 1)
    #expect(answer.option("ecs-fargate").configuration?.taskMemoryGiB == 8)
  }

  @Test func availabilityMinimumsAndPerJobBilling() throws {
    let service = advisor.recommend(
      try workload(
        #"{"pattern": "request-driven", "packaging": "container", "traffic": {"requestsPerMonth": 100}, "execution": {"averageDurationMs": 10}}"#
      ))
    #expect(service.option("ecs-fargate").configuration?.tasks?.peak == 2)
    #expect(service.option("ec2").configuration?.instances?.peak == 2)
    let consumer = advisor.recommend(
      try workload(
        #"{"pattern": "event-driven", "packaging": "container", "traffic": {"requestsPerMonth": 100}, "execution": {"averageDurationMs": 10}}"#
      ))
    #expect(consumer.option("ecs-fargate").configuration?.tasks?.peak == 1)
    // Ten-second jobs are billed the 60 s minimum: 100 jobs, 6,000 task-seconds.
    let jobs = advisor.recommend(
      try workload(
        #"{"pattern": "batch", "packaging": "container", "traffic": {"jobsPerMonth": 100}, "execution": {"averageDurationMs": 10000}}"#
      ))
    let hours = try #require(jobs.option("ecs-fargate").configuration?.hoursPerMonth)
    #expect(abs(hours - 100.0 * 60 / 3600) < 1e-9)
  }

  @Test func burstableTypesOnlyWithinTheirBaseline() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 200}},
         "execution": {"averageDurationMs": 100, "cpuTimeMs": 80}, "resources": {"vcpu": 1, "memoryMiB": 1024}}
        """))
    let configuration = try #require(answer.option("ec2").configuration)
    let type = try #require(
      advisor.catalog.document.instanceTypes.first { $0.name == configuration.instanceType })
    let instances = try #require(configuration.instances?.peak)
    let load = 200 * 0.080
    let perInstance = load / instances
    let ceiling = type.vcpu * min(0.6, type.burstableBaseline ?? 1)
    #expect(perInstance <= ceiling + 1e-9)
  }

  @Test func everyOptionHasReasonsAndTheIneligibleNeverRank() throws {
    let answer = advisor.recommend(
      try workload(String(decoding: try exampleData("gpu-training-job"), as: UTF8.self)))
    for option in answer.options {
      #expect(!option.reasons.isEmpty)
      if !option.eligible {
        #expect(option.rank == nil)
        #expect(!option.ineligibility.isEmpty)
      }
    }
    #expect(answer.options.filter { $0.rank == 1 }.count == 1)
  }
}
