import BatonCore
import BatonTUI
import Foundation

/// Facts about the process's terminal and locale.
enum Terminal {
    /// Sets the locale from the environment; falls back to C.UTF-8 when its codeset is not UTF-8.
    static func prepareLocale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// True when standard output is a terminal.
    static var isOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// True when colour may be used on standard output.
    static var colour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isOutputTerminal && !NoColour.isRequested(in: environment) && environment["TERM"] != "dumb"
    }

    /// Columns available for output: the terminal's width, else `$COLUMNS`, else 100.
    static var width: Int {
        var size = winsize()
        if isOutputTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        return 100
    }
}

/// Checks of the raw command line.
enum Arguments {
    /// Refuses arguments that are not valid UTF-8, before Swift would silently repair them.
    static func refuseInvalidUTF8() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            if String(validating: bytes, as: UTF8.self) == nil {
                throw BatonError.usage("Argument \(index) is not valid UTF-8 text; baton accepts only UTF-8.")
            }
        }
    }
}
