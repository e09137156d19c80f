import BatonCore

/// Prompts and pickers, drawn over the current screen.
enum Overlays {
    /// The prompt takes the message line and the footer; an error replaces the hint under it.
    static func prompt(_ prompt: Prompt, _ s: AppState, _ frame: inout Frame) {
        if prompt.editor.multiline { return NotesEditorView.draw(prompt, s, &frame) }
        let y = frame.height - 2
        frame.fill(x: 0, y: y, width: frame.width, height: 2, role: .prompt)
        let label =
            " "
            + DisplayText.truncate(
                DisplayText.sanitize(prompt.purpose.label(on: s.board)), to: max(1, frame.width / 2 - 3)) + ": "
        let x = frame.put(label, x: 0, y: y, role: .label)
        let room = max(1, frame.width - x - 1)
        let characters = prompt.editor.characters.map { DisplayText.sanitize(String($0)) }
        var first = 0
        var before = characters[..<prompt.editor.cursor].reduce(0) { $0 + DisplayText.width(of: $1) }
        while before > room - 1 && first < prompt.editor.cursor {
            before -= DisplayText.width(of: characters[first])
            first += 1
        }
        frame.put(characters[first...].joined(), x: x, y: y, role: .prompt, limit: room)
        frame.cursor = (x: min(frame.width - 1, x + before), y: y)
        hintOrMessage(prompt, s, y: y + 1, &frame)
    }

    /// Under a prompt: the message if there is one (an error, a restored draft), else what to type.
    static func hintOrMessage(_ prompt: Prompt, _ s: AppState, y: Int, _ frame: inout Frame) {
        if let message = s.message {
            frame.put(" " + message.text, x: 0, y: y, role: message.isError ? .messageError : .message)
        } else {
            frame.put(" " + prompt.purpose.hint(s.keymap), x: 0, y: y, role: .footer)
        }
    }

    /// Both versions of the edited text and the four ways out.
    static func conflict(_ conflict: Conflict, _ s: AppState, _ frame: inout Frame) {
        let width = max(10, min(frame.width - 4, 76))
        let x = max(1, (frame.width - width) / 2)
        let part = max(1, (frame.height - 9) / 2)
        let theirs = DisplayText.wrap(DisplayText.sanitize(conflict.theirs), to: width - 4).prefix(part)
        let mine = DisplayText.wrap(DisplayText.sanitize(conflict.mine), to: width - 4).prefix(part)
        var lines: [(String, StyleRole)] = [
            (" \(conflict.purpose.label(on: s.board)) was changed by \(conflict.by) while you edited it", .label)
        ]
        lines += [(" Theirs:", .dim)] + theirs.map { ("   " + $0, .normal) }
        lines += [(" Yours:", .dim)] + mine.map { ("   " + $0, .prompt) }
        let choices: [(Command, String)] = [
            (.keepMine, "keep mine"), (.keepTheirs, "keep theirs"), (.keepBoth, "keep both"),
            (.editAgain, "edit again"),
        ]
        lines.append((" " + s.keymap.labelled(choices, in: .conflict).joined(separator: "   "), .footerKey))
        let y = max(1, (frame.height - lines.count) / 2)
        box(x: x - 1, y: y - 1, width: width + 2, height: lines.count + 2, &frame)
        frame.fill(x: x, y: y, width: width, height: lines.count, role: .prompt)
        for (row, line) in lines.enumerated() {
            frame.put(DisplayText.truncate(line.0, to: width), x: x, y: y + row, role: line.1)
        }
    }

    /// A frame of box-drawing lines around a rectangle.
    static func box(x: Int, y: Int, width: Int, height: Int, _ frame: inout Frame) {
        let inner = String(repeating: "─", count: max(0, width - 2))
        frame.put("┌" + inner + "┐", x: x, y: y, role: .border)
        frame.put("└" + inner + "┘", x: x, y: y + height - 1, role: .border)
        for row in (y + 1)..<max(y + 1, y + height - 1) {
            frame.put("│", x: x, y: row, role: .border)
            frame.put("│", x: x + width - 1, y: row, role: .border)
        }
    }

    /// A box in the middle listing the choices, filtered by what was typed.
    static func picker(_ picker: Picker, keymap: Keymap, _ frame: inout Frame) {
        let visible = picker.visible
        let header = " \(picker.purpose.title) (type to filter): \(DisplayText.sanitize(picker.query.text)) "
        let widest = max(
            DisplayText.width(of: header),
            (picker.choices.map { DisplayText.width(of: DisplayText.sanitize($0.label)) }.max() ?? 0) + 4)
        let width = min(frame.width - 4, max(30, widest))
        let rows = min(max(1, visible.count), max(1, frame.height - 7))
        let x = max(1, (frame.width - width) / 2), y = max(2, (frame.height - rows - 2) / 2)
        box(x: x - 1, y: y - 1, width: width + 2, height: rows + 4, &frame)
        frame.fill(x: x, y: y, width: width, height: rows + 2, role: .prompt)
        frame.put(DisplayText.truncate(header, to: width), x: x, y: y, role: .label)
        let first = max(0, picker.selected - rows + 1)
        for (row, choice) in visible.dropFirst(first).prefix(rows).enumerated() {
            let selected = first + row == picker.selected
            frame.fill(x: x, y: y + 1 + row, width: width, height: 1, role: selected ? .selection : .prompt)
            frame.put(
                (selected ? " ▸ " : "   ") + choice.label, x: x, y: y + 1 + row, role: selected ? .selection : .prompt,
                limit: width)
        }
        if visible.isEmpty { frame.put("   nothing matches", x: x, y: y + 1, role: .dim, limit: width) }
        let keys = keymap.footerHints([(.submit, "choose"), (.cancel, "cancel")], in: .picker)
        frame.put(" " + keys, x: x, y: y + rows + 1, role: .footer, limit: width)
    }
}

/// The multi-line notes editor: takes the whole body of the screen.
enum NotesEditorView {
    static func draw(_ prompt: Prompt, _ s: AppState, _ frame: inout Frame) {
        let top = 1, bottom = frame.height - 1
        frame.fill(x: 0, y: top, width: frame.width, height: bottom - top + 1, role: .prompt)
        frame.put(" \(prompt.purpose.label(on: s.board))", x: 0, y: top, role: .label)
        let text = prompt.editor.characters
        let lines = String(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cursorLine = text[..<prompt.editor.cursor].filter { $0 == "\n" }.count
        let rows = max(1, bottom - top - 1)
        let first = max(0, cursorLine - rows + 1)
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            frame.put(
                line.replacingOccurrences(of: "\t", with: "    "), x: 1, y: top + 1 + row, role: .prompt,
                limit: frame.width - 2)
        }
        let lineStart = text[..<prompt.editor.cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let column = DisplayText.width(
            of: DisplayText.sanitize(
                String(text[lineStart..<prompt.editor.cursor]).replacingOccurrences(of: "\t", with: "    ")))
        frame.cursor = (x: min(frame.width - 1, 1 + column), y: top + 1 + cursorLine - first)
        Overlays.hintOrMessage(prompt, s, y: bottom, &frame)
    }
}
