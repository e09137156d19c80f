import BatonCore

/// Every command with its keys and help text, generated from the command table and the keymap.
enum HelpView {
    static func lines(_ s: AppState) -> [StyledLine] {
        var lines: [StyledLine] = [[("Keys", .title), ("  (change them in ~/.config/baton/keys: bind MODE KEY COMMAND)", .dim)]]
        for group in Command.Group.allCases {
            lines += [[], [(group.rawValue, .label)]]
            for command in Command.allCases where command.group == group {
                let modes = KeyMode.allCases.filter { !s.keymap.keys(for: command, in: $0).isEmpty }
                guard let mode = modes.first else { continue }
                let keys = s.keymap.keys(for: command, in: mode).map(\.name).joined(separator: " ")
                lines.append([("  " + keys.padding(toLength: 22, withPad: " ", startingAt: 0), .footerKey),
                              (command.help, .normal), ("  " + command.rawValue, .dim)])
            }
        }
        lines += [[], [("In prompts", .label)],
                  [("  enter / esc".padding(toLength: 24, withPad: " ", startingAt: 0), .footerKey), ("save / cancel (notes: ctrl-d saves)", .normal)],
                  [("  ctrl-a ctrl-e".padding(toLength: 24, withPad: " ", startingAt: 0), .footerKey), ("start / end of line; home and end too", .normal)],
                  [("  ctrl-k ctrl-u ctrl-w".padding(toLength: 24, withPad: " ", startingAt: 0), .footerKey), ("delete to end / to start / the word before", .normal)],
                  [("  alt-b alt-f".padding(toLength: 24, withPad: " ", startingAt: 0), .footerKey), ("word left / right", .normal)]]
        return lines
    }
}

/// The multi-line notes editor: takes the whole body of the screen.
enum NotesEditorView {
    static func draw(_ prompt: Prompt, _ frame: inout Frame) {
        let top = 1, bottom = frame.height - 1
        frame.fill(x: 0, y: top, width: frame.width, height: bottom - top + 1, role: .prompt)
        frame.put(" \(prompt.purpose.label)", x: 0, y: top, role: .label)
        let text = prompt.editor.characters
        let lines = String(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cursorLine = text[..<prompt.editor.cursor].filter { $0 == "\n" }.count
        let rows = max(1, bottom - top - 1)
        let first = max(0, cursorLine - rows + 1)
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            frame.put(line.replacingOccurrences(of: "\t", with: "    "), x: 1, y: top + 1 + row, role: .prompt, limit: frame.width - 2)
        }
        let lineStart = text[..<prompt.editor.cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let column = DisplayText.width(of: DisplayText.sanitize(String(text[lineStart..<prompt.editor.cursor]).replacingOccurrences(of: "\t", with: "    ")))
        frame.cursor = (x: min(frame.width - 1, 1 + column), y: top + 1 + cursorLine - first)
        frame.put(" ‹ctrl-d› save  ‹esc› cancel", x: 0, y: bottom, role: .footer)
    }
}
