import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of a program gave back.
struct CLIResult: Sendable {
    var status: Int32
    var stdoutData: Data
    var stderrData: Data
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Both streams together, for messages when a test fails.
    var transcript: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    /// The stdout lines, without the empty last one.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

enum CLIError: Error, CustomStringConvertible {
    case spawnFailed(String, Int32)
    case timedOut([String], Double)
    var description: String {
        switch self {
        case .spawnFailed(let what, let code): return "posix_spawn of \(what) failed: \(String(cString: strerror(code)))"
        case .timedOut(let args, let seconds): return "\(args.joined(separator: " ")) did not finish within \(seconds) s; killed it"
        }
    }
}

/// Where things are: the package root and the built binary.
enum Paths {
    /// The package root, worked out from this file's path (Tests/CLITests/Harness.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: String = packageRoot.appendingPathComponent(".build/debug/baton").path

    /// The binary, or a clear failure if it has not been built.
    static func requireBinary() throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "The baton binary is missing at \(binary); run `swift build` in \(packageRoot.path) first.")
        return binary
    }
}

/// glibc's posix_spawn_file_actions_addchdir_np, which the Glibc module does not export; found with dlsym.
enum Spawning {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    static let addChdir: AddChdir? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
}

/// A process that was started and not yet waited for.
final class Spawned {
    let pid: pid_t
    let arguments: [String]
    let outURL: URL
    let errURL: URL

    init(pid: pid_t, arguments: [String], outURL: URL, errURL: URL) {
        self.pid = pid; self.arguments = arguments; self.outURL = outURL; self.errURL = errURL
    }

    /// Waits for the process (killing it after `timeout` seconds) and collects its output.
    func wait(timeout: Double = 60) throws -> CLIResult {
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

/// A temporary folder with its own HOME and XDG_DATA_HOME, in which baton runs.
final class Sandbox {
    let root: URL
    private let scratch: URL
    private var counter = 0

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        root = base.appendingPathComponent("baton-cli-\(UUID().uuidString)")
        scratch = root.appendingPathComponent(".io")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var home: URL { root.appendingPathComponent("home") }
    var dataHome: URL { root.appendingPathComponent("xdg") }
    /// The board `init` creates by default, and that discovery then finds from `root`.
    var boardPath: String { root.appendingPathComponent("board.baton").path }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The environment baton sees: this process's, without BATON_BOARD, with HOME and XDG_DATA_HOME in the sandbox.
    func environment(_ overrides: [String: String?]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["BATON_BOARD"] = nil
        env["HOME"] = home.path
        env["XDG_DATA_HOME"] = dataHome.path
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// Starts `executable` with `arguments`, without waiting.
    func spawn(_ executable: String, _ arguments: [String], stdin: String? = nil, cwd: URL? = nil,
               env: [String: String?] = [:]) throws -> Spawned {
        counter += 1
        let tag = "\(counter)-\(UUID().uuidString.prefix(8))"
        let outURL = scratch.appendingPathComponent("\(tag).out")
        let errURL = scratch.appendingPathComponent("\(tag).err")
        let inURL = scratch.appendingPathComponent("\(tag).in")
        let stdinPath: String
        if let stdin {
            try Data(stdin.utf8).write(to: inURL)
            stdinPath = inURL.path
        } else {
            stdinPath = "/dev/null"
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let addChdir = try #require(Spawning.addChdir, "posix_spawn_file_actions_addchdir_np is not available")
        let chdirResult = addChdir(&actions, (cwd ?? root).path)
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
        let envp: [UnsafeMutablePointer<CChar>?] = environment(env).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        if rc != 0 { throw CLIError.spawnFailed(executable, rc) }
        return Spawned(pid: pid, arguments: [executable] + arguments, outURL: outURL, errURL: errURL)
    }

    /// Runs baton with `arguments` and waits for it.
    @discardableResult
    func baton(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil, env: [String: String?] = [:]) throws -> CLIResult {
        try spawn(try Paths.requireBinary(), arguments, stdin: stdin, cwd: cwd, env: env).wait()
    }

    @discardableResult
    func baton(_ arguments: String..., stdin: String? = nil) throws -> CLIResult {
        try baton(arguments, stdin: stdin)
    }

    /// Runs baton and requires exit 0, so that setup steps fail loudly.
    @discardableResult
    func ok(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try baton(arguments, stdin: stdin)
        try #require(result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
                     sourceLocation: sourceLocation)
        return result
    }

    /// A sandbox with `baton init` (or `init --sample`) done in its root.
    static func withBoard(sample: Bool = false) throws -> Sandbox {
        let box = try Sandbox()
        let result = try box.baton(sample ? ["init", "--sample", "--name", "Squad"] : ["init", "--name", "Squad"])
        try #require(result.status == 0, "init failed: \(result.transcript)")
        return box
    }

    /// Runs a `--json` command and parses its standard output.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let result = try baton(arguments)
        try #require(result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
                     sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: result.stdoutData)
    }

    func jsonArray(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try baton(arguments)
        try #require(result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
                     sourceLocation: sourceLocation)
        let value = try JSONSerialization.jsonObject(with: result.stdoutData)
        return try #require(value as? [[String: Any]], "not a JSON array of objects: \(result.stdout)", sourceLocation: sourceLocation)
    }

    /// The stages of `show --json`, each with its items.
    func shownStages(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let board = try jsonObject("show", "--json", sourceLocation: sourceLocation)
        return try #require(board["stages"] as? [[String: Any]], "show --json has no stages", sourceLocation: sourceLocation)
    }

    func jsonObject(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try baton(arguments)
        try #require(result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
                     sourceLocation: sourceLocation)
        let value = try JSONSerialization.jsonObject(with: result.stdoutData)
        return try #require(value as? [String: Any], "not a JSON object: \(result.stdout)", sourceLocation: sourceLocation)
    }

    /// The item with this number, from `item show N --json`.
    func item(_ number: Int) throws -> [String: Any] { try jsonObject("item", "show", "\(number)", "--json") }

    /// The bytes of a file, to prove it was not touched.
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

extension Data {
    /// Whether the ESC byte (0x1B) appears anywhere.
    var containsEscape: Bool { contains(0x1B) }
}

extension CLIResult {
    /// The number `item add` printed (`#N`).
    var itemNumber: Int? {
        let text = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("#") else { return nil }
        return Int(text.dropFirst())
    }
}
