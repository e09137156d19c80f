import Foundation
import Glibc
import Testing

@testable import BatonTerminal

/// Puts back the default disposition of the signals baton handles, after a test installed its handlers.
func restoreDefaultSignals() {
    for number in Signals.handled { signal(number, SIG_DFL) }
}

/// Signals are process-wide: these tests run one at a time.
@Suite(.serialized) struct SignalTests {
    @Test func raisedSignalIsTakenOnce() {
        Signals.installHandlers()
        defer { restoreDefaultSignals() }
        _ = Signals.take()
        raise(SIGWINCH)
        #expect(Signals.take() == [SIGWINCH])
        #expect(Signals.take() == [])
    }

    @Test func severalSignalsInOrder() {
        Signals.installHandlers()
        defer { restoreDefaultSignals() }
        _ = Signals.take()
        raise(SIGCONT)
        raise(SIGHUP)
        #expect(Signals.take() == [SIGHUP, SIGCONT])
    }

    @Test func signalWakesTheEventLoop() {
        Signals.installHandlers()
        defer { restoreDefaultSignals() }
        _ = Signals.take()
        raise(SIGWINCH)
        let wakeup = EventLoop(inputFD: nil).wait(fds: [], timeoutMilliseconds: 2000)
        #expect(wakeup == .interrupted)
        #expect(Signals.take() == [SIGWINCH])
        #expect(EventLoop(inputFD: nil).wait(fds: [], timeoutMilliseconds: 10) == .timeout)
    }

    // The event loop shares the signal wake-up pipe, so it is tested in this serialized suite.
    @Test func readableDescriptorIsReported() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let loop = EventLoop(inputFD: nil)
        #expect(loop.wait(fds: [fds[0]], timeoutMilliseconds: 10) == .timeout)
        var byte: UInt8 = 7
        _ = write(fds[1], &byte, 1)
        #expect(loop.wait(fds: [fds[0]], timeoutMilliseconds: 1000) == .ready(input: false, fds: [fds[0]]))
        let inputLoop = EventLoop(inputFD: fds[0])
        #expect(inputLoop.wait(fds: [], timeoutMilliseconds: 1000) == .ready(input: true, fds: []))
    }
}
