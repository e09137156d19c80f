import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary folder with its own HOME and XDG folders, in which baton runs. Removed on deinit.
/// The checks that stop a test on failure (`ok`, `json` …) are in BatonTestSupport.
public final class Sandbox {
    /// The folder itself (symbolic links resolved).
    public let root: URL
    private let scratch: URL
    private var counter = 0

    /// A new, empty sandbox in the temporary folder, named `prefix-UUID`.
    public init(prefix: String = "baton-cli") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        root = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        scratch = root.appendingPathComponent(".io")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The HOME of programs run in the sandbox.
    public var home: URL { root.appendingPathComponent("home") }
    /// Their XDG_DATA_HOME.
    public var dataHome: URL { root.appendingPathComponent("xdg") }
    /// Their XDG_CONFIG_HOME.
    public var configHome: URL { root.appendingPathComponent("xdg-config") }
    /// Their XDG_STATE_HOME.
    public var stateHome: URL { root.appendingPathComponent("xdg-state") }
    /// Their XDG_CACHE_HOME.
    public var cacheHome: URL { root.appendingPathComponent("xdg-cache") }
    /// The board `init` creates by default, and that discovery then finds from `root`.
    public var boardPath: String { root.appendingPathComponent("board.baton").path }

    /// The absolute path of `relative` inside the sandbox.
    public func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The variables that put baton's home and XDG folders inside the sandbox.
    public var homeVariables: [String: String] {
        [
            "HOME": home.path, "XDG_DATA_HOME": dataHome.path, "XDG_CONFIG_HOME": configHome.path,
            "XDG_STATE_HOME": stateHome.path, "XDG_CACHE_HOME": cacheHome.path,
        ]
    }

    /// The environment baton sees: this process's, without BATON_BOARD (nor a surrounding tmux),
    /// with HOME and the XDG folders in the sandbox.
    public func environment(_ overrides: [String: String?]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["BATON_BOARD"] = nil
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        for (key, value) in homeVariables { env[key] = value }
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// Starts `executable` with `arguments`, without waiting.
    public func spawn(
        _ executable: String, _ arguments: [String], stdin: String? = nil, cwd: URL? = nil,
        env: [String: String?] = [:]
    ) throws -> Spawned {
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
        let pid = try Spawning.spawn(
            executable, arguments, environment: environment(env), cwd: (cwd ?? root).path,
            stdin: stdinPath, stdout: outURL.path, stderr: errURL.path)
        return Spawned(pid: pid, arguments: [executable] + arguments, outURL: outURL, errURL: errURL)
    }

    /// Runs `executable` with `arguments` and waits for it.
    @discardableResult
    public func run(
        _ executable: String, _ arguments: [String], stdin: String? = nil, cwd: URL? = nil,
        env: [String: String?] = [:], timeout: Double = 60
    ) throws -> CLIResult {
        try spawn(executable, arguments, stdin: stdin, cwd: cwd, env: env).wait(timeout: timeout)
    }

    /// Runs baton with `arguments` and waits for it.
    @discardableResult
    public func baton(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil, env: [String: String?] = [:]) throws
        -> CLIResult
    {
        try run(try Paths.requireBinary(), arguments, stdin: stdin, cwd: cwd, env: env)
    }

    /// Runs baton with `arguments` and waits for it.
    @discardableResult
    public func baton(_ arguments: String..., stdin: String? = nil) throws -> CLIResult {
        try baton(arguments, stdin: stdin)
    }

    /// The bytes of a file, to prove it was not touched.
    public func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

extension CLIResult {
    /// The number `item add` printed (`#N`).
    public var itemNumber: Int? {
        let text = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("#") else { return nil }
        return Int(text.dropFirst())
    }
}
