import BatonHarness
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum TmuxError: Error, CustomStringConvertible {
    case missingTool(String)
    case commandFailed([String], CLIResult)
    case timedOut(String, Double, String)
    public var description: String {
        switch self {
        case .missingTool(let name): return "\(name) is not installed; the end-to-end tests need it"
        case .commandFailed(let args, let result):
            return "tmux \(args.joined(separator: " ")) failed: \(result.transcript)"
        case .timedOut(let what, let seconds, let screen):
            return "waited \(seconds) s for \(what); the screen was:\n\(screen)"
        }
    }
}

/// Quotes `text` for a POSIX shell.
public func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A tmux server of its own (socket in the sandbox, no user config) running one session with one
/// pane. Rules from DESIGN.md §8: own socket with -S, wait for text *and* a stable screen, the exit
/// code written by the shell that runs the program, processes spawned with an empty signal mask.
/// The server is killed on `kill()` or deinit.
public final class TmuxSession {
    public let sandbox: Sandbox
    public let socket: String
    public let target = "e2e"
    /// Where the wrapper shell writes the program's exit code.
    public let exitFile: String
    /// Created by `release()`, for a session started with `gated: true`.
    public let gateFile: String
    let tmux: String
    private var killed = false

    /// Starts a detached `width`×`height` session whose only pane runs `sh -c script`. `name`
    /// tells apart the socket, exit and gate files of several sessions in one sandbox.
    public init(sandbox: Sandbox, name: String = "main", width: Int = 120, height: Int = 40, script: String) throws {
        guard let tmux = Paths.tool("tmux") else { throw TmuxError.missingTool("tmux") }
        self.tmux = tmux
        self.sandbox = sandbox
        socket = sandbox.path("tmux-\(name).sock")
        exitFile = Self.exitFile(sandbox, name)
        gateFile = Self.gateFile(sandbox, name)
        let config = sandbox.path("tmux.conf")
        // remain-on-exit keeps the pane (and the server) after the program ends, so the screen can
        // still be read; escape-time 0 so nothing of tmux's own delays keys.
        try """
        set -g remain-on-exit on
        set -g status off
        set -g escape-time 0
        set -g history-limit 100
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try sandbox.run(
            tmux,
            [
                "-f", config, "-S", socket, "new-session", "-d", "-s", target,
                "-x", "\(width)", "-y", "\(height)", "/bin/sh", "-c", script,
            ], timeout: 10)
        guard result.status == 0 else { throw TmuxError.commandFailed(["new-session"], result) }
    }

    /// The shell line that runs baton with `arguments` inside the sandbox:
    /// `cd DIR && env HOME=… XDG_…=… TERM=xterm-256color LANG=C.UTF-8 baton …; echo $? > DIR/exit`,
    /// with optional shell commands before and after (the exit code is written last).
    static func exitFile(_ sandbox: Sandbox, _ name: String) -> String { sandbox.path("exit-\(name)") }
    static func gateFile(_ sandbox: Sandbox, _ name: String) -> String { sandbox.path("go-\(name)") }

    /// The environment of a program in the pane: the sandbox's home and XDG folders,
    /// TERM=xterm-256color, LANG=C.UTF-8, no LC_ALL, BATON_BOARD or NO_COLOR; as an `env` prefix.
    public static func envPrefix(_ sandbox: Sandbox, _ env: [String: String] = [:]) -> String {
        var variables = sandbox.homeVariables
        variables["TERM"] = "xterm-256color"
        variables["LANG"] = "C.UTF-8"
        for (key, value) in env { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }
        return (["env", "-u", "LC_ALL", "-u", "BATON_BOARD", "-u", "NO_COLOR"] + assignments).joined(separator: " ")
    }

    public static func batonScript(
        _ arguments: [String], sandbox: Sandbox, name: String = "main", env: [String: String] = [:],
        before: String? = nil, after: String? = nil, gated: Bool = false
    ) throws -> String {
        let binary = try Paths.requireBinary()
        let command = ([envPrefix(sandbox, env), shellQuote(binary)] + arguments.map(shellQuote)).joined(separator: " ")
        return script(running: command, sandbox: sandbox, name: name, before: before, after: after, gated: gated)
    }

    /// The shell lines that run `command` in the sandbox's root, as `batonScript` does for baton.
    public static func script(
        running command: String, sandbox: Sandbox, name: String = "main",
        before: String? = nil, after: String? = nil, gated: Bool = false
    ) -> String {
        var lines = ["cd \(shellQuote(sandbox.root.path)) || exit 99"]
        if gated { lines.append("while [ ! -e \(shellQuote(gateFile(sandbox, name))) ]; do sleep 0.02; done") }
        if let before { lines.append(before) }
        lines.append(command)
        lines.append("rc=$?")
        if let after { lines.append(after) }
        lines.append("echo $rc > \(shellQuote(exitFile(sandbox, name)))")
        return lines.joined(separator: "\n")
    }

    /// A session running baton with `arguments` (see `batonScript`).
    public static func baton(
        _ arguments: [String], in sandbox: Sandbox, name: String = "main", width: Int = 120,
        height: Int = 40, env: [String: String] = [:], before: String? = nil, after: String? = nil,
        gated: Bool = false
    ) throws -> TmuxSession {
        let script = try batonScript(
            arguments, sandbox: sandbox, name: name, env: env, before: before, after: after, gated: gated)
        return try TmuxSession(sandbox: sandbox, name: name, width: width, height: height, script: script)
    }

    deinit { kill() }

    /// Kills the server (and with it whatever still runs in the pane), then waits up to 2 s for
    /// the server and the pane's processes to end (a program that gets SIGHUP may still be saving
    /// a draft into the sandbox), and kills by pid any that do not.
    public func kill() {
        guard !killed else { return }
        killed = true
        let ours = sessionProcesses()
        _ = try? sandbox.run(tmux, ["-S", socket, "kill-server"], timeout: 10)
        let deadline = Date().addingTimeInterval(2)
        while ours.contains(where: processExists) && Date() < deadline { usleep(20_000) }
        for pid in ours where processExists(pid) { signalProcess(pid, SIGKILL) }
    }

    /// This server's pid, and the pids of the processes in its panes and their descendants.
    func sessionProcesses() -> [pid_t] {
        func pids(_ result: CLIResult?) -> [pid_t] {
            (result?.lines ?? []).compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
        }
        var found = pids(try? tmuxCommand(["display-message", "-p", "#{pid}"]))
        var queue = pids(try? tmuxCommand(["list-panes", "-a", "-F", "#{pane_pid}"]))
        guard let pgrep = Paths.tool("pgrep") else { return found + queue }
        while let pid = queue.popLast() {
            found.append(pid)
            queue += pids(try? sandbox.run(pgrep, ["-P", "\(pid)"], timeout: 10))
        }
        return found
    }

    /// Runs one tmux command against this server.
    @discardableResult
    public func tmuxCommand(_ arguments: [String]) throws -> CLIResult {
        let result = try sandbox.run(tmux, ["-S", socket] + arguments, timeout: 10)
        guard result.status == 0 else { throw TmuxError.commandFailed(arguments, result) }
        return result
    }

    /// Lets a gated session's program start (after `pipePane`, say).
    public func release() throws {
        try Data().write(to: URL(fileURLWithPath: gateFile))
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `S-Right`, `C-z`, `q` ...), one after another.
    public func send(_ keys: String...) throws { try send(keys) }

    public func send(_ keys: [String]) throws {
        try tmuxCommand(["send-keys", "-t", target] + keys)
    }

    /// Sends Escape on its own and pauses, so that the next key is not read as an Alt chord.
    public func escape(pause: Double = 0.12) throws {
        try send("Escape")
        usleep(useconds_t(pause * 1_000_000))
    }

    /// Types `text` literally (send-keys -l).
    public func type(_ text: String) throws {
        try tmuxCommand(["send-keys", "-t", target, "-l", text])
    }

    /// The visible screen, one line per row.
    public func capture() throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-t", target]).stdout
    }

    /// Resizes the window (and so the pane, since there is one) to `width`×`height`.
    public func resize(_ width: Int, _ height: Int) throws {
        try tmuxCommand(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Appends every byte the program writes to the terminal from now on to `file`.
    public func pipePane(to file: String) throws {
        try tmuxCommand(["pipe-pane", "-o", "-t", target, "cat >> \(shellQuote(file))"])
    }

    /// Waits until `predicate` holds for the screen and two captures ~50 ms apart are identical
    /// (frames are drawn in pieces); returns that screen.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Double = 5, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try capture()
            if predicate(last) {
                usleep(50_000)
                let again = try capture()
                if again == last { return again }
                last = again
            }
            if Date() > deadline { throw TmuxError.timedOut(what, timeout, last) }
            usleep(20_000)
        }
    }

    /// Waits until `text` is on a stable screen; returns that screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 5) throws -> String {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `text` has left the (stable) screen.
    @discardableResult
    public func waitForAbsence(_ text: String, timeout: Double = 5) throws -> String {
        try waitUntil("“\(text)” to go", timeout: timeout) { !$0.contains(text) }
    }

    /// The exit code the wrapper shell wrote, once it has.
    public func waitForExit(timeout: Double = 5) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? String(contentsOfFile: exitFile, encoding: .utf8),
                let code = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return code
            }
            if Date() > deadline {
                throw TmuxError.timedOut("the program to exit", timeout, (try? capture()) ?? "(no screen)")
            }
            usleep(20_000)
        }
    }

    /// Whether the exit file has been written.
    public var hasExited: Bool { FileManager.default.fileExists(atPath: exitFile) }

    /// The pid of the baton process started with `arguments` (matched with `pgrep -f` on its full
    /// command line, which is unique when it names a board in the sandbox), waiting for it to appear.
    public func batonPID(_ arguments: [String], timeout: Double = 5) throws -> pid_t {
        guard let pgrep = Paths.tool("pgrep") else { throw TmuxError.missingTool("pgrep") }
        let pattern = "^" + ([try Paths.requireBinary()] + arguments).joined(separator: " ") + "$"
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let result = try sandbox.run(pgrep, ["-f", pattern], timeout: 10)
            let pids = result.lines.compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
            if pids.count == 1 { return pids[0] }
            if Date() > deadline {
                throw TmuxError.timedOut(
                    "one process matching \(pattern) (found \(pids))", timeout, (try? capture()) ?? "")
            }
            usleep(20_000)
        }
    }
}

/// Sleeps for `seconds`.
public func pause(_ seconds: Double) { usleep(useconds_t(seconds * 1_000_000)) }

/// Runs `body` and returns how long it took, in seconds.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// Sends `signal` to the process `pid`.
public func signalProcess(_ pid: pid_t, _ signal: Int32) { _ = kill(pid, signal) }

/// Whether a process with this pid still runs: it exists and is not a zombie waiting for its
/// parent (orphans such as the tmux server are reaped by pid 1, sometimes seconds later).
public func processExists(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return true }
    let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
    return state != "Z" && state != "X"
}
