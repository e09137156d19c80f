import BatonCore

/// The header, message line, footer and overlays around every screen.
enum Chrome {
    static func header(_ s: AppState, _ frame: inout Frame) {
        frame.fill(x: 0, y: 0, width: frame.width, height: 1, role: .header)
        var parts = ["baton", s.board.name]
        if let member = s.actor.member.flatMap(s.board.member) { parts.append("you: \(member.handle)") } else { parts.append("you: \(s.actor.account)") }
        let open = s.board.stats.values.reduce(0) { $0 + $1.open }
        parts.append(counted(open, "item"))
        if !s.filter.isEmpty { parts.append("filter: \(s.filter.query)") }
        var x = frame.put(" " + parts.joined(separator: " · "), x: 0, y: 0, role: .header)
        var alerts: [String] = s.readOnly ? ["READ-ONLY"] : []
        for stage in s.board.stages {
            if let limit = stage.wipLimit, let open = s.board.stats[stage.id]?.open, open > limit { alerts.append("\(stage.name) over WIP \(open)/\(limit)") }
        }
        if !alerts.isEmpty { x += frame.put("  ⚠ " + alerts.joined(separator: " · "), x: x, y: 0, role: .headerAlert) }
    }

    static func messageLine(_ s: AppState, _ frame: inout Frame) {
        guard let message = s.message else { return }
        frame.put(" " + message.text, x: 0, y: frame.height - 2, role: message.isError ? .messageError : .message)
    }

    /// The most useful keys of the current screen, from the keymap.
    static func footer(_ s: AppState, _ frame: inout Frame) {
        let y = frame.height - 1
        frame.fill(x: 0, y: y, width: frame.width, height: 1, role: .footer)
        var x = 1
        for command in hints(s) {
            guard let key = s.keymap.keys(for: command, in: s.keyMode).first else { continue }
            let label = key.name.count == 1 ? key.name : "‹\(key.name)›"
            let needed = DisplayText.width(of: label) + DisplayText.width(of: command.hint) + 3
            if x + needed > frame.width { break }
            x += frame.put(label, x: x, y: y, role: .footerKey)
            x += frame.put(" " + command.hint + "  ", x: x, y: y, role: .footer)
        }
    }

    static func hints(_ s: AppState) -> [Command] {
        if s.overlay != nil { return [] }
        switch s.screen {
        case .board: return [.newItem, .openDetail, .moveItemRight, .toggleBlocked, .assignOwner, .filter, .undo, .openOutcomes, .help, .quit]
        case .detail: return [.back, .editTitle, .addComment, .toggleBlocked, .assignOwner, .help, .quit]
        case .outcomes: return [.back, .recordValue, .help, .quit]
        case .help: return [.back, .quit]
        }
    }

    /// The prompt takes the message line and the footer, with the cursor in the text.
    static func prompt(_ prompt: Prompt, _ frame: inout Frame) {
        if prompt.editor.multiline { return NotesEditorView.draw(prompt, &frame) }
        let y = frame.height - 2
        frame.fill(x: 0, y: y, width: frame.width, height: 2, role: .prompt)
        let label = " \(prompt.purpose.label): "
        let x = frame.put(label, x: 0, y: y, role: .label)
        let room = max(1, frame.width - x - 1)
        let before = String(prompt.editor.characters[..<prompt.editor.cursor])
        let beforeWidth = DisplayText.width(of: DisplayText.sanitize(before))
        let skip = max(0, beforeWidth - room + 1)
        let visible = DisplayText.sanitize(prompt.editor.text).droppingColumns(skip)
        frame.put(visible, x: x, y: y, role: .prompt, limit: room)
        frame.cursor = (x: min(frame.width - 1, x + beforeWidth - skip), y: y)
        frame.put(" ‹enter› save  ‹esc› cancel  ctrl-a/e/k/u/w edit", x: 0, y: y + 1, role: .footer)
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
    static func picker(_ picker: Picker, _ frame: inout Frame) {
        let visible = picker.visible
        let width = min(frame.width - 4, max(30, (picker.choices.map { DisplayText.width(of: DisplayText.sanitize($0.label)) }.max() ?? 0) + 4))
        let rows = min(max(1, visible.count), max(1, frame.height - 7))
        let x = max(1, (frame.width - width) / 2), y = max(2, (frame.height - rows - 2) / 2)
        box(x: x - 1, y: y - 1, width: width + 2, height: rows + 4, &frame)
        frame.fill(x: x, y: y, width: width, height: rows + 2, role: .prompt)
        frame.put(" Choose (type to filter): \(picker.query.text)", x: x, y: y, role: .label, limit: width)
        let first = max(0, picker.selected - rows + 1)
        for (row, choice) in visible.dropFirst(first).prefix(rows).enumerated() {
            let selected = first + row == picker.selected
            frame.fill(x: x, y: y + 1 + row, width: width, height: 1, role: selected ? .selection : .prompt)
            frame.put((selected ? " ▸ " : "   ") + choice.label, x: x, y: y + 1 + row, role: selected ? .selection : .prompt, limit: width)
        }
        if visible.isEmpty { frame.put("   nothing matches", x: x, y: y + 1, role: .dim, limit: width) }
        frame.put(" ‹enter› choose  ‹esc› cancel", x: x, y: y + rows + 1, role: .footer, limit: width)
    }
}

extension String {
    /// The string without its first `columns` columns of display width.
    func droppingColumns(_ columns: Int) -> String {
        var dropped = 0
        var index = startIndex
        while index < endIndex && dropped < columns {
            dropped += DisplayText.width(of: self[index])
            index = self.index(after: index)
        }
        return String(self[index...])
    }
}
