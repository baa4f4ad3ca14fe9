import AdvisorAPI
import Foundation

/// Request bodies taken from the examples the OpenAPI contract itself declares, so the
/// tests post what the documentation shows.
enum ContractExamples {
  /// The contract as the server renders it in JSON, read once.
  private static let contractJSON: [UInt8] = try! OpenAPIDocument.bundled().json

  /// The contract as parsed JSON.
  static var contract: [String: Any] {
    try! JSONSerialization.jsonObject(with: Data(contractJSON)) as! [String: Any]
  }

  /// Every workload example of `POST /v1/recommendations`, by example name.
  static var workloads: [String: [String: Any]] {
    examples(path: "/v1/recommendations")
  }

  /// The web backend workload example, as a JSON object.
  static var webBackend: [String: Any] { workloads["webBackend"]! }

  /// The comparison example of `POST /v1/comparisons`, as a JSON object.
  static var comparison: [String: Any] { examples(path: "/v1/comparisons")["requestRate"]! }

  /// A JSON object's bytes.
  static func bytes(_ object: [String: Any]) -> [UInt8] {
    Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
  }

  /// The web backend example renamed, so that each post is a distinct workload.
  static func webBackend(named name: String) -> [UInt8] {
    var workload = webBackend
    workload["name"] = name
    return bytes(workload)
  }

  private static func examples(path: String) -> [String: [String: Any]] {
    let paths = contract["paths"] as! [String: Any]
    let post = (paths[path] as! [String: Any])["post"] as! [String: Any]
    let content = (post["requestBody"] as! [String: Any])["content"] as! [String: Any]
    let examples = (content["application/json"] as! [String: Any])["examples"] as! [String: Any]
    return examples.mapValues { ($0 as! [String: Any])["value"] as! [String: Any] }
  }
}
