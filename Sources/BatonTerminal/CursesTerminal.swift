import BatonApp
import BatonTUI
import Glibc

/// The real terminal for the loop: curses for drawing and keys, `poll` for waiting, and the
/// process signals (a resize, Ctrl-Z and `fg`, and the signals that end the program).
public final class CursesTerminal: TerminalBackend {
    private let screen = Screen()
    private var input = InputDecoder()
    private let loop = EventLoop()

    public init() {}

    public func start(mouse: Bool) throws {
        Signals.installHandlers()
        try screen.start()
        input.keyCodes = .current()
        if mouse { screen.enableMouse() }
    }

    public func stop() { screen.stop() }
    public var colours: Int { screen.colours }
    public var size: (width: Int, height: Int) { screen.size }
    public func draw(_ frame: Frame, theme: Theme) { screen.draw(frame, theme: theme) }

    public func runOutside<T>(_ body: () -> T) -> T {
        screen.stepAside(body)
    }

    public func wait(for descriptors: [Int32], timeoutMilliseconds: Int32) -> [TerminalEvent] {
        let wakeup = loop.wait(fds: descriptors, timeoutMilliseconds: timeoutMilliseconds)
        var events = signalEvents()
        if events.last.map(Self.ends) == true { return events }
        guard case .ready(let inputReady, let fds) = wakeup else { return events }
        if inputReady {
            for event in input.read(from: screen, inputReady: true) {
                switch event {
                case .key(let key): events.append(.key(key))
                case .resize: events.append(resized())
                case .endOfInput: return events + [.endOfInput]
                }
            }
        }
        return events + fds.map(TerminalEvent.ready)
    }

    /// The pending signals as events: a new size after a resize, a suspend or a resume; a stop
    /// for any other (then nothing after it).
    private func signalEvents() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        for signal in Signals.take() {
            switch signal {
            case SIGWINCH:
                screen.refreshSize()
                events.append(resized())
            case SIGTSTP:
                screen.suspend()
                events.append(resized())
            case SIGCONT:
                screen.resume()
                events.append(resized())
            default: return events + [.stop(signal: signal)]
            }
        }
        return events
    }

    private func resized() -> TerminalEvent {
        let size = screen.size
        return .resized(width: size.width, height: size.height)
    }

    private static func ends(_ event: TerminalEvent) -> Bool {
        if case .stop = event { return true }
        return false
    }
}
