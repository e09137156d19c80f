import BatonCore
import BatonStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The command line on a board: how long `show`, `export` and `check` take, and how many
/// writes a second the store takes from one process, from one CLI writer and from eight at once.
struct CLIScenario {
    let baton: String
    /// The board that is read.
    let board: String
    /// A copy of it (or the board itself) that may be written to.
    let scratch: String
    let environment: [String: String]

    func run() throws -> [Metric: Double] {
        var figures: [Metric: Double] = [:]
        figures[.showTime] = try time(["show"])
        figures[.exportTime] = try time(["export", "--format", "json"])
        figures[.checkTime] = try time(["check"])
        figures[.storeWrites] = try storeWrites(scratch, count: 200)
        figures[.oneWriter] = try cliWrites(scratch, writers: 1, each: 40)
        figures[.eightWriters] = try cliWrites(scratch, writers: 8, each: 20)
        return figures
    }

    /// Milliseconds one command takes, its output thrown away.
    private func time(_ arguments: [String]) throws -> Double {
        let started = PseudoTerminal.now()
        try wait(spawn([baton, "--board", board] + arguments), for: arguments.joined(separator: " "))
        return (PseudoTerminal.now() - started) * 1000
    }

    /// Items added per second through the store in this process, each its own transaction.
    private func storeWrites(_ path: String, count: Int) throws -> Double {
        let store = try BoardStore.open(path)
        let writer = Actor(account: "bench", member: BoardGenerator.members[0].id)
        let started = PseudoTerminal.now()
        for index in 0..<count {
            _ = try store.apply(.addItem(NewItem(title: "Written by the benchmark \(index)")), by: writer)
        }
        return Double(count) / (PseudoTerminal.now() - started)
    }

    /// Items added per second by `writers` shells at once, each running `baton item add` `each` times.
    private func cliWrites(_ path: String, writers: Int, each: Int) throws -> Double {
        let script =
            "i=0; while [ $i -lt \(each) ]; do \"$0\" --board \"$1\" --as al item add \"bench $2 $i\" || exit 1; i=$((i+1)); done"
        let started = PseudoTerminal.now()
        let shells = try (0..<writers).map { try spawn(["/bin/sh", "-c", script, baton, path, "w\($0)"]) }
        for shell in shells { try wait(shell, for: "item add") }
        return Double(writers * each) / (PseudoTerminal.now() - started)
    }

    private func spawn(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let failed = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard failed == 0 else { throw BenchError("Could not start \(arguments[0]) (error \(failed)).") }
        return pid
    }

    private func wait(_ pid: pid_t, for what: String) throws {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw BenchError("`baton \(what)` failed with status \(status); run it by hand to see why.")
        }
    }
}
