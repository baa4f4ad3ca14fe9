import Dispatch

/// One of the server's event loops: a serial queue that many connections' queues target,
/// and a task executor that runs request handlers on that same queue.
///
/// Running a handler's task here (see `HTTPServerConfiguration.HandlerExecution`) saves two
/// thread wake-ups per request: the task is enqueued from a connection's queue onto the loop
/// that queue is already draining, so the thread at hand runs it next instead of waking one
/// of the concurrency runtime's threads, and the response it writes needs no hop back. The
/// handler still never runs on the connection's own queue: the connection keeps reading
/// ahead and its timers keep firing between the handler's steps.
final class EventLoop: TaskExecutor {
  /// The serial queue connections' queues target and handler jobs run on.
  let queue: DispatchQueue

  /// Creates the event loop numbered `index` (the number names its queue).
  init(index: Int) {
    queue = DispatchQueue(label: "http.event-loop.\(index)")
  }

  /// Runs `job` on the loop's queue, after whatever the queue holds already.
  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}
