import Foundation
import Logging

/// A swift-log handler writing one JSON object per line: `ts` (ISO 8601, UTC, milliseconds),
/// `level`, `logger` (the label), `msg`, then the metadata (handler, provider and message
/// metadata merged, the message's winning, an error's above all) as top-level fields.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: .info) }
/// ```
public struct JSONLogHandler: LogHandler {
  /// Where lines go; shared by every handler made for one bootstrap.
  public final class Sink: @unchecked Sendable {
    /// Above this many unwritten bytes a batching sink's callers wait for the writer.
    static let maximumPendingBytes = 1 << 20
    /// How long a batching sink gathers lines before writing them: a line is out at most
    /// this late, and a busy server makes one write per interval, not one per request.
    static let gatheringDelay = DispatchTimeInterval.milliseconds(5)

    private let lock = NSLock()
    private let write: @Sendable ([UInt8]) -> Void
    /// The batching sink's writer; nil when each line is written by its caller.
    private let writer: DispatchQueue?
    private var pending: [UInt8] = []
    private var flushScheduled = false

    /// A sink calling `write` with each whole line (newline included), one at a time, on
    /// the caller's thread.
    public convenience init(write: @escaping @Sendable ([UInt8]) -> Void) {
      self.init(write: write, writer: nil)
    }

    /// A sink that gathers lines for `gatheringDelay` and calls `write` with them, whole and
    /// in order, from a queue of its own: the thread logging never waits for the output,
    /// unless a megabyte is already waiting (then it waits, so nothing is dropped and memory
    /// stays bounded). Call `flush()` before the process exits.
    public static func batching(write: @escaping @Sendable ([UInt8]) -> Void) -> Sink {
      Sink(write: write, writer: DispatchQueue(label: "json-log.writer"))
    }

    private init(write: @escaping @Sendable ([UInt8]) -> Void, writer: DispatchQueue?) {
      self.write = write
      self.writer = writer
    }

    /// Standard output, batched: one `write(2)` carries every line logged in the last few
    /// milliseconds, and no request waits for a slow log reader.
    public static let standardOutput = Sink.batching { lines in
      lines.withUnsafeBufferPointer { buffer in
        var offset = 0
        while offset < buffer.count {
          let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
          if written < 0 && errno == EINTR { continue }
          if written <= 0 { return }
          offset += written
        }
      }
    }

    func emit(_ line: [UInt8]) {
      guard let writer else {
        lock.withLock { write(line) }
        return
      }
      while true {
        let outcome = lock.withLock { () -> (accepted: Bool, schedule: Bool) in
          guard pending.count < Self.maximumPendingBytes else { return (false, false) }
          pending.append(contentsOf: line)
          defer { flushScheduled = true }
          return (true, !flushScheduled)
        }
        if outcome.schedule {
          // Waking the writer for each line would cost more than the write it saves.
          writer.asyncAfter(deadline: .now() + Self.gatheringDelay) { self.writePending() }
        }
        if outcome.accepted { return }
        writer.sync {}  // backpressure: wait for the writer to take the pending lines
      }
    }

    /// Writes every line emitted so far before returning.
    public func flush() {
      writer?.sync { writePending() }
    }

    private func writePending() {
      let lines = lock.withLock {
        flushScheduled = false
        defer { pending = [] }
        return pending
      }
      if !lines.isEmpty { write(lines) }
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
    var line: [UInt8] = []
    line.reserveCapacity(512)  // an access-log line is 250-330 bytes; grown once, if at all
    line.append(contentsOf: #"{"ts":""#.utf8)
    UTCTimestamp.append(to: &line)
    line.append(contentsOf: #"","level":"#.utf8)
    JSONText.appendString(event.level.rawValue, to: &line)
    line.append(contentsOf: #","logger":"#.utf8)
    JSONText.appendString(label, to: &line)
    line.append(contentsOf: #","msg":"#.utf8)
    JSONText.appendString(event.message.description, to: &line)
    for (key, value) in fields(of: event) {
      line.append(UInt8(ascii: ","))
      JSONText.appendString(key, to: &line)
      line.append(UInt8(ascii: ":"))
      JSONText.append(value, to: &line)
    }
    line.append(contentsOf: "}\n".utf8)
    sink.emit(line)
  }

  /// The metadata fields of a line, sorted by key: the event's own, then the provider's and
  /// the handler's where the event has no field of that name, and the error last of all
  /// (it wins over everything). Gathered in an array rather than merged into a dictionary,
  /// so the event's fields (an access-log line has eight) are never hashed.
  private func fields(of event: LogEvent) -> [(key: String, value: Logger.Metadata.Value)] {
    let layers = [event.metadata, metadataProvider?.get(), metadata]  // highest first
    var fields: [(key: String, value: Logger.Metadata.Value)] = []
    fields.reserveCapacity(layers.reduce(1) { $0 + ($1?.count ?? 0) })
    let error = event.error.map { String(describing: $0) }
    if let error { fields.append((key: "error", value: .string(error))) }
    for (depth, layer) in layers.enumerated() {
      guard let layer else { continue }
      for (key, value) in layer where !Self.isReserved(key) && !(error != nil && key == "error") {
        if layers[..<depth].contains(where: { $0?[key] != nil }) { continue }
        fields.append((key: key, value: value))
      }
    }
    fields.sort { $0.key < $1.key }
    return fields
  }

  /// Whether a metadata key would repeat one of the line's own fields (then it is dropped).
  /// Compared directly: hashing each key for a set lookup costs more than these four tests.
  private static func isReserved(_ key: String) -> Bool {
    key == "ts" || key == "msg" || key == "level" || key == "logger"
  }
}

/// JSON text for log values: strings escaped per RFC 8259, metadata dictionaries as
/// objects, arrays as arrays.
enum JSONText {
  /// Appends a metadata value.
  static func append(_ value: Logger.Metadata.Value, to output: inout [UInt8]) {
    switch value {
    case .string(let text):
      appendString(text, to: &output)
    case .stringConvertible(let convertible):
      if let number = convertible as? any BinaryInteger {
        output.append(contentsOf: String(describing: number).utf8)
      } else if let number = convertible as? Double, number.isFinite {
        output.append(contentsOf: String(number).utf8)
      } else {
        appendString(convertible.description, to: &output)
      }
    case .dictionary(let dictionary):
      output.append(UInt8(ascii: "{"))
      for (index, key) in dictionary.keys.sorted().enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        appendString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        append(dictionary[key]!, to: &output)
      }
      output.append(UInt8(ascii: "}"))
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for (index, element) in values.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        append(element, to: &output)
      }
      output.append(UInt8(ascii: "]"))
    }
  }

  /// Appends a quoted string, escaping `"`, `\` and control characters; other UTF-8 bytes
  /// are copied as they are.
  static func appendString(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    // Almost every string logged needs no escape: copy it whole, not byte by byte.
    guard text.utf8.contains(where: needsEscape) else {
      output.append(contentsOf: text.utf8)
      output.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
      case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        let digits = Array("0123456789abcdef".utf8)
        output.append(contentsOf: #"\u00"#.utf8)
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }

  /// Whether a byte must be escaped inside a JSON string.
  @inline(__always)
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }
}
