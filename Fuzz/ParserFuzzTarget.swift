// libFuzzer entry point for the HTTP/1.1 request parser, compiled by scripts/fuzz-parser
// together with the parser's sources (Sources/HTTPServer/Parser and Model).
//
// Property checked on every input: feeding the input whole, one byte at a time, and in two
// pieces split at an input-chosen offset yields the same requests and the same final error.
// Any crash, sanitizer report or difference is a finding.

/// Small limits, so that every limit is reachable by short inputs.
private let fuzzLimits = ParserLimits(
  maxRequestLineLength: 128, maxHeaderBytes: 512, maxHeaderFields: 16, maxBodyBytes: 1024)

/// What parsing an input produced, in a comparable form.
private struct ParseTranscript: Equatable {
  var requests: [String] = []
  var error: HTTPParseError?
}

/// Parses `input` delivered in consecutive pieces ending at `cuts` (and at the end).
private func transcript(of input: [UInt8], cuts: [Int]) -> ParseTranscript {
  var parser = RequestParser(limits: fuzzLimits)
  var buffer: [UInt8] = []
  var result = ParseTranscript()
  var start = 0
  for end in cuts + [input.count] where end > start {
    buffer.append(contentsOf: input[start..<end])
    start = end
    while true {
      var consumed = 0
      let event = buffer.withUnsafeBytes { parser.next($0, consumed: &consumed) }
      precondition(consumed <= buffer.count, "parser consumed more than it was given")
      buffer.removeFirst(consumed)
      switch event {
      case .needMoreData:
        if consumed > 0 && !buffer.isEmpty { continue }
      case .continueExpected:
        continue
      case .request(let parsed):
        let request = parsed.request
        result.requests.append(
          "\(request.method) \(request.target) \(request.version) \(request.path) "
            + "\(request.query ?? "-") \(request.headers) | \(request.body) | "
            + "\(request.trailers) | \(parsed.keepAlive)")
        continue
      case .failure(let error):
        result.error = error
        return result
      }
      break
    }
  }
  return result
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  let whole = transcript(of: input, cuts: [])
  let byteByByte = transcript(of: input, cuts: Array(0..<input.count))
  precondition(whole == byteByByte, "byte-by-byte parse differs:\n\(whole)\n\(byteByByte)")
  if input.count > 1 {
    let cut = (Int(input[0]) << 8 | Int(input[input.count - 1])) % input.count
    let twoPieces = transcript(of: input, cuts: [cut])
    precondition(whole == twoPieces, "split at \(cut) differs:\n\(whole)\n\(twoPieces)")
  }
  return 0
}
