import BatonCore
import Foundation

/// Reads the board's flow steps on a thread of its own once the board is drawn, so that the
/// figure screens open at once instead of reading a year of history at the first key. It reads
/// through the session's own connection (a second one would have its own -wal bookkeeping to
/// close) and hands the result over through a pipe that the main loop waits on.
public final class HistoryReader: @unchecked Sendable {
    /// Readable once the steps are there.
    public let descriptor: Int32
    private let writeEnd: Int32
    private let lock = NSLock()
    private var result: (steps: [FlowStep], lastSeq: Int)?

    /// A reader that signals through `pipe` (non-blocking ends, which it then owns), or never
    /// reads when there is none.
    public init(pipe: (read: Int32, write: Int32)?) {
        descriptor = pipe?.read ?? -1
        writeEnd = pipe?.write ?? -1
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Starts reading `store`; a board that cannot be read leaves the reading to the screen that
    /// needs it.
    public func start(_ store: BoardStore) {
        guard descriptor >= 0 else { return }
        Thread.detachNewThread { [self] in
            guard let snapshot = try? store.flowSnapshot() else { return }
            lock.withLock { result = snapshot }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    /// The steps and the newest history entry they include, once read; nil before (and after
    /// they were taken).
    public func take() -> (steps: [FlowStep], lastSeq: Int)? {
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) > 0 {}
        return lock.withLock {
            defer { result = nil }
            return result
        }
    }
}
