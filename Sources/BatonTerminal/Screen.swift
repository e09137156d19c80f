import BatonTUI
import CNcursesw
import Glibc

/// Why the screen could not start.
public enum ScreenError: Error, Equatable, Sendable {
    /// Curses could not use the terminal named by `TERM` (the associated value): unknown, or unset.
    case unusableTerminal(String)
    /// The terminal named by `TERM` (the associated value) cannot move the cursor, such as `dumb`.
    case noCursorAddressing(String)
}

/// The terminal as curses drives it: start and stop, suspend and resume, size, drawing.
///
/// The only type that writes to the terminal. Use it from the main thread only. Call
/// `Signals.installHandlers()` and `setlocale` before `start()`.
public final class Screen {
    /// The standard window of the screen, nil unless started.
    var window: UnsafeMutablePointer<WINDOW>?
    /// True between `start()` and `stop()`.
    public private(set) var isRunning = false
    /// Colours in use: 256, 8, or 0 (monochrome; also when `NO_COLOR` is set).
    public private(set) var colours = 0
    var usesDefaultColours = false
    var pairs = ColourPairs(limit: 0)
    var styles: [StyleRole: CellStyle] = [:]
    var stylesTheme: Theme?
    var previous: Frame?
    var cursorShown: Bool?
    var wideBuffer = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)

    /// A screen that is not started yet.
    public init() {}

    /// Takes over the terminal: curses mode, no echo, keys decoded, no delay on input, a short
    /// escape delay, hidden cursor, colours if any, bracketed paste (unless `TERM` is dumb).
    /// Throws `ScreenError` for a terminal curses does not know or that cannot move the cursor,
    /// leaving it as it was.
    public func start() throws {
        guard !isRunning else { return }
        guard let screen = baton_newterm(), let window = baton_stdscr() else {
            throw ScreenError.unusableTerminal(Self.environment("TERM") ?? "")
        }
        guard baton_can_address_cursor() != 0 else {
            _ = endwin()
            delscreen(screen)
            throw ScreenError.noCursorAddressing(Self.environment("TERM") ?? "")
        }
        self.window = window
        sendFramesWhole()
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        disableFlowControl()
        _ = keypad(window, true)
        _ = set_escdelay(25)
        _ = nodelay(window, true)
        // The loop reads every pending key before it draws, so curses need not look for keys
        // between lines while it draws (a poll every few lines).
        _ = typeahead(-1)
        _ = curs_set(0)
        cursorShown = false
        colours = startColours()
        pairs = ColourPairs(limit: colours > 0 ? Int(baton_color_pairs()) : 0)
        isRunning = true
        setBracketedPaste(true)
    }

    /// ncurses 6.4 writes to the terminal after every cursor move, one write per line drawn, until
    /// the screen has been suspended once; leaving and resuming it before the first frame makes
    /// each frame one write (the terminal gets it whole, and each write costs a wake-up of the
    /// program reading it).
    private func sendFramesWhole() {
        _ = endwin()
        _ = doupdate()
    }

    /// Reports left clicks as input when the terminal has a mouse; returns whether it does.
    @discardableResult
    public func enableMouse() -> Bool {
        guard isRunning, mousemask(baton_mouse_mask(), nil) != 0 else { return false }
        _ = mouseinterval(0)
        return true
    }

    /// Gives the terminal back as it was. Safe to call twice, or without `start()`.
    public func stop() {
        guard isRunning else { return }
        setBracketedPaste(false)
        _ = endwin()
        isRunning = false
    }

    /// Ctrl-Z: restores the terminal, stops the process, and once it is continued (`fg`)
    /// takes the terminal back and schedules a full redraw. Returns after the continue.
    public func suspend() {
        guard isRunning else { return Signals.stopProcess() }
        awayFromCurses { Signals.stopProcess() }
    }

    /// Gives the terminal back as it was while `body` runs another program on it, then takes
    /// it back and repaints (`Signals.handingOver` says what the keys that send signals do meanwhile).
    public func stepAside<T>(_ body: () -> T) -> T {
        guard isRunning else { return body() }
        return awayFromCurses { Signals.handingOver(body) }
    }

    /// The terminal restored as it was while `body` runs, then taken back and repainted.
    private func awayFromCurses<T>(_ body: () -> T) -> T {
        setBracketedPaste(false)
        _ = endwin()
        defer { resume() }
        return body()
    }

    /// Takes the terminal back after the process was stopped and continued (`SIGCONT`):
    /// re-reads the size and repaints the whole screen. Draw a frame afterwards.
    public func resume() {
        guard isRunning, let window else { return }
        setBracketedPaste(true)
        refreshSize()
        _ = clearok(window, true)
        _ = wrefresh(window)
    }

    /// Adopts the terminal's current size (call on `SIGWINCH` or `.resize`); returns it.
    @discardableResult
    public func refreshSize() -> (width: Int, height: Int) {
        guard isRunning else { return size }
        var size = winsize()
        let ok = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 || ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0
        let rows = Int32(size.ws_row), columns = Int32(size.ws_col)
        if ok, rows > 0, columns > 0, is_term_resized(rows, columns) {
            _ = resizeterm(rows, columns)
        }
        previous = nil
        return self.size
    }

    /// The window's size in cells (0 × 0 when not started).
    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Turns off XON/XOFF so Ctrl-S and Ctrl-Q reach the app instead of freezing the terminal;
    /// `endwin` restores the original settings, and curses re-applies these on resume.
    private func disableFlowControl() {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 else { return }
        _ = def_prog_mode()
    }

    /// Starts colours when the terminal has them and `NO_COLOR` is unset; returns 256, 8 or 0.
    private func startColours() -> Int {
        if NoColour.isRequested(in: ["NO_COLOR": Self.environment("NO_COLOR") ?? ""]) { return 0 }
        guard has_colors() else { return 0 }
        _ = start_color()
        usesDefaultColours = use_default_colors() == OK
        let count = baton_colors()
        return count >= 256 ? 256 : count >= 8 ? 8 : 0
    }

    /// Switches bracketed paste mode on or off, unless the terminal is dumb.
    private func setBracketedPaste(_ on: Bool) {
        guard let term = Self.environment("TERM"), !term.isEmpty, term != "dumb" else { return }
        let sequence = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        var bytes = Array(sequence.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
