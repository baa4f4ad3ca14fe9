import Testing

@testable import ComputeAdvisor

/// AWS's worked pricing examples (shared/reference/aws-compute-facts.md), reproduced to the
/// cent through the public API with the inputs a user would give.
@Suite struct WorkedExamplesTests {
  @Test func lambdaExample1FreeTier() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "event-driven", "traffic": {"requestsPerMonth": 3000000},
         "execution": {"averageDurationMs": 120}, "resources": {"memoryMiB": 1536},
         "purchase": {"applyFreeTier": true}}
        """))
    let lambda = answer.option("lambda")
    let duration = lambda.lines("lambda.duration.x86_64")
    #expect(duration.count == 1)
    #expect(duration.first?.freeTierQuantity == 400_000)
    #expect(abs((duration.first?.quantity ?? 0) - 140_000) < 1e-6)
    #expect(lambda.cents(.duration) == 2.33)
    #expect(lambda.cents(.requests) == 0.40)
    #expect(lambda.totalCents == 2.73)
  }

  @Test func lambdaExample2NoFreeTier() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "event-driven", "traffic": {"requestsPerMonth": 7440000},
         "execution": {"averageDurationMs": 2000}, "resources": {"memoryMiB": 1024}}
        """))
    let lambda = answer.option("lambda")
    #expect(abs((lambda.lines("lambda.duration.x86_64").first?.quantity ?? 0) - 14_880_000) < 1e-6)
    #expect(lambda.cents(.duration) == 248.00)
    #expect(lambda.cents(.requests) == 1.49)
    #expect(lambda.totalCents == 249.49)
  }

  @Test func lambdaExample3EphemeralStorage() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "event-driven", "traffic": {"requestsPerMonth": 6000000},
         "execution": {"averageDurationMs": 280},
         "resources": {"memoryMiB": 4096, "ephemeralStorageGiB": 2},
         "purchase": {"applyFreeTier": true}}
        """))
    let lambda = answer.option("lambda")
    #expect(abs((lambda.lines("lambda.duration.x86_64").first?.quantity ?? 0) - 6_320_000) < 1e-6)
    #expect(lambda.cents(.duration) == 105.33)
    #expect(lambda.cents(.requests) == 1.00)
    #expect(abs((lambda.lines("lambda.ephemeral-storage").first?.quantity ?? 0) - 2_520_000) < 1e-6)
    #expect(lambda.cents(.storage) == 0.08)
    #expect(lambda.totalCents == 106.41)
  }

  @Test func lambdaExample4ProvisionedConcurrency() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "event-driven", "traffic": {"requestsPerMonth": 2000000},
         "execution": {"averageDurationMs": 280}, "resources": {"memoryMiB": 4096},
         "requirements": {"provisionedConcurrency": {"count": 7, "hoursPerMonth": 24}}}
        """))
    let lambda = answer.option("lambda")
    let configured = lambda.lines("lambda.provisioned-concurrency.x86_64")
    let underPC = lambda.lines("lambda.provisioned-duration.x86_64")
    #expect(abs((configured.first?.quantity ?? 0) - 2_419_200) < 1e-6)
    #expect(configured.first?.amountUSD.cents == 10.08)
    #expect(abs((underPC.first?.quantity ?? 0) - 2_240_000) < 1e-6)
    #expect(underPC.first?.amountUSD.cents == 21.78)
    #expect(lambda.lines("lambda.duration.x86_64").isEmpty)
    #expect(lambda.cents(.requests) == 0.40)
    #expect(lambda.totalCents == 32.26)
    #expect(lambda.configuration?.provisionedConcurrency == 7)
  }

  /// ECS on Fargate, 5 tasks x 600 s a day x 30 days, 1 vCPU / 2 GB / 30 GB storage.
  func fargateBatch(architecture: String) throws -> OptionAssessment {
    advisor.recommend(
      try workload(
        """
        {"pattern": "batch", "packaging": "container",
         "traffic": {"jobsPerMonth": 150}, "execution": {"averageDurationMs": 600000},
         "resources": {"vcpu": 1, "memoryMiB": 2048, "ephemeralStorageGiB": 30,
                       "architecture": "\(architecture)"}}
        """)
    ).option("ecs-fargate")
  }

  @Test func fargateExample5x86() throws {
    let ecs = try fargateBatch(architecture: "x86_64")
    #expect(ecs.configuration?.taskVCPU == 1)
    #expect(ecs.configuration?.taskMemoryGiB == 2)
    #expect(ecs.lines("fargate.linux.x86_64.vcpu-hour").first?.amountUSD.cents == 1.01)
    #expect(ecs.lines("fargate.linux.x86_64.gb-hour").first?.amountUSD.cents == 0.22)
    #expect(ecs.cents(.storage) == 0.03)
    #expect(ecs.totalCents == 1.26)
  }

  @Test func fargateExample6Arm() throws {
    let ecs = try fargateBatch(architecture: "arm64")
    #expect(ecs.lines("fargate.linux.arm64.vcpu-hour").first?.amountUSD.cents == 0.81)
    #expect(ecs.lines("fargate.linux.arm64.gb-hour").first?.amountUSD.cents == 0.18)
    #expect(ecs.cents(.storage) == 0.03)
    #expect(ecs.totalCents == 1.02)
  }

  /// EKS on Fargate: 10 pods x 3,600 s a day x 30 days, pods requesting 0.25 vCPU / 512 MB,
  /// which the 256 MB overhead rounds up to 1 GB. The pods join the team's existing cluster,
  /// so no control-plane charge (AWS's example prices the pods only).
  @Test func fargateExample7EKS() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "batch", "packaging": "container",
         "traffic": {"jobsPerMonth": 300}, "execution": {"averageDurationMs": 3600000},
         "resources": {"vcpu": 0.25, "memoryMiB": 512},
         "requirements": {"kubernetes": true}, "team": {"existingPlatform": "eks"}}
        """))
    let eks = answer.option("eks-fargate")
    #expect(eks.configuration?.taskVCPU == 0.25)
    #expect(eks.configuration?.taskMemoryGiB == 1)
    #expect(eks.lines("fargate.linux.x86_64.vcpu-hour").first?.amountUSD.cents == 3.04)
    #expect(eks.lines("fargate.linux.x86_64.gb-hour").first?.amountUSD.cents == 1.33)
    #expect(eks.totalCents == 4.37)
    #expect(eks.lines("eks.control-plane.standard").isEmpty)
  }

  /// The same pods in a new cluster pay the control plane: $73.00 for 730 hours.
  @Test func eksControlPlaneWhenNoCluster() throws {
    let answer = advisor.recommend(
      try workload(
        """
        {"pattern": "batch", "packaging": "container",
         "traffic": {"jobsPerMonth": 300}, "execution": {"averageDurationMs": 3600000},
         "resources": {"vcpu": 0.25, "memoryMiB": 512}, "requirements": {"kubernetes": true}}
        """))
    let eks = answer.option("eks-fargate")
    #expect(eks.cents(.controlPlane) == 73.00)
    #expect(eks.totalCents == 77.37)
  }
}
