import CNcursesw
import Glibc
import Synchronization

/// Signals received and not yet taken, one bit per signal number.
private let pendingSignals = Atomic<Int32>(0)
/// Write end of the wake-up pipe (-1 before `installHandlers`), so a signal that arrives just
/// before `poll` still wakes it.
private let wakeWriteFD = Atomic<Int32>(-1)
/// Read end of the wake-up pipe.
private let wakeReadFD = Atomic<Int32>(-1)

/// The handler: records the signal and pokes the wake-up pipe; async-signal-safe, captures nothing.
private func recordSignal(_ signal: Int32) {
    guard signal > 0, signal < 31 else { return }
    pendingSignals.bitwiseOr(Int32(1) << signal, ordering: .sequentiallyConsistent)
    let fd = wakeWriteFD.load(ordering: .relaxed)
    guard fd >= 0 else { return }
    let savedErrno = errno
    var byte: UInt8 = 1
    _ = write(fd, &byte, 1)
    errno = savedErrno
}

/// Process signals: handlers that only record, and a way to take what was recorded.
///
/// Call `installHandlers()` once at start, before `Screen.start()`, so curses does not install
/// its own handlers. On each wake-up of the main loop, call `take()` and act on the result.
public enum Signals {
    /// The signals the app handles.
    public static let handled: [Int32] = [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT]

    /// Unblocks all signals for this thread, installs recording handlers (without `SA_RESTART`,
    /// so blocking calls return `EINTR`) for `handled`, and ignores `SIGPIPE`.
    public static func installHandlers() {
        openWakePipe()
        _ = pendingSignals.load(ordering: .relaxed)
        _ = baton_unblock_all_signals()
        for signal in handled { _ = baton_sigaction(signal, recordSignal) }
        _ = baton_signal_ignore(SIGPIPE)
    }

    /// Ignores `SIGXFSZ`, so that a write past the file-size limit (`ulimit -f`) fails with `EFBIG`,
    /// which the store reports as "not saved", instead of killing the process half-way.
    public static func ignoreFileSizeLimit() {
        _ = baton_signal_ignore(SIGXFSZ)
    }

    /// Returns the signals received since the last call, in ascending order, and forgets them.
    public static func take() -> [Int32] {
        let bits = pendingSignals.exchange(0, ordering: .sequentiallyConsistent)
        return (1..<31).filter { bits & (Int32(1) << $0) != 0 }
    }

    /// Runs `body` while another program has the terminal, in baton's process group: Ctrl-Z
    /// stops baton with it (so the shell gets the job back, and `fg` continues both), Ctrl-C
    /// and Ctrl-\\ are that program's alone; the signals meant for it are forgotten afterwards.
    public static func handingOver<T>(_ body: () -> T) -> T {
        _ = baton_signal_default(SIGTSTP)
        _ = baton_signal_ignore(SIGINT)
        _ = baton_signal_ignore(SIGQUIT)
        defer {
            for signal in [SIGTSTP, SIGINT, SIGQUIT] { _ = baton_sigaction(signal, recordSignal) }
            forget([SIGWINCH, SIGTSTP, SIGCONT, SIGINT, SIGQUIT])
        }
        return body()
    }

    /// Forgets `signals` if they were received and not taken yet.
    static func forget(_ signals: [Int32]) {
        let mask = signals.reduce(Int32(0)) { $0 | (Int32(1) << $1) }
        pendingSignals.bitwiseAnd(~mask, ordering: .sequentiallyConsistent)
    }

    /// Stops the process as the terminal's Ctrl-Z would (default `SIGTSTP` action), and
    /// returns once it is continued; then records handlers again.
    static func stopProcess() {
        _ = baton_signal_default(SIGTSTP)
        _ = baton_unblock_all_signals()
        _ = raise(SIGTSTP)
        _ = baton_sigaction(SIGTSTP, recordSignal)
    }

    /// The descriptor that becomes readable when a signal arrives (-1 before `installHandlers`).
    static var wakeDescriptor: Int32 { wakeReadFD.load(ordering: .relaxed) }

    /// Empties the wake-up pipe.
    static func drainWakePipe() {
        let fd = wakeDescriptor
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    private static func openWakePipe() {
        guard wakeReadFD.load(ordering: .relaxed) < 0 else { return }
        guard let ends = EventLoop.wakePipe() else { return }
        wakeReadFD.store(ends.read, ordering: .relaxed)
        wakeWriteFD.store(ends.write, ordering: .relaxed)
    }
}
