import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one run of a program gave back.
public struct CLIResult: Sendable {
    /// The exit code, or 128 plus the signal that ended it.
    public var status: Int32
    /// What it wrote to standard output.
    public var stdoutData: Data
    /// What it wrote to standard error.
    public var stderrData: Data
    /// A result made of its parts.
    public init(status: Int32, stdoutData: Data, stderrData: Data) {
        self.status = status
        self.stdoutData = stdoutData
        self.stderrData = stderrData
    }
    /// Standard output as text (invalid UTF-8 replaced).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as text (invalid UTF-8 replaced).
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Both streams together, for messages when a test fails.
    public var transcript: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    /// The stdout lines, without the empty last one.
    public var lines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

/// Why a program could not be run, or a tool the tests need is missing.
public enum CLIError: Error, CustomStringConvertible {
    /// Starting the program (or a step of it) failed with this errno.
    case spawnFailed(String, Int32)
    /// The program with these arguments ran longer than this many seconds.
    case timedOut([String], Double)
    /// The baton binary is not at this path (in the package at the second).
    case missingBinary(String, String)
    /// Something needed is not available; the text names it (`… is not available` follows).
    case unavailable(String)
    /// A socket call (named with what it was for) failed with this errno.
    case socketFailed(String, Int32)
    /// One sentence for the test's failure message.
    public var description: String {
        switch self {
        case .spawnFailed(let what, let code):
            return "posix_spawn of \(what) failed: \(String(cString: strerror(code)))"
        case .timedOut(let args, let seconds):
            return "\(args.joined(separator: " ")) did not finish within \(seconds) s; killed it"
        case .missingBinary(let binary, let root):
            return "The baton binary is missing at \(binary); run `swift build` in \(root) first."
        case .unavailable(let what): return "\(what) is not available"
        case .socketFailed(let what, let code): return "\(what) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Where things are: the package root and the built binary.
public enum Paths {
    /// The package root, worked out from this file's path (Tests/Harness/Processes.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug build of baton, which the tests run.
    public static let binary: String = packageRoot.appendingPathComponent(".build/debug/baton").path

    /// The binary, or a clear failure if it has not been built.
    public static func requireBinary() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CLIError.missingBinary(binary, packageRoot.path)
        }
        return binary
    }

    /// The first executable called `name` on PATH (or in the usual folders), if any.
    public static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Starting processes with posix_spawn: an empty signal mask (threads of Swift Testing and
/// Dispatch block SIGTERM, SIGHUP, SIGWINCH ..., and children would inherit that), SIGPIPE at
/// its default, standard streams redirected to files. Never Foundation.Process, which hung
/// starting tmux.
public enum Spawning {
    /// glibc's posix_spawn_file_actions_addchdir_np, which the Glibc module does not export; found with dlsym.
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    static let addChdir: AddChdir? = {
        guard let handle = dlopen(nil, RTLD_NOW),
            let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np")
        else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Starts `executable` (a path) with `arguments`; returns its pid without waiting.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        cwd: String, stdin: String, stdout: String, stderr: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard let addChdir else { throw CLIError.unavailable("posix_spawn_file_actions_addchdir_np") }
        let chdirResult = addChdir(&actions, cwd)
        if chdirResult != 0 { throw CLIError.spawnFailed("addchdir", chdirResult) }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        var rc = posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        // A binary copied a moment ago can still be open for writing in a child that another test
        // forked meanwhile (the descriptor is inherited until that child execs): wait and retry.
        var attempts = 0
        while rc == ETXTBSY && attempts < 50 {
            usleep(20_000)
            attempts += 1
            rc = posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        }
        if rc != 0 { throw CLIError.spawnFailed(executable, rc) }
        return pid
    }
}

/// A process that was started and not yet waited for.
public final class Spawned {
    /// Its process id.
    public let pid: pid_t
    /// The program and its arguments, for messages.
    public let arguments: [String]
    let outURL: URL
    let errURL: URL

    /// A process started elsewhere, whose standard output and error go to these files.
    public init(pid: pid_t, arguments: [String], outURL: URL, errURL: URL) {
        self.pid = pid
        self.arguments = arguments
        self.outURL = outURL
        self.errURL = errURL
    }

    /// Waits for the process (killing it after `timeout` seconds) and collects its output.
    public func wait(timeout: Double = 60) throws -> CLIResult {
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 500
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR { throw CLIError.spawnFailed("waitpid", errno) }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw CLIError.timedOut(arguments, timeout)
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return CLIResult(status: code, stdoutData: out, stderrData: err)
    }
}
