import BatonCore

/// Draws the state: `render(state)` is a pure function from state to frame.
public enum View {
    public static func render(_ s: AppState) -> Frame {
        var frame = Frame(width: s.width, height: s.height)
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        if layout.isTooSmall {
            drawTooSmall(&frame)
            return frame
        }
        Chrome.header(s, &frame)
        switch s.screen {
        case .board: BoardView.draw(s, layout, &frame)
        case .detail(let number): TextScreen.draw(DetailView.lines(number, s), scroll: s.scroll, &frame)
        case .outcomes: TextScreen.draw(OutcomesView.lines(s), scroll: OutcomesView.scroll(s), &frame)
        case .help: TextScreen.draw(HelpView.lines(s), scroll: s.scroll, &frame)
        case .flow: TextScreen.draw(FlowView.lines(s), scroll: s.scroll, &frame)
        case .balance: TextScreen.draw(BalanceView.lines(s), scroll: BalanceView.scroll(s), &frame)
        case .archive: TextScreen.draw(ArchiveView.lines(s), scroll: 0, &frame)
        case .standupSetup: TextScreen.draw(StandupView.setupLines(s), scroll: 0, &frame)
        case .standup: TextScreen.draw(StandupView.turnLines(s), scroll: StandupView.scroll(s), &frame)
        case .standupSummary: TextScreen.draw(StandupView.summaryLines(s), scroll: s.scroll, &frame)
        }
        Chrome.messageLine(s, &frame)
        Chrome.footer(s, &frame)
        switch s.overlay {
        case .prompt(let prompt): Overlays.prompt(prompt, s, &frame)
        case .picker(let picker): Overlays.picker(picker, keymap: s.keymap, &frame)
        case .conflict(let conflict): Overlays.conflict(conflict, s, &frame)
        case nil: break
        }
        return frame
    }

    /// A notice that fits any size down to 1×1.
    static func drawTooSmall(_ frame: inout Frame) {
        let words = ["Terminal", "too small:", "need \(BoardLayout.minWidth)×\(BoardLayout.minHeight)"]
        let lines = frame.width >= 30 ? [words.joined(separator: " ")] : words
        let top = max(0, (frame.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (frame.width - DisplayText.width(of: line)) / 2)
            frame.put(line, x: x, y: top + offset, role: .messageError)
        }
    }
}

/// One line of a scrolling text screen: segments of text, each with its role.
public typealias StyledLine = [(text: String, role: StyleRole)]

/// Draws scrolling text screens (detail, outcomes, help) between the header and the message line.
enum TextScreen {
    static func draw(_ lines: [StyledLine], scroll: Int, _ frame: inout Frame) {
        let rows = max(0, frame.height - 3)
        frame.scrollLimit = max(0, lines.count - rows)
        let first = min(max(0, scroll), frame.scrollLimit ?? 0)
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            var x = 1
            for segment in line {
                x += frame.put(segment.text, x: x, y: row + 1, role: segment.role, limit: max(0, frame.width - 1 - x))
            }
        }
        if first + rows < lines.count {
            frame.fill(x: max(0, frame.width - 9), y: rows, width: 9, height: 1, role: .normal)
            frame.put(" ↓ more", x: max(0, frame.width - 8), y: rows, role: .dim)
        }
    }
}
