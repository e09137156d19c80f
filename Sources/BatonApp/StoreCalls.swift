import BatonCore
import BatonTUI
import Foundation

/// Where the loop's calls on the board run, and how their answers come back as messages.
///
/// A board file answers in microseconds, so its calls run at once on the loop's thread
/// (`InlineCalls`); a board in a database may be a network away, so its calls run one after
/// another on a worker thread (`WorkerCalls`) while the loop goes on drawing and reading keys,
/// the optimistic preview already showing the change.
public protocol StoreCalls: AnyObject {
    /// Readable when calls have finished (-1: never, calls finish at once).
    var descriptor: Int32 { get }
    /// Runs `call` (which must touch only the board service and what it captured), in order
    /// after those submitted before it.
    func submit(_ call: @escaping () -> [Msg])
    /// The messages of the calls finished since the last time, in the order they were submitted.
    func finished() -> [Msg]
    /// Waits until every submitted call has finished (before the session ends).
    func waitUntilIdle()
}

/// Calls run at once on the loop's thread.
public final class InlineCalls: StoreCalls {
    private var done: [Msg] = []

    public init() {}

    public var descriptor: Int32 { -1 }
    public func submit(_ call: @escaping () -> [Msg]) { done += call() }

    public func finished() -> [Msg] {
        defer { done = [] }
        return done
    }

    public func waitUntilIdle() {}
}

/// Calls run one by one on a worker thread; a pipe the loop waits on says when some finished.
public final class WorkerCalls: StoreCalls, @unchecked Sendable {
    /// Guards `waiting`, `done` and `running`; the worker sleeps on it while there is nothing to do.
    private let condition = NSCondition()
    private var waiting: [() -> [Msg]] = []
    private var done: [Msg] = []
    private var running = false
    private let pipe: (read: Int32, write: Int32)?

    /// A worker and its thread, which lives as long as the process (sessions are one per
    /// process), signalling through `pipe` (non-blocking ends, which it then owns).
    public init(pipe: (read: Int32, write: Int32)?) {
        self.pipe = pipe
        Thread.detachNewThread { [self] in work() }
    }

    public var descriptor: Int32 { pipe?.read ?? -1 }

    public func submit(_ call: @escaping () -> [Msg]) {
        condition.withLock {
            waiting.append(call)
            condition.broadcast()
        }
    }

    public func finished() -> [Msg] {
        var byte: UInt8 = 0
        if let pipe { while read(pipe.read, &byte, 1) > 0 {} }
        return condition.withLock {
            defer { done = [] }
            return done
        }
    }

    public func waitUntilIdle() {
        condition.withLock {
            while running || !waiting.isEmpty { condition.wait() }
        }
    }

    private func work() {
        while true {
            let call: () -> [Msg] = condition.withLock {
                while waiting.isEmpty { condition.wait() }
                running = true
                return waiting.removeFirst()
            }
            let messages = call()
            condition.withLock {
                done += messages
                running = false
                condition.broadcast()
            }
            var byte: UInt8 = 1
            if let pipe { _ = write(pipe.write, &byte, 1) }
        }
    }
}
