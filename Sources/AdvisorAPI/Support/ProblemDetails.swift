import Foundation

/// An RFC 9457 problem document, the body of every error this API answers.
///
/// `type` is a relative reference into the docs page (`/docs#problem-...`), where each
/// problem type is described; plain HTTP failures use `about:blank` with the status's
/// reason phrase as `title`, as RFC 9457 section 4.2.1 asks.
public struct ProblemDetails: Encodable, Sendable, Equatable {
  /// One invalid input field: where it is and what is wrong with it.
  public struct FieldProblem: Encodable, Sendable, Equatable {
    /// The field as a dotted path, e.g. `traffic.requestsPerSecond.peak`.
    public var path: String
    /// The same field as a JSON Pointer (RFC 6901), e.g. `/traffic/requestsPerSecond/peak`.
    public var pointer: String
    /// A stable, machine-readable code, e.g. `out-of-range`.
    public var code: String
    /// A sentence for people.
    public var detail: String
    /// The values the field may take, for enumerations and unknown fields.
    public var allowed: [String]?

    /// Creates a field problem; the pointer is derived from the dotted path.
    public init(path: String, code: String, detail: String, allowed: [String]? = nil) {
      self.path = path
      self.pointer = Self.pointer(fromPath: path)
      self.code = code
      self.detail = detail
      self.allowed = allowed
    }

    /// Turns `a.b[2].c` into `/a/b/2/c`, escaping `~` and `/` as RFC 6901 says.
    static func pointer(fromPath path: String) -> String {
      guard !path.isEmpty else { return "" }
      var tokens: [String] = []
      var current = ""
      for character in path {
        switch character {
        case ".", "[":
          if !current.isEmpty { tokens.append(current) }
          current = ""
        case "]":
          tokens.append(current)
          current = ""
        default:
          current.append(character)
        }
      }
      if !current.isEmpty { tokens.append(current) }
      let escaped = tokens.map {
        $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
      }
      return "/" + escaped.joined(separator: "/")
    }
  }

  /// The problem type, a URI reference.
  public var type: String
  /// A short summary of the problem type.
  public var title: String
  /// The HTTP status code.
  public var status: Int
  /// What went wrong with this request, for people.
  public var detail: String?
  /// The request path the problem occurred on.
  public var instance: String?
  /// Every invalid field, for validation problems.
  public var errors: [FieldProblem]?
  /// For malformed JSON: the 1-based line and column where parsing failed.
  public var line: Int?
  /// For malformed JSON: the column on `line`.
  public var column: Int?
  /// The request id, to quote when reporting the problem.
  public var requestId: String?

  /// Creates a problem document.
  public init(
    type: String = "about:blank", title: String, status: Int, detail: String? = nil,
    instance: String? = nil, errors: [FieldProblem]? = nil
  ) {
    self.type = type
    self.title = title
    self.status = status
    self.detail = detail
    self.instance = instance
    self.errors = errors
  }
}
