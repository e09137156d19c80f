import BatonCore
import BatonStore
import Foundation

/// One run of the full-screen board in a 120×40 pseudo-terminal: start, move the selection,
/// move an item, open screens, let another process change an item, stay idle, quit.
struct TUIScenario {
    let baton: String
    /// This run's copy of the workbench's board: a file, or the address of a board in a database.
    let board: String
    /// The environment, the card on screen after `g` and the size of the first stage.
    let workbench: Workbench
    let presses: Int
    let idleSeconds: Double

    /// Quiet time after the last byte that ends a frame.
    private let settle = 0.05

    func run() throws -> [Metric: Double] {
        let (terminal, first) = try PseudoTerminal.board(baton, board, environment: workbench.environment)
        var figures: [Metric: Double] = [.firstFrame: first.milliseconds, .firstFrameBytes: first.bytes]
        let selection = terminal.presses(
            (0..<presses).map { ($0 / (workbench.firstColumnCount - 1)) % 2 == 0 ? "j" : "k" }, quiet: settle)
        figures.record(selection.latencies, median: .selectMedian, p95: .selectP95)
        figures.record(selection.bytes, median: .selectBytes, p95: .selectBytesP95)
        let moves = terminal.presses((0..<presses).map { $0 % 2 == 0 ? "L" : "H" }, quiet: settle)
        figures.record(moves.latencies, median: .moveMedian, p95: .moveP95)
        figures[.moveBytes] = moves.bytes.median
        let detail = terminal.presses(Array(repeating: "\r", count: presses), quiet: settle, then: "\u{1b}")
        figures.record(detail.latencies, median: .detailMedian, p95: .detailP95)
        let outcomes = terminal.presses(Array(repeating: "O", count: presses), quiet: settle, then: "\u{1b}")
        figures.record(outcomes.latencies, median: .outcomesMedian, p95: .outcomesP95)
        figures.record(try propagate(terminal, times: presses / 5), median: .propagationMedian, p95: .propagationP95)
        figures[.idleCPU] = idle(terminal)
        figures[.peakMemory] = terminal.peakMemoryKB().map { Double($0) / 1024 }
        let status = terminal.finish(quitKeys: "q")
        guard status == 0 else { throw BenchError("baton ended with status \(status) instead of 0 after q.") }
        return figures
    }

    /// Retitles the visible card from this process, through the store, and times until the
    /// board has drawn it.
    private func propagate(_ terminal: PseudoTerminal, times: Int) throws -> [Double] {
        terminal.type("g")
        _ = terminal.readBurst(quiet: 0.2, timeout: 2)
        let store = try BoardStore.open(board)
        let writer = Actor(account: "bench", member: BoardGenerator.members[1].id)
        var latencies: [Double] = []
        for round in 0..<times {
            let title = workbench.visibleItem.title.prefix(40) + (round % 2 == 0 ? " (edited)" : " (again)")
            let changed = PseudoTerminal.now()
            _ = try store.apply(.editItem(workbench.visibleItem.number, ItemPatch(title: String(title))), by: writer)
            let burst = terminal.readBurst(quiet: 0.1, timeout: 3)
            if let drawn = burst.frameEnd { latencies.append((drawn - changed) * 1000) }
        }
        return latencies
    }

    /// The share of one core the board uses while nobody touches it.
    private func idle(_ terminal: PseudoTerminal) -> Double? {
        guard let before = terminal.cpuSeconds() else { return nil }
        let end = PseudoTerminal.now() + idleSeconds
        while PseudoTerminal.now() < end {
            _ = terminal.readBurst(quiet: end - PseudoTerminal.now(), timeout: end - PseudoTerminal.now())
        }
        guard let after = terminal.cpuSeconds() else { return nil }
        return (after - before) / idleSeconds * 100
    }
}

extension PseudoTerminal {
    /// Starts the full-screen board at `board` in a 120×40 terminal and waits for its first
    /// frame: the terminal, the milliseconds from start to that frame, and its bytes.
    static func board(_ baton: String, _ board: String, environment: [String: String]) throws -> (
        PseudoTerminal, (milliseconds: Double, bytes: Double)
    ) {
        let started = now()
        let terminal = try PseudoTerminal(
            executable: baton, arguments: ["--board", board], environment: environment, columns: 120, rows: 40)
        let first = terminal.readBurst(quiet: 0.3, timeout: 15)
        guard let drawn = first.last else { throw BenchError("baton drew nothing within 15 s of starting.") }
        return (terminal, ((drawn - started) * 1000, Double(first.bytes)))
    }

    /// Presses `key` and reads what it draws until `quiet` seconds pass without a byte: the
    /// milliseconds from key to frame and the bytes, or nil when nothing came within `timeout`.
    func press(_ key: String, quiet: Double, timeout: Double) -> (milliseconds: Double, bytes: Double)? {
        let pressed = type(key)
        let burst = readBurst(quiet: quiet, timeout: timeout)
        return burst.frameEnd.map { (($0 - pressed) * 1000, Double(burst.bytes)) }
    }

    /// Presses each key and waits for its frame, at most `timeout` seconds (then presses `then`,
    /// unmeasured, and waits again); the milliseconds and bytes of the frames that came.
    func presses(_ keys: [String], quiet: Double, timeout: Double = 0.5, then: String? = nil) -> (
        latencies: [Double], bytes: [Double]
    ) {
        var latencies: [Double] = [], bytes: [Double] = []
        for key in keys {
            if let frame = press(key, quiet: quiet, timeout: timeout) {
                latencies.append(frame.milliseconds)
                bytes.append(frame.bytes)
            }
            if let then {
                type(then)
                _ = readBurst(quiet: quiet, timeout: 2)
            }
        }
        return (latencies, bytes)
    }
}
