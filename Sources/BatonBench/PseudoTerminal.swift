import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a program drew in answer to something: how many bytes, and when the first and last
/// arrived. A program may draw twice in answer to one key (a quick frame, then another once
/// the disk has answered): `firstFrameEnd` is when the first frame was complete.
struct Burst {
    var bytes = 0
    var first: Double?
    var last: Double?
    var firstFrameEnd: Double?

    /// A pause this long ends a frame: curses writes one frame without stopping.
    static let frameGap = 0.002

    mutating func add(_ count: Int, at time: Double) {
        if let last, firstFrameEnd == nil, time - last >= Burst.frameGap { firstFrameEnd = last }
        bytes += count
        first = first ?? time
        last = time
    }

    /// When the first frame was complete: the end of the first stretch without a pause.
    var frameEnd: Double? { firstFrameEnd ?? last }
}

/// A program running in a pseudo-terminal of a fixed size. The benchmark types into it and
/// reads what it draws, noting when each chunk arrived.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    private var exited = false

    /// Starts `executable` in a new pseudo-terminal of `columns`×`rows`.
    init(executable: String, arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var fd: Int32 = -1
        let child = forkpty(&fd, nil, nil, &size)
        if child == 0 {
            execve(executable, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw BenchError("Could not start a pseudo-terminal (errno \(errno)).") }
        pid = child
        master = fd
    }

    deinit {
        if !exited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Seconds on a clock that never jumps.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Types `text`; returns the time just before it was written.
    @discardableResult
    func type(_ text: String) -> Double {
        let started = Self.now()
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
        return started
    }

    /// Reads what the program draws until it has been quiet for `quiet` seconds after the last
    /// byte, or for `timeout` seconds when nothing comes at all.
    func readBurst(quiet: Double, timeout: Double) -> Burst {
        var burst = Burst()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let start = Self.now()
        while true {
            let deadline = burst.last.map { $0 + quiet } ?? start + timeout
            let wait = deadline - Self.now()
            if wait <= 0 { return burst }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32((wait * 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return burst }
            burst.add(count, at: Self.now())
        }
    }

    /// The program's peak resident memory so far, in kilobytes (VmHWM).
    func peakMemoryKB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// CPU time the program has used so far, user and system, in seconds.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Types `quitKeys`, then waits up to `timeout` seconds for the program to end (killing it
    /// after that); returns its exit status.
    func finish(quitKeys: String, timeout: Double = 5) -> Int32 {
        type(quitKeys)
        let deadline = Self.now() + timeout
        var status: Int32 = 0
        while Self.now() < deadline {
            _ = readBurst(quiet: 0.02, timeout: 0.05)
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                return status
            }
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        exited = true
        return -1
    }
}

/// A benchmark that cannot go on, with the reason in one sentence.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
