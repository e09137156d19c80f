import BatonCore
import Foundation

/// The board: stages side by side, each scrolling on its own; only visible cards are laid out.
enum BoardView {
    static func draw(_ s: AppState, _ layout: BoardLayout, _ frame: inout Frame) {
        let stages = s.board.stages.dropFirst(s.firstStage).prefix(layout.visibleStages)
        if s.lanes != .none { LaneView.draw(s, layout, &frame) }
        for (column, stage) in stages.enumerated() {
            let x = layout.columnX(column)
            if s.lanes == .none {
                drawStage(stage, s, layout, x: x, width: layout.width(ofColumn: column), &frame)
            } else {
                let numbers = s.columns[stage.id] ?? []
                title(
                    stage, shown: numbers.count, above: 0, below: 0, selected: s.currentStage?.id == stage.id, s,
                    x: x, width: layout.width(ofColumn: column), &frame)
                frame.put(String(repeating: "─", count: layout.width(ofColumn: column)), x: x, y: 2, role: .border)
            }
            if column > 0 { separator(x: x - 1, rows: 1..<(layout.bodyTop + layout.bodyHeight), rule: 2, &frame) }
        }
        if s.firstStage > 0 { frame.put("◀", x: 0, y: 1, role: .stageOverLimit) }
        if s.firstStage + layout.visibleStages < s.board.stages.count {
            frame.put("▶", x: frame.width - 1, y: 1, role: .stageOverLimit)
        }
    }

    static func drawStage(
        _ stage: Stage, _ s: AppState, _ layout: BoardLayout, x: Int, width: Int, _ frame: inout Frame
    ) {
        let numbers = s.columns[stage.id] ?? []
        let selectedStage = s.currentStage?.id == stage.id
        frame.put(String(repeating: "─", count: width), x: x, y: 2, role: .border)
        var below = 0
        let first = numbers.isEmpty ? 0 : min(s.firstRow[stage.id] ?? 0, numbers.count - 1)
        if numbers.isEmpty {
            frame.put(
                s.filter.isEmpty ? " (empty)" : " (none match)", x: x, y: layout.bodyTop, role: .dim, limit: width)
        } else {
            let drawn = drawCards(
                numbers, from: first, s, x: x, rows: layout.bodyTop..<(layout.bodyTop + layout.bodyHeight),
                width: width, selected: selectedStage ? s.currentItem?.number : nil, &frame)
            below = numbers.count - drawn.next
        }
        title(
            stage, shown: numbers.count, above: first, below: below, selected: selectedStage, s, x: x, width: width,
            &frame)
    }

    /// Draws the cards `numbers[first...]` of a column in `rows`, and returns the index of the first
    /// card not drawn and the row after the last one. The last card is cut at the bottom, or with
    /// `whole` left for the next band (printing).
    static func drawCards(
        _ numbers: [ItemNumber], from first: Int, _ s: AppState, x: Int, rows: Range<Int>, width: Int,
        selected: ItemNumber?, whole: Bool = false, _ frame: inout Frame
    ) -> (next: Int, y: Int) {
        var y = rows.lowerBound
        var index = first
        while index < numbers.count && y < rows.upperBound {
            guard let item = s.board.items[numbers[index]] else {
                index += 1
                continue
            }
            let layout = CardLayout(item: item, width: width - 1)
            if whole && y + layout.height > rows.upperBound && y > rows.lowerBound { break }
            y += CardView.draw(
                item, layout, s, x: x, y: y, width: width - 1, bottom: rows.upperBound,
                selected: item.number == selected, &frame)
            index += 1
        }
        return (index, y)
    }

    /// The line between two columns, crossing the rule under the titles at row `rule`.
    static func separator(x: Int, rows: Range<Int>, rule: Int?, _ frame: inout Frame) {
        for y in rows where frame[x, y].text == " " { frame.put(y == rule ? "┼" : "│", x: x, y: y, role: .border) }
    }

    /// `Doing 4/5 !  ↑2 ↓3`: the name is cut before the count, the limit or the scroll marks are.
    static func title(
        _ stage: Stage, shown: Int, above: Int, below: Int, selected: Bool, _ s: AppState,
        x: Int, width: Int, _ frame: inout Frame
    ) {
        let open = s.board.stats[stage.id]?.open ?? 0
        let over = stage.wipLimit.map { open > $0 } ?? false
        let role: StyleRole = over ? .stageOverLimit : selected ? .stageTitleSelected : .stageTitle
        var tail =
            " " + (shown == open ? "\(open)" : "\(shown) of \(open)") + (stage.wipLimit.map { "/\($0)" } ?? "")
            + (over ? " !" : "")
        if above > 0 { tail += " ↑\(above)" }
        if below > 0 { tail += " ↓\(below)" }
        let name = DisplayText.truncate(
            DisplayText.sanitize(stage.name), to: max(1, width - 1 - DisplayText.width(of: tail)))
        frame.fill(x: x, y: 1, width: width, height: 1, role: role)
        frame.put(" " + name + tail, x: x, y: 1, role: role, limit: width)
    }
}

