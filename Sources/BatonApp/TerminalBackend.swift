import BatonTUI

/// What happened at the terminal while the loop waited.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    /// The terminal has a new size (also after a suspend and resume).
    case resized(width: Int, height: Int)
    /// The input ended (the terminal is gone): keep what is typed and stop.
    case endOfInput
    /// A signal asks the program to stop: keep what is typed and exit with 128 + `signal`.
    case stop(signal: Int32)
    /// One of the descriptors the loop asked about is readable.
    case ready(Int32)
}

/// The terminal the loop draws on and reads from.
public protocol TerminalBackend: AnyObject {
    /// Takes the terminal over; reports clicks as keys when `mouse` and the terminal has one.
    func start(mouse: Bool) throws
    /// Gives the terminal back as it was; safe to call twice.
    func stop()
    /// Colours available: 256, 8 or 0.
    var colours: Int { get }
    var size: (width: Int, height: Int) { get }
    func draw(_ frame: Frame, theme: Theme)
    /// Sleeps until input, a signal, one of `descriptors` or `timeoutMilliseconds` (never a busy
    /// loop); returns what happened, in order (nothing after a timeout).
    func wait(for descriptors: [Int32], timeoutMilliseconds: Int32) -> [TerminalEvent]
    /// Gives the terminal to another program (the user's editor) while `body` runs, then takes
    /// it back; draw a whole frame afterwards. Ctrl-Z and resizes meanwhile were the program's.
    func runOutside<T>(_ body: () -> T) -> T
}
