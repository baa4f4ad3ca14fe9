import Foundation
import Testing

@testable import AdvisorAPI

/// The batching log sink: every line arrives whole, once, in each thread's order, with
/// fewer writes than lines, and `flush()` leaves nothing behind.
@Suite struct BatchingLogSinkTests {
  /// Gathers the bytes and counts the writes a sink makes.
  private final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private(set) var writes = 0
    func write(_ chunk: [UInt8]) {
      lock.withLock {
        bytes += chunk
        writes += 1
      }
    }
    var lines: [String] {
      lock.withLock {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
      }
    }
  }

  @Test func everyLineArrivesOnceInEachThreadsOrder() async {
    let output = Output()
    let sink = JSONLogHandler.Sink.batching { output.write($0) }
    let threads = 4
    let linesPerThread = 5_000
    await withTaskGroup(of: Void.self) { group in
      for thread in 0..<threads {
        group.addTask {
          for index in 0..<linesPerThread { sink.emit(Array("\(thread) \(index)\n".utf8)) }
        }
      }
    }
    sink.flush()
    let lines = output.lines
    #expect(lines.count == threads * linesPerThread)
    for thread in 0..<threads {
      let own = lines.filter { $0.hasPrefix("\(thread) ") }
      #expect(own == (0..<linesPerThread).map { "\(thread) \($0)" })
    }
    #expect(output.writes < lines.count, "lines logged meanwhile share a write")
  }

  @Test func aFullBufferMakesTheLoggerWaitInsteadOfDropping() {
    let output = Output()
    let sink = JSONLogHandler.Sink.batching { chunk in
      Thread.sleep(forTimeInterval: 0.001)  // a slow reader of the log
      output.write(chunk)
    }
    let line = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024 - 1) + [0x0A]
    let count = 3 * JSONLogHandler.Sink.maximumPendingBytes / line.count
    for _ in 0..<count { sink.emit(line) }
    sink.flush()
    #expect(output.lines.count == count)
  }
}
