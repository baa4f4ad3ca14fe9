import Testing

@testable import AdvisorAPI

@Suite struct ContentNegotiationTests {
  let offers = ["application/json", "image/svg+xml"]

  @Test func missingOrEmptyAcceptTakesTheFirstOffer() {
    #expect(ContentNegotiation.preferredType(accept: nil, offered: offers) == "application/json")
    #expect(ContentNegotiation.preferredType(accept: " ", offered: offers) == "application/json")
  }

  @Test func weightsDecide() {
    let accept = "application/json;q=0.5, image/svg+xml"
    #expect(ContentNegotiation.preferredType(accept: accept, offered: offers) == "image/svg+xml")
  }

  @Test func theMostSpecificRangeSetsTheWeight() {
    // image/* would allow SVG, but the specific range forbids it.
    let accept = "image/*, image/svg+xml;q=0, */*;q=0.1"
    #expect(ContentNegotiation.preferredType(accept: accept, offered: offers) == "application/json")
  }

  @Test func nothingAcceptableIsNil() {
    #expect(ContentNegotiation.preferredType(accept: "text/html", offered: offers) == nil)
    #expect(
      ContentNegotiation.preferredType(accept: "application/json;q=0", offered: offers) == nil)
  }

  @Test func malformedMembersAreSkipped() {
    let accept = "garbage, */json, application/json;q=2, image/svg+xml;q=0.3"
    #expect(ContentNegotiation.preferredType(accept: accept, offered: offers) == "image/svg+xml")
  }

  @Test func jsonContentTypes() {
    #expect(ContentNegotiation.isJSON(contentType: "application/json"))
    #expect(ContentNegotiation.isJSON(contentType: "Application/JSON; charset=UTF-8"))
    #expect(ContentNegotiation.isJSON(contentType: "application/merge-patch+json"))
    #expect(!ContentNegotiation.isJSON(contentType: "application/json; charset=latin1"))
    #expect(!ContentNegotiation.isJSON(contentType: "text/plain"))
    #expect(!ContentNegotiation.isJSON(contentType: "application/x-www-form-urlencoded"))
  }
}

@Suite struct ProblemDetailsTests {
  @Test func pointerFollowsRFC6901() {
    let problem = ProblemDetails.FieldProblem(
      path: "traffic.requestsPerSecond.peak", code: "x", detail: "y")
    #expect(problem.pointer == "/traffic/requestsPerSecond/peak")
    #expect(ProblemDetails.FieldProblem.pointer(fromPath: "gpu[0].kind") == "/gpu/0/kind")
    #expect(ProblemDetails.FieldProblem.pointer(fromPath: "a/b.c~d") == "/a~1b/c~0d")
    #expect(ProblemDetails.FieldProblem.pointer(fromPath: "") == "")
  }
}
