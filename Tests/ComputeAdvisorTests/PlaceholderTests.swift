import Testing

@testable import ComputeAdvisor

@Test func computeAdvisorBuilds() {
  #expect(Bool(true))
}
