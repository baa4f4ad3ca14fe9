/// Who may see a stored record: an administrator sees every record, anyone else only the
/// records made with their own client identifier (`nil` matching `nil`).
public enum ClientScope: Sendable, Equatable {
  /// Every record, whoever made it.
  case everyone
  /// Only records whose ``StoredRecommendation/clientID`` equals this one (`nil`: anonymous).
  case client(String?)

  /// The scope of a caller identified by `clientID`, an administrator or not.
  public init(clientID: String?, isAdmin: Bool) {
    self = isAdmin ? .everyone : .client(ClientScope.normalized(clientID))
  }

  /// Folds an empty client identifier into `nil`, as the stores do.
  static func normalized(_ clientID: String?) -> String? {
    guard let clientID, !clientID.isEmpty else { return nil }
    return clientID
  }
}
