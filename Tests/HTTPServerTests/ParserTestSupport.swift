@testable import HTTPServer

/// Limits small enough to hit in tests.
let testLimits = ParserLimits(
  maxRequestLineLength: 64, maxHeaderBytes: 256, maxHeaderFields: 8, maxBodyBytes: 100)

/// Runs the parser over `input`, delivered in pieces of at most `pieceSize` bytes, the way a
/// connection would (unconsumed bytes are kept and new bytes appended), and returns what it
/// produced: each request, and the error that ended the input, if any.
func parseAll(_ input: [UInt8], pieceSize: Int = .max, limits: ParserLimits = testLimits)
  -> (requests: [RequestParser.ParsedRequest], error: HTTPParseError?)
{
  var parser = RequestParser(limits: limits)
  var buffer: [UInt8] = []
  var requests: [RequestParser.ParsedRequest] = []
  var offset = 0
  while offset < input.count {
    let end = min(input.count, offset + max(1, min(pieceSize, input.count - offset)))
    buffer.append(contentsOf: input[offset..<end])
    offset = end
    while true {
      var consumed = 0
      let event = buffer.withUnsafeBytes { parser.next($0, consumed: &consumed) }
      buffer.removeFirst(consumed)
      switch event {
      case .needMoreData:
        if consumed > 0 && !buffer.isEmpty { continue }
      case .continueExpected:
        continue
      case .request(let parsed):
        requests.append(parsed)
        continue
      case .failure(let error):
        return (requests, error)
      }
      break
    }
  }
  return (requests, nil)
}

extension String {
  /// The UTF-8 bytes of the string.
  var bytes: [UInt8] { Array(utf8) }
}
