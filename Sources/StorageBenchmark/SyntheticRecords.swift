import Foundation
import Storage

/// Plausible records: a few hundred bytes of request, a response of configurable size, and
/// the option, region and client mix the list filters see in production.
struct SyntheticRecords: Sendable {
  static let options: [String?] = [
    "ec2", "lambda", "ecs-ec2", "ecs-fargate", "eks-ec2", "eks-fargate", nil,
  ]
  static let regions = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"]
  static let clients: [String?] = [nil] + (1...10).map { "key-\($0)" }

  /// Bytes in each response document.
  let responseBytes: Int

  func record(
    id: String, number: Int, createdAt: Date, idempotencyKey: String?
  ) -> StoredRecommendation {
    let request = Data(
      """
      {"name":"workload-\(number)","requestsPerMonth":\(number % 97 * 1_000_000),\
      "averageDurationMs":\(number % 900 + 50),"memoryMB":\(128 << (number % 5)),\
      "region":"\(Self.regions[number % Self.regions.count])","pattern":"steady"}
      """.utf8)
    var response = Data("{\"id\":\"\(id)\",\"options\":[".utf8)
    let filler = Data("{\"option\":\"ec2\",\"monthlyCostUSD\":123.45,\"eligible\":true},".utf8)
    while response.count + filler.count < responseBytes - 2 { response.append(filler) }
    response.append(contentsOf: Array("]}".utf8))
    return StoredRecommendation(
      id: id, createdAt: createdAt, clientID: Self.clients[number % Self.clients.count],
      idempotencyKey: idempotencyKey,
      requestDigest: SHA256Digest(of: request).hexString,
      recommendedOption: Self.options[number % Self.options.count],
      region: Self.regions[number % Self.regions.count], request: request, response: response)
  }
}
