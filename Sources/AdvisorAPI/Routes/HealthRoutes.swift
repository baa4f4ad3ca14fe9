import HTTPServer
import Storage

/// `GET /healthz` (the process answers) and `GET /readyz` (storage answers too).
struct HealthRoutes: Sendable {
  let store: any RecommendationStore

  func register(on router: Router) {
    router.get("/healthz") { _, _ in
      .json(Array(#"{"status":"ok"}"#.utf8))
    }
    router.get("/readyz") { [store] _, context in
      do {
        try await store.checkReadiness()
      } catch {
        context.logger.warning(
          "readiness check failed", metadata: ["error": .string(String(describing: error))])
        throw APIError(
          .serviceUnavailable, type: "storage-unavailable", detail: "Storage does not answer.",
          headers: ["Retry-After": "1"])
      }
      return .json(Array(#"{"status":"ready"}"#.utf8))
    }
  }
}
