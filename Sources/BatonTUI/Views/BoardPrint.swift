import BatonCore

/// The board for printing (`baton show`), drawn by the board screen's own views: the header,
/// then each group of stages that fits side by side with every one of their cards, band by band
/// so that memory stays the same whatever the board's size. No card is selected or cut in two.
public enum BoardPrint {
    /// Rows of cards drawn at a time.
    static let bandRows = 120

    /// Hands `emit` each printed row of `s` (its board, width, clock and age limits), in order,
    /// as the frame it is in and the row's number there.
    public static func rows(_ s: AppState, emit: (Frame, Int) -> Void) {
        var header = Frame(width: s.width, height: 1)
        Chrome.header(s, &header)
        emit(header, 0)
        let stages = s.board.stages
        let layout = BoardLayout(width: s.width, height: 1, stageCount: stages.count)
        for first in stride(from: 0, to: stages.count, by: layout.visibleStages) {
            let shown = Array(stages[first..<min(stages.count, first + layout.visibleStages)])
            if first > 0 { emit(Frame(width: s.width, height: 1), 0) }
            titles(shown, s, layout, emit: emit)
            cards(shown, s, layout, emit: emit)
        }
    }

    /// Each stage's title and the rule under it (rows 1 and 2 of the board screen).
    static func titles(_ shown: [Stage], _ s: AppState, _ layout: BoardLayout, emit: (Frame, Int) -> Void) {
        var frame = Frame(width: s.width, height: 3)
        for (column, stage) in shown.enumerated() {
            let x = layout.columnX(column), width = layout.width(ofColumn: column)
            let count = s.columns[stage.id]?.count ?? 0
            BoardView.title(stage, shown: count, above: 0, below: 0, selected: false, s, x: x, width: width, &frame)
            frame.put(String(repeating: "─", count: width), x: x, y: 2, role: .border)
            if column > 0 { BoardView.separator(x: x - 1, rows: 1..<3, rule: 2, &frame) }
        }
        emit(frame, 1)
        emit(frame, 2)
    }

    /// The cards of the stages side by side, a band at a time, each card whole.
    static func cards(_ shown: [Stage], _ s: AppState, _ layout: BoardLayout, emit: (Frame, Int) -> Void) {
        let columns = shown.map { s.columns[$0.id] ?? [] }
        var next = [Int](repeating: 0, count: shown.count)
        var firstBand = true
        var done = false
        while !done {
            var frame = Frame(width: s.width, height: bandRows)
            var used = 1
            for (column, numbers) in columns.enumerated() {
                let x = layout.columnX(column), width = layout.width(ofColumn: column)
                if numbers.isEmpty && firstBand { frame.put(" (empty)", x: x, y: 0, role: .dim, limit: width) }
                let drawn = BoardView.drawCards(
                    numbers, from: next[column], s, x: x, rows: 0..<bandRows, width: width, selected: nil,
                    whole: true, &frame)
                next[column] = drawn.next
                used = max(used, drawn.y)
            }
            done = zip(columns, next).allSatisfy { $1 >= $0.count }
            // The blank row after the last card of the board is not printed.
            let rows = done ? max(1, used - 1) : used
            for column in shown.indices.dropFirst() {
                BoardView.separator(x: layout.columnX(column) - 1, rows: 0..<rows, rule: nil, &frame)
            }
            for row in 0..<rows { emit(frame, row) }
            firstBand = false
        }
    }
}
