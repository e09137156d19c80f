import CNcursesw
import Glibc

extension InputDecoder {
    /// At most this many values are read per call, so a huge paste cannot starve drawing.
    static let readLimit = 1 << 16

    /// Reads everything pending from the screen's input (curses no-delay mode) and decodes it.
    ///
    /// `inputReady`: `EventLoop` reported the input descriptor readable. If it is readable
    /// but holds no bytes (EOF or hang-up), or reading fails with EIO, the result ends with
    /// `.endOfInput`. Call it also after other wake-ups: curses may hold a `KEY_RESIZE`.
    public mutating func read(from screen: Screen, inputReady: Bool) -> [InputEvent] {
        guard let window = screen.window else { return inputReady ? [.endOfInput] : [] }
        var atEnd = inputReady && Self.bytesAvailable(STDIN_FILENO) <= 0
        var raw: [RawInput] = []
        var events: [InputEvent] = []
        var value: wint_t = 0
        while raw.count < Self.readLimit {
            errno = 0
            let status = wget_wch(window, &value)
            if status == ERR {
                if errno == EIO { atEnd = true }
                break
            }
            if status == KEY_CODE_YES && Int32(value) == baton_key_mouse() {
                events += decode(raw) + Self.click()
                raw = []
                continue
            }
            raw.append(RawInput(isKeyCode: status == KEY_CODE_YES, code: value))
        }
        events += decode(raw)
        if atEnd { events.append(.endOfInput) }
        return events
    }

    /// The pending mouse event as a click, if it is a left-button press.
    static func click() -> [InputEvent] {
        var event = MEVENT()
        guard getmouse(&event) == OK, baton_is_left_press(&event) != 0 else { return [] }
        return [.key(.click(x: Int(event.x), y: Int(event.y)))]
    }

    /// Bytes waiting on `fd` (`FIONREAD`); -1 if it cannot tell (closed or broken descriptor).
    static func bytesAvailable(_ fd: Int32) -> Int {
        var count: Int32 = 0
        guard ioctl(fd, UInt(FIONREAD), &count) == 0 else { return -1 }
        return Int(count)
    }
}
