import ComputeAdvisor
import HTTPServer

/// The checks every JSON endpoint makes before looking at a body: what it is, what the
/// client will accept, and how domain input errors become problem documents.
enum RequestChecks {
  /// Throws 415 unless the request says its body is JSON.
  static func requireJSONBody(_ request: HTTPRequest) throws(APIError) {
    guard let contentType = request.headers["Content-Type"],
      ContentNegotiation.isJSON(contentType: contentType)
    else { throw APIError.unsupportedMediaType(request.headers["Content-Type"]) }
  }

  /// The offered media type the client prefers, or 406.
  static func negotiate(_ request: HTTPRequest, offering offered: [String]) throws(APIError)
    -> String
  {
    let accept = request.headers.values(for: "Accept").joined(separator: ",")
    guard
      let chosen = ContentNegotiation.preferredType(
        accept: accept.isEmpty ? nil : accept, offered: offered)
    else { throw APIError.notAcceptable(offered: offered) }
    return chosen
  }

  /// The problem document for a body the domain could not read.
  static func problem(for error: WorkloadInputError, describing what: String) -> APIError {
    switch error {
    case .malformedJSON(let syntax):
      return .malformedJSON(
        detail: "The body is not valid JSON: \(syntax.message) at line \(syntax.line), "
          + "column \(syntax.column) (byte \(syntax.offset)).",
        line: syntax.line, column: syntax.column)
    case .invalid(let problems):
      return .invalid(
        what,
        problems: problems.map {
          ProblemDetails.FieldProblem(
            path: $0.path, code: $0.code, detail: $0.message, allowed: $0.allowed)
        })
    }
  }
}
