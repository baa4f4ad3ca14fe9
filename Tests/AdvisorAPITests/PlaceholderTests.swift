import Testing

@testable import AdvisorAPI

@Test func advisorAPIBuilds() {
  #expect(Bool(true))
}
