import Foundation

/// Runs a command-line tool (curl, openssl, nghttp) to completion and captures what it
/// printed, stdout and stderr together. Blocking: call it from `onOwnThread`.
struct ExternalTool {
  /// The tool's exit status and combined output.
  struct Outcome {
    var status: Int32
    var output: String
  }

  enum ToolError: Error {
    case timedOut([String])
  }

  /// Runs `arguments` (the first one looked up on PATH) with `input` on stdin, killing it
  /// after `timeoutSeconds`.
  static func run(_ arguments: [String], input: String = "", timeoutSeconds: Double = 20) throws
    -> Outcome
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = stdin
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let finished = DispatchSemaphore(value: 0)
    let collected = LockedData()
    DispatchQueue.global().async {
      collected.set(output.fileHandleForReading.readDataToEndOfFile())
      finished.signal()
    }
    if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
      process.terminate()
      throw ToolError.timedOut(arguments)
    }
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, output: String(decoding: collected.get(), as: UTF8.self))
  }
}

/// Bytes handed from the reading thread to the waiting one.
private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func set(_ newData: Data) { lock.withLock { data = newData } }
  func get() -> Data { lock.withLock { data } }
}
