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
        abstract: "Measure baton's speed, memory and terminal traffic on generated boards against its budgets.")

    @Option(help: "The baton binary to measure.")
    var baton = ".build/release/baton"

    @Option(help: "Board sizes in items, comma-separated.")
    var sizes = "100,1000,10000"

    @Option(help: "Runs per size; every figure is the median over the runs.")
    var runs = 3

    @Option(
        help: "Presses of each measured key (selection, item move, detail, outcomes); at least 100 for the budgets.")
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
        let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }), runs > 0, presses >= 5, idle > 0 else {
            throw BenchError(
                "Sizes must be positive numbers such as 100,1000,10000, with at least one run and 5 presses.")
        }
        if let generate {
            let workbench = try Workbench(items: counts[0])
            defer { workbench.remove() }
            try FileManager.default.copyItem(atPath: workbench.board, toPath: generate)
            print("Wrote a board of \(counts[0]) items and \(workbench.eventCount) events to \(generate).")
            return
        }
        var results = BenchResults(runs: runs, presses: presses)
        for count in counts {
            let workbench = try Workbench(items: count)
            defer { workbench.remove() }
            print("\(count) items: board of \(workbench.eventCount) events ready; measuring \(runs) runs…")
            fflush(nil)  // progress shows as it happens, also through a pipe
            for run in 1...runs {
                let tui = TUIScenario(
                    baton: binary, board: try workbench.copy(run), workbench: workbench,
                    presses: presses, idleSeconds: idle)
                results.add(try tui.run(), items: count)
                let cli = CLIScenario(baton: binary, board: workbench.board, environment: workbench.environment)
                results.add(try cli.run(), items: count)
            }
        }
        print(results.table())
        try results.write(to: output)
        print("Written to \(output).")
    }
}
