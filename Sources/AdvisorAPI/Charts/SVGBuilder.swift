import Foundation

/// Accumulates SVG markup from typed drawing calls, escaping every piece of text.
struct SVGBuilder {
  /// A stroke: colour, width and an optional dash pattern.
  struct Stroke {
    var color: String
    var width: Double = 1
    var dash: String = ""
  }

  private var markup: String

  init(width: Double, height: Double) {
    let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
    markup = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    markup += "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) "
    markup += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
    markup += "font-family=\"system-ui, sans-serif\" role=\"img\">\n"
    markup += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: Stroke
  ) {
    markup +=
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
    markup += "height=\"\(Self.number(height))\" fill=\"\(fill)\"\(Self.attributes(stroke))/>\n"
  }

  mutating func line(from start: (Double, Double), to end: (Double, Double), stroke: Stroke) {
    markup += "<line x1=\"\(Self.number(start.0))\" y1=\"\(Self.number(start.1))\" "
    markup +=
      "x2=\"\(Self.number(end.0))\" y2=\"\(Self.number(end.1))\"\(Self.attributes(stroke))/>\n"
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: Stroke) {
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    markup += "<polyline fill=\"none\" points=\"\(list)\"\(Self.attributes(stroke))/>\n"
  }

  mutating func circle(center: (Double, Double), radius: Double, fill: String) {
    markup += "<circle cx=\"\(Self.number(center.0))\" cy=\"\(Self.number(center.1))\" "
    markup += "r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>\n"
  }

  /// Appends a text element; `style` holds constant attributes, the content is escaped.
  mutating func text(
    _ content: String, at point: (Double, Double), style: String, rotated: Bool = false
  ) {
    let x = Self.number(point.0)
    let y = Self.number(point.1)
    let rotation = rotated ? " transform=\"rotate(-90 \(x) \(y))\"" : ""
    markup += "<text x=\"\(x)\" y=\"\(y)\" \(style)\(rotation)>\(Self.escape(content))</text>\n"
  }

  /// Closes the document and returns it.
  func finish() -> String {
    markup + "</svg>\n"
  }

  private static func attributes(_ stroke: Stroke) -> String {
    var text = " stroke=\"\(stroke.color)\" stroke-width=\"\(number(stroke.width))\""
    if !stroke.dash.isEmpty { text += " stroke-dasharray=\"\(stroke.dash)\"" }
    return text
  }

  /// A coordinate with at most one decimal: compact and stable.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }

  /// Escapes the five XML special characters.
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
