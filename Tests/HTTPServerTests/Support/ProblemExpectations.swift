import Testing

/// Expects an RFC 9457 problem answer with `Connection: close`, followed by the server
/// closing the connection without answering anything else.
func expectProblemThenClose(
  _ client: RawHTTPClient, status: Int, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let response = try client.readResponse()
  #expect(response.status == status, sourceLocation: sourceLocation)
  #expect(
    response.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
  #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
  #expect(response.bodyText.contains("\"status\":\(status)"), sourceLocation: sourceLocation)
  #expect(try client.isClosedByServer(), sourceLocation: sourceLocation)
}
