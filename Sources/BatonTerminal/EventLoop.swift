import Glibc

/// Why `EventLoop.wait` returned.
public enum Wakeup: Equatable, Sendable {
    /// Input is waiting (`input`: the terminal, possibly at its end) and/or these extra
    /// descriptors are readable.
    case ready(input: Bool, fds: [Int32])
    /// Nothing happened within the timeout.
    case timeout
    /// A signal arrived: call `Signals.take()`.
    case interrupted
}

/// Sleeps until input, a watched descriptor, a signal or a timeout: `poll()`, never a busy loop.
///
/// Signals recorded by `Signals` also wake it through a self-pipe, so a signal arriving just
/// before the wait is not missed. Check `Signals.take()` after every wake-up, whatever it says.
public struct EventLoop: Sendable {
    /// The terminal's input descriptor, or `nil` to wait only on extra descriptors.
    public let inputFD: Int32?

    /// A loop over `inputFD` (standard input unless told otherwise).
    public init(inputFD: Int32? = STDIN_FILENO) {
        self.inputFD = inputFD
    }

    /// A pipe to wake the loop from elsewhere (a signal handler, another thread): both ends
    /// non-blocking and closed on exec; nil when the system has no descriptors left.
    public static func wakePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    /// Waits until the input or one of `fds` is readable, a signal arrives, or
    /// `timeoutMilliseconds` pass (negative: no timeout).
    public func wait(fds: [Int32], timeoutMilliseconds: Int32) -> Wakeup {
        let wakeFD = Signals.wakeDescriptor
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if let inputFD { polled.append(pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)) }
        if wakeFD >= 0 { polled.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        let count = poll(&polled, nfds_t(polled.count), timeoutMilliseconds)
        if count < 0 { return errno == EINTR ? .interrupted : .timeout }
        if count == 0 { return .timeout }
        let ready = Int16(POLLIN | POLLHUP | POLLERR | POLLNVAL)
        let readyFDs = polled.prefix(fds.count).filter { $0.revents & ready != 0 }.map(\.fd)
        let inputReady = inputFD != nil && polled[fds.count].revents & ready != 0
        if wakeFD >= 0, polled[polled.count - 1].revents != 0 {
            Signals.drainWakePipe()
            if readyFDs.isEmpty, !inputReady { return .interrupted }
        }
        return .ready(input: inputReady, fds: readyFDs)
    }
}
