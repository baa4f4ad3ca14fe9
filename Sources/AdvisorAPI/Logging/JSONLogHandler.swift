import Foundation
import Logging

/// A swift-log handler writing one JSON object per line: `ts` (ISO 8601, UTC, milliseconds),
/// `level`, `logger` (the label), `msg`, then the metadata (handler, provider and message
/// metadata merged, the message's winning) as top-level fields.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: .info) }
/// ```
public struct JSONLogHandler: LogHandler {
  /// Where lines go; shared by every handler made for one bootstrap.
  public final class Sink: @unchecked Sendable {
    private let lock = NSLock()
    private let write: @Sendable ([UInt8]) -> Void

    /// A sink calling `write` with each whole line (newline included), one at a time.
    public init(write: @escaping @Sendable ([UInt8]) -> Void) {
      self.write = write
    }

    /// Standard output.
    public static let standardOutput = Sink { line in
      line.withUnsafeBufferPointer { buffer in
        var offset = 0
        while offset < buffer.count {
          let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
          if written <= 0 { return }
          offset += written
        }
      }
    }

    func emit(_ line: [UInt8]) {
      lock.withLock { write(line) }
    }
  }

  /// The least severe level written.
  public var logLevel: Logger.Level
  /// Metadata added to every line of this logger.
  public var metadata: Logger.Metadata = [:]
  /// Metadata computed per line (e.g. from the task's context).
  public var metadataProvider: Logger.MetadataProvider?
  private let label: String
  private let sink: Sink

  /// A handler for the logger `label`.
  public init(
    label: String, level: Logger.Level = .info, sink: Sink = .standardOutput,
    metadataProvider: Logger.MetadataProvider? = nil
  ) {
    self.label = label
    self.logLevel = level
    self.sink = sink
    self.metadataProvider = metadataProvider
  }

  /// Reads or writes one metadata value of this logger.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes the event as one line.
  public func log(event: LogEvent) {
    var fields = metadata
    if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
    if let own = event.metadata { fields.merge(own) { $1 } }
    if let error = event.error { fields["error"] = .string(String(describing: error)) }
    var line = "{\"ts\":"
    JSONText.appendString(Self.timestamp(Date()), to: &line)
    line += ",\"level\":"
    JSONText.appendString(event.level.rawValue, to: &line)
    line += ",\"logger\":"
    JSONText.appendString(label, to: &line)
    line += ",\"msg\":"
    JSONText.appendString(event.message.description, to: &line)
    for key in fields.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
      line += ","
      JSONText.appendString(key, to: &line)
      line += ":"
      JSONText.append(fields[key]!, to: &line)
    }
    line += "}\n"
    sink.emit(Array(line.utf8))
  }

  private static func timestamp(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }
}

/// JSON text for log values: strings escaped per RFC 8259, metadata dictionaries as
/// objects, arrays as arrays.
enum JSONText {
  /// Appends a metadata value.
  static func append(_ value: Logger.Metadata.Value, to output: inout String) {
    switch value {
    case .string(let text):
      appendString(text, to: &output)
    case .stringConvertible(let convertible):
      if let number = convertible as? any BinaryInteger {
        output += String(describing: number)
      } else if let number = convertible as? Double, number.isFinite {
        output += String(number)
      } else {
        appendString(convertible.description, to: &output)
      }
    case .dictionary(let dictionary):
      output += "{"
      for (index, key) in dictionary.keys.sorted().enumerated() {
        if index > 0 { output += "," }
        appendString(key, to: &output)
        output += ":"
        append(dictionary[key]!, to: &output)
      }
      output += "}"
    case .array(let values):
      output += "["
      for (index, element) in values.enumerated() {
        if index > 0 { output += "," }
        append(element, to: &output)
      }
      output += "]"
    }
  }

  /// Appends a quoted, escaped string.
  static func appendString(_ text: String, to output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