/// One card: title (up to two lines), people and badges, the blocked reason.
enum CardView {
    /// Draws the card and returns the rows it used.
    static func draw(
        _ item: Item, _ layout: CardLayout, _ s: AppState, x: Int, y: Int, width: Int, bottom: Int, selected: Bool,
        _ frame: inout Frame
    ) -> Int {
        var row = y
        for line in layout.title where row < bottom {
            frame.put(line, x: x + 1, y: row, role: item.expedite ? .cardExpedite : .card, limit: width - 1)
            row += 1
        }
        let number = (item.expedite ? "⚡" : "") + "#\(item.number)"
        frame.paint(
            x: x + 1, y: y, width: DisplayText.width(of: number), height: 1, role: selected ? .cardSelected : .number)
        if row < bottom {
            meta(item, s, x: x + 1, y: row, width: width - 1, &frame)
            row += 1
        }
        if let blocked = item.blocked, row < bottom {
            frame.put(
                DisplayText.truncate("⛔ " + DisplayText.sanitize(blocked.reason), to: width - 1), x: x + 1, y: row,
                role: .blocked)
            row += 1
        }
        if selected { for line in y..<row { frame.put("▌", x: x, y: line, role: .cardSelected) } }
        return layout.height
    }

    /// Kind, owners, involved members, outcome, due date, pairing gap, and the age at the right.
    static func meta(_ item: Item, _ s: AppState, x: Int, y: Int, width: Int, _ frame: inout Frame) {
        let segments = metaSegments(item, s)
        let age = Age.short(since: item.stageSince, now: s.now)
        let overAge =
            s.board.stage(item.stage).map { Flow.isOverAge(item, in: $0, now: s.now, limits: s.ageLimits) } ?? false
        let ageRole: StyleRole = overAge ? .ageOld : .age
        var room = max(0, width - DisplayText.width(of: age) - 1)
        var kept = Set<Int>()
        for index in segments.indices.sorted(by: { segments[$0].priority < segments[$1].priority }) {
            let needed = DisplayText.width(of: segments[index].text) + 1
            if needed <= room + 1 {
                kept.insert(index)
                room -= needed
            }
        }
        var column = x
        for (index, segment) in segments.enumerated() where kept.contains(index) {
            column += frame.put(segment.text, x: column, y: y, role: segment.role) + 1
        }
        frame.put(age, x: x + width - DisplayText.width(of: age), y: y, role: ageRole)
    }

    /// The badges of a card in display order, with a priority for when they do not all fit (lower first).
    static func metaSegments(_ item: Item, _ s: AppState) -> [(text: String, role: StyleRole, priority: Int)] {
        let board = s.board
        var segments: [(text: String, role: StyleRole, priority: Int)] = []
        if item.kind != .work { segments.append((String(item.kind.rawValue.prefix(3)), .badge, 4)) }
        for id in item.owners {
            if let m = board.member(id) {
                segments.append((DisplayText.sanitize(m.handle), m.discipline == .it ? .ownerIT : .ownerBusiness, 1))
            }
        }
        for id in item.involved {
            if let m = board.member(id) {
                segments.append(
                    ("(\(DisplayText.sanitize(m.handle)))", m.discipline == .it ? .involvedIT : .involvedBusiness, 5))
            }
        }
        if let outcome = item.outcome { segments.append(("→\(outcome)", .outcome, 6)) }
        if let due = item.due {
            let overdue = due < Day(s.now, in: s.timeZone)
            segments.append(
                ("due \(String(due.description.dropFirst(5)))", overdue ? .blocked : .badge, overdue ? 0 : 3))
        }
        if board.hasPairingGap(item) { segments.append(("◐pair", .pairingGap, 2)) }
        if s.standup.markChanged && s.standup.changedItems.contains(item.number) {
            segments.insert(("Δ", .cardExpedite, 0), at: 0)
        }
        for other in s.presence
        where other.session != s.session && (other.focus == item.number || other.editing == item.number) {
            let name = DisplayText.sanitize(other.member.flatMap(board.member)?.handle ?? other.account)
            segments.insert((other.editing == item.number ? "✎" + name : "◉" + name, .label, 0), at: 0)
        }
        return segments
    }
}
