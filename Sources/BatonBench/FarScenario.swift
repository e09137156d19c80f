import BatonCore
import BatonStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The full-screen board on a database far away, reached through a proxy that delays every
/// chunk by 40 ms each way: how long the selection and an item move take to be drawn, and how
/// long a moved item takes to be committed (as heard on the server's own address).
struct FarScenario {
    let baton: String
    /// The board's address through the proxy.
    let board: String
    /// The same board's address on the server itself, where commits are heard.
    let direct: String
    /// How many times each key is pressed.
    let presses: Int
    let environment: [String: String]

    /// Quiet time after the last byte that ends a frame.
    private let settle = 0.05
    /// How long a key may take to be drawn before it counts as not drawn.
    private let patience = 3.0

    func run() throws -> [Metric: Double] {
        let (terminal, _) = try PseudoTerminal.board(baton, board, environment: environment)
        terminal.type("g")
        _ = terminal.readBurst(quiet: 0.5, timeout: 5)
        var figures: [Metric: Double] = [:]
        let selection = terminal.presses(
            (0..<presses).map { $0 % 2 == 0 ? "j" : "k" }, quiet: settle, timeout: patience)
        figures.record(selection.latencies, median: .farSelectMedian, p95: .farSelectP95)
        let moves = try move(terminal)
        figures.record(moves.frames, median: .farMoveMedian, p95: .farMoveP95)
        figures.record(moves.saved, median: .farSavedMedian, p95: .farSavedP95)
        let status = terminal.finish(quitKeys: "q", timeout: 10)
        guard status == 0 else { throw BenchError("baton ended with status \(status) instead of 0 after q.") }
        return figures
    }

    /// Moves the selected card right and back `presses` times, waiting each time for the commit
    /// (and the frame that says it was saved) before the next key.
    private func move(_ terminal: PseudoTerminal) throws -> (frames: [Double], saved: [Double]) {
        let commits = try CommitWatch(direct)
        defer { commits.stop() }
        var frames: [Double] = [], saved: [Double] = []
        for index in 0..<presses {
            let pressed = PseudoTerminal.now()
            if let frame = terminal.press(index % 2 == 0 ? "L" : "H", quiet: settle, timeout: patience) {
                frames.append(frame.milliseconds)
            }
            guard let committed = commits.next(timeout: 10) else {
                throw BenchError(
                    "A moved item was not committed within 10 s through the 40 ms proxy; run the PostgreSQL tests to see why."
                )
            }
            saved.append((committed - pressed) * 1000)
            _ = terminal.readBurst(quiet: 0.2, timeout: 1)
        }
        return (frames, saved)
    }
}

/// Notes when commits with history reach a board in a database, on a thread of its own that
/// waits on the board's change feed (a connection that listens), so that each time is taken
/// as the notification comes, not when the benchmark gets round to looking.
final class CommitWatch: @unchecked Sendable {
    private let feed: ChangeFeed
    /// Guards everything below.
    private let state = NSCondition()
    private var times: [Double] = []
    private var stopped = false
    private var watching = true

    /// Starts listening to the board at `address`.
    init(_ address: String) throws {
        feed = try ChangeFeed(store: try BoardStore.open(address))
        Thread { [self] in
            watch()
            state.withLock {
                watching = false
                state.broadcast()
            }
        }.start()
    }

    /// When the next commit came (on `PseudoTerminal.now()`'s clock), waiting up to `timeout`
    /// seconds for it; nil when none came or the feed failed.
    func next(timeout: Double) -> Double? {
        state.lock()
        defer { state.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while times.isEmpty {
            guard watching, state.wait(until: deadline) else { return nil }
        }
        return times.removeFirst()
    }

    /// Stops listening and waits for the thread to end.
    func stop() {
        state.lock()
        defer { state.unlock() }
        stopped = true
        while watching { state.wait() }
    }

    private func watch() {
        while !state.withLock({ stopped }) {
            var poller = pollfd(fd: feed.descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, feed.timeout(200)) > 0
            let woke = PseudoTerminal.now()
            let changes: ChangeSet?
            do { changes = try feed.check(descriptorReady: ready) } catch { return }  // `next` then says none came
            guard let changes, !changes.events.isEmpty else { continue }
            state.withLock {
                times.append(woke)
                state.broadcast()
            }
        }
    }
}
