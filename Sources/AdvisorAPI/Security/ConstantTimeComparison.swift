/// Equality of secrets whose running time does not depend on where they differ.
///
/// An early-exit comparison (`==` on arrays) returns at the first differing byte, so the
/// time it takes tells an attacker how many leading bytes were right. This one reads every
/// byte of both operands and folds the differences together with OR, branching only on
/// the lengths (which are public: every digest is 32 bytes).
public enum ConstantTimeComparison {
  /// Whether `lhs` and `rhs` hold the same bytes; reads every byte of both when the
  /// lengths agree, whatever their contents.
  public static func isEqual<Left: Collection, Right: Collection>(_ lhs: Left, _ rhs: Right)
    -> Bool
  where Left.Element == UInt8, Right.Element == UInt8 {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    var leftIndex = lhs.startIndex
    var rightIndex = rhs.startIndex
    while leftIndex != lhs.endIndex {
      difference |= lhs[leftIndex] ^ rhs[rightIndex]
      lhs.formIndex(after: &leftIndex)
      rhs.formIndex(after: &rightIndex)
    }
    return difference == 0
  }
}
