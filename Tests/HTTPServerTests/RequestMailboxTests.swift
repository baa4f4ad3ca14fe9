import Foundation
import Testing

@testable import HTTPServer

/// The hand-over between a connection's queue and its one handler task, and the task's
/// lifetime as seen over real sockets.
@Suite("Request mailbox")
struct RequestMailboxTests {
  @Test func anItemDeliveredBeforeTheTaskAsksIsTakenAtOnce() async {
    let mailbox = RequestMailbox<Int>()
    #expect(mailbox.deliver(1))
    #expect(await mailbox.next() == 1)
  }

  @Test func aWaitingTaskIsResumedByTheNextDelivery() async {
    let mailbox = RequestMailbox<Int>()
    let taker = Task { await mailbox.next() }
    // The task may or may not be suspended yet; either order must hand the item over.
    try? await Task.sleep(for: .milliseconds(20))
    #expect(mailbox.deliver(7))
    #expect(await taker.value == 7)
  }

  @Test func itemsArriveInOrderAcrossManyHandOvers() async {
    let mailbox = RequestMailbox<Int>()
    let acknowledgements = RequestMailbox<Int>()
    let count = 2_000
    let taker = Task {
      var received: [Int] = []
      while let item = await mailbox.next() {
        received.append(item)
        acknowledgements.deliver(item)
      }
      return received
    }
    // As a connection does: the next item only once the previous one was taken.
    for item in 0..<count {
      mailbox.deliver(item)
      #expect(await acknowledgements.next() == item)
    }
    mailbox.finish()
    #expect(await taker.value == Array(0..<count))
  }

  @Test func finishingEndsAWaitingTask() async {
    let mailbox = RequestMailbox<Int>()
    let taker = Task { await mailbox.next() }
    try? await Task.sleep(for: .milliseconds(20))
    mailbox.finish()
    #expect(await taker.value == nil)
  }

  @Test func afterFinishingNothingIsDeliveredAndTheTaskGetsNil() async {
    let mailbox = RequestMailbox<Int>()
    mailbox.finish()
    #expect(!mailbox.deliver(3))
    #expect(await mailbox.next() == nil)
  }

  @Test func anItemNotTakenBeforeFinishingIsDropped() async {
    let mailbox = RequestMailbox<Int>()
    mailbox.deliver(4)
    mailbox.finish()
    #expect(await mailbox.next() == nil)
  }

  /// One task answers every request of a keep-alive connection (the point of the
  /// mailbox), and lives as long as the connection: a request on another connection in
  /// between runs in a task of its own, which could not take the first task's address (as a
  /// task per request would, once the first was freed).
  @Test(arguments: [HTTPServerConfiguration.HandlerExecution.eventLoop, .globalExecutor])
  func aConnectionsRequestsShareOneTask(_ execution: HTTPServerConfiguration.HandlerExecution)
    async throws
  {
    let configuration = testConfiguration { $0.handlerExecution = execution }
    let routes: (Router) -> Void = { router in
      router.get("/task") { _, _ in
        .text(String(withUnsafeCurrentTask { $0?.hashValue ?? 0 }))
      }
    }
    try await withTestServer(configuration, routes: routes) { port in
      let first = try RawHTTPClient(port: port)
      let second = try RawHTTPClient(port: port)
      func task(of client: RawHTTPClient) throws -> String {
        try client.send(get("/task"))
        return try client.readResponse().bodyText
      }
      let firstTask = try task(of: first)
      let secondTask = try task(of: second)
      #expect(try task(of: first) == firstTask)
      #expect(try task(of: second) == secondTask)
      #expect(firstTask != secondTask)
    }
  }
}
