/// A row of a frame as a line of text for a file, a pipe or a terminal: plain, or with ANSI
/// colour sequences from a theme. The frame's text is already sanitised.
public enum FrameText {
    /// Row `y` of `frame`; with `theme`, each run of one role is wrapped in its SGR sequence.
    /// Trailing blanks that show nothing are left out.
    public static func line(_ frame: Frame, row y: Int, theme: Theme? = nil) -> String {
        var end = frame.width
        while end > 0, frame[end - 1, y].text == " ", !shows(frame[end - 1, y].role, theme) { end -= 1 }
        var text = ""
        var current: StyleRole?
        for x in 0..<end {
            let cell = frame[x, y]
            if let theme, cell.role != current {
                text += sgr(theme.style(cell.role))
                current = cell.role
            }
            text += cell.text
        }
        if theme != nil, current != nil { text += "\u{1B}[0m" }
        return text
    }

    /// Whether a blank cell of `role` is visible (a background, or reversed).
    static func shows(_ role: StyleRole, _ theme: Theme?) -> Bool {
        guard let style = theme?.style(role) else { return false }
        return style.background != .terminalDefault || style.reverse
    }

    /// The select-graphic-rendition sequence that gives `style` (starting from the defaults).
    static func sgr(_ style: ThemeStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.italic { codes.append("3") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if case .index(let n) = style.foreground { codes.append(n < 8 ? "\(30 + n)" : "38;5;\(n)") }
        if case .index(let n) = style.background { codes.append(n < 8 ? "\(40 + n)" : "48;5;\(n)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
