import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `make bench`: measures baton on generated boards against the budgets of DESIGN §7 and
/// prints a table, also written as JSON.
@main
struct BatonBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-bench",
        abstract: "Measure baton's speed, memory and terminal traffic on generated boards against its budgets.",
        discussion: """
            Boards are measured as files at every size, and in PostgreSQL (a throwaway cluster on \
            127.0.0.1 that the benchmark starts and removes) at the PostgreSQL sizes: the same \
            figures, then the keys and the time to commit a move through a proxy that delays \
            every chunk by 40 ms each way.
            """)

    @Option(help: "The baton binary to measure.")
    var baton = ".build/release/baton"

    @Option(help: "Board sizes in items, comma-separated.")
    var sizes = "100,1000,10000"

    @Option(
        help: ArgumentHelp(
            "Board sizes in items at which boards in PostgreSQL are measured, comma-separated (default: the largest of --sizes).",
            valueName: "sizes"))
    var postgresSizes: String?

    @Flag(inversion: .prefixedNo, help: "Whether to measure boards in PostgreSQL too (--no-postgres leaves them out).")
    var postgres = true

    @Option(help: "Runs per size; every figure is the median over the runs.")
    var runs = 3

    @Option(
        help: """
            Presses of each measured key (selection, item move, detail, outcomes); at least 100 for the budgets. \
            Another writer's changes and the keys 40 ms away are a fifth as many.
            """)
    var presses = 100

    @Option(help: "Seconds of idleness over which CPU use is measured.")
    var idle = 10.0

    @Option(help: "Where to write the results as JSON.")
    var output = ".build/bench/results.json"

    @Option(
        help: ArgumentHelp(
            "Only write a generated board of the first size to this path, for profiling by hand.",
            valueName: "path"))
    var generate: String?

    func run() throws {
        let binary = URL(fileURLWithPath: baton).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("There is no baton binary at \(binary); build it first with `swift build -c release`.")
        }
        let counts = try Self.sizes(sizes)
        guard runs > 0, presses >= 5, idle > 0 else {
            throw BenchError("The benchmark needs at least one run, 5 presses and some idle time.")
        }
        if let generate {
            let workbench = try Workbench(items: counts[0])
            defer { workbench.remove() }
            try FileManager.default.copyItem(atPath: workbench.board, toPath: generate)
            print("Wrote a board of \(counts[0]) items and \(workbench.eventCount) events to \(generate).")
            return
        }
        let inDatabase = postgres ? try postgresSizes.map(Self.sizes) ?? [counts.max() ?? 0] : []
        let results = try measure(files: counts, databases: inDatabase, baton: binary)
        print(results.table())
        try results.write(to: output)
        print("Written to \(output).")
    }

    /// Every run at every size: of board files at the sizes `files`, of boards in PostgreSQL at
    /// the sizes `databases`.
    private func measure(files: [Int], databases: [Int], baton: String) throws -> BenchResults {
        let database = databases.isEmpty ? nil : try PostgresBench()
        defer { database?.stop() }
        var results = BenchResults(runs: runs, presses: presses)
        for count in Set(files + databases).sorted() {
            let workbench = try Workbench(items: count)
            defer { workbench.remove() }
            let kinds = [files.contains(count) ? "a file" : nil, databases.contains(count) ? "in PostgreSQL" : nil]
            print(
                "\(count) items: board of \(workbench.eventCount) events ready; measuring \(runs) runs "
                    + "(\(kinds.compactMap { $0 }.joined(separator: " and ")))…")
            fflush(nil)  // progress shows as it happens, also through a pipe
            for run in 1...runs {
                if files.contains(count) {
                    results.add(try measureFile(workbench, run: run, baton: baton), items: count, backend: .file)
                }
                if let database, databases.contains(count) {
                    let figures = try database.measure(workbench, run: run, baton: baton, presses: presses, idle: idle)
                    results.add(figures, items: count, backend: .postgres)
                }
            }
        }
        return results
    }

    /// Every figure of one run on a fresh copy of `workbench`'s board file.
    private func measureFile(_ workbench: Workbench, run: Int, baton: String) throws -> [Metric: Double] {
        let tui = TUIScenario(
            baton: baton, board: try workbench.copy("run-\(run)"), workbench: workbench, presses: presses,
            idleSeconds: idle)
        let cli = CLIScenario(
            baton: baton, board: workbench.board, scratch: try workbench.copy("writes"),
            environment: workbench.environment)
        return try tui.run().merging(try cli.run()) { $1 }
    }

    /// The sizes in a comma-separated list such as 100,1000,10000.
    private static func sizes(_ list: String) throws -> [Int] {
        let counts = list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
            throw BenchError(
                "Sizes must be positive numbers separated by commas, such as 100,1000,10000, not “\(list)”.")
        }
        return counts
    }
}
