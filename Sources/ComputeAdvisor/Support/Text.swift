/// A sentence built by interpolation straight into UTF-8 bytes: literal parts are copied as
/// they are and numbers are written by `Format` without intermediate strings. The answer's
/// sentences are built on every evaluation, so they use it:
///
///     let text: Text = "About \(number: hours) hours (\(usd: cost) at \(usd: rate)/h)."
///     text.string
struct Text: ExpressibleByStringInterpolation {
  private var bytes: [UInt8]

  init(stringLiteral literal: StaticString) {
    bytes = []
    literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

  var string: String { String(decoding: bytes, as: UTF8.self) }

  struct Interpolation: StringInterpolationProtocol {
    fileprivate var bytes: [UInt8] = []

    init(literalCapacity: Int, interpolationCount: Int) {
      bytes.reserveCapacity(literalCapacity + interpolationCount * 12)
    }

    mutating func appendLiteral(_ literal: StaticString) {
      guard literal.utf8CodeUnitCount > 0 else { return }
      literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func appendInterpolation(_ text: String) {
      var text = text
      text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func appendInterpolation(_ value: Int) {
      appendInterpolation(number: Double(value))
    }

    /// Up to `significant` significant digits (`Format.number`).
    mutating func appendInterpolation(number value: Double, significant: Int = 3) {
      Format.withUTF8(value, Format.numberStyle(value, significant: significant)) {
        bytes.append(contentsOf: $0)
      }
    }

    /// "$1,234.56".
    mutating func appendInterpolation(usd value: Double) {
      Format.withUTF8(value, Format.usdStyle) { bytes.append(contentsOf: $0) }
    }

    /// "42%" from a fraction.
    mutating func appendInterpolation(percent fraction: Double) {
      Format.withUTF8(fraction * 100, Format.percentStyle) { bytes.append(contentsOf: $0) }
    }

    /// "14M" (`Format.count`).
    mutating func appendInterpolation(count value: Double) {
      let (scaled, suffix) = Format.countScale(value)
      var style = Format.numberStyle(scaled, significant: 3)
      style.suffix = suffix
      Format.withUTF8(scaled, style) { bytes.append(contentsOf: $0) }
    }
  }
}
