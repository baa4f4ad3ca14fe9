import Testing

@testable import ComputeAdvisor

@Suite struct JSONParserTests {
  func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try JSONValue.parse(Array(text.utf8))
  }

  @Test func parsesEveryKindOfValue() throws {
    let value = try parse(
      #" {"a": [1, -2.5e2, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#)
    guard case .object(let members) = value, case .array(let items) = members[0].value else {
      Issue.record("not an object with an array")
      return
    }
    #expect(
      items == [.number(1), .number(-250), .bool(true), .bool(false), .null, .string("xé😀\n")])
    #expect(members[1].value == .object([]))
  }

  @Test(arguments: [
    ("", 1, 1), ("{", 1, 2), ("{\"a\" 1}", 1, 6), ("[1,]", 1, 4), ("{\"a\":01}", 1, 7),
    ("\"\\x\"", 1, 3), ("{\"a\":1}\n x", 2, 2), ("\"\u{1}\"", 1, 2), ("tru", 1, 1), ("1e", 1, 3),
  ])
  func reportsWhereTheTextStopsBeingJSON(text: String, line: Int, column: Int) {
    do {
      _ = try parse(text)
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.line == line, "\(text): \(error)")
      #expect(error.column == column, "\(text): \(error)")
    }
  }

  @Test func rejectsDeepNestingAndInvalidUTF8() {
    let deep = String(repeating: "[", count: JSONValue.maximumDepth + 1)
    #expect(throws: JSONSyntaxError.self) { try parse(deep) }
    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    #expect(throws: JSONSyntaxError.self) { try parse(#""\ud800""#) }
  }

  @Test func keepsDuplicateKeysInOrder() throws {
    guard case .object(let members) = try parse(#"{"a": 1, "a": 2}"#) else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["a", "a"])
  }
}
