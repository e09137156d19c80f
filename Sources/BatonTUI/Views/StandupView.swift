import BatonCore
import Foundation

/// The stand-up screens: setup, the speaker's turn, and the summary.
enum StandupView {
    /// The setup's keys as the keymap binds them, such as `space: who is here · s: shuffle`.
    static func setupKeys(_ keymap: Keymap) -> String {
        func key(_ command: Command) -> String? { keymap.keys(for: command, in: .setup).first?.name }
        let turns = [key(.longerTurns), key(.shorterTurns)].compactMap { $0 }.joined(separator: " ")
        let choices: [(String?, String)] = [
            (key(.toggleHere), "who is here"), (key(.shuffleOrder), "shuffle"),
            (turns.isEmpty ? nil : turns, "turn length"),
            (key(.beginStandup), "start"), (key(.cancel), "cancel"),
        ]
        return choices.compactMap { key, what in key.map { "\($0): \(what)" } }.joined(separator: " · ")
    }

    static func setupLines(_ s: AppState) -> [StyledLine] {
        guard let setup = s.standup.setup else { return [] }
        var lines: [StyledLine] = [
            [("Stand-up: who is here?", .title), ("   turn \(clock(setup.turnLength))", .dim)], [],
        ]
        var place = 0
        for (index, id) in setup.order.enumerated() {
            guard let member = s.board.member(id) else { continue }
            let here = setup.present.contains(id)
            if here { place += 1 }
            let cursor = index == setup.cursor
            lines.append([
                (cursor ? "▸ " : "  ", .selection), (here ? "[x] " : "[ ] ", cursor ? .cardSelected : .label),
                (here ? "\(place). ".fit(4) : "    ", .dim),
                (
                    DisplayText.sanitize("\(member.handle)  \(member.name)"),
                    member.discipline == .it ? .ownerIT : .ownerBusiness
                ),
                (member.discipline == .it ? "  IT" : "  business", .dim),
            ])
        }
        lines += [
            [], [(setupKeys(s.keymap), .dim)],
            [("A shuffle still alternates business and IT speakers.", .dim)],
        ]
        return lines
    }

    static func turnLines(_ s: AppState) -> [StyledLine] {
        guard let running = s.standup.running else { return [[("No stand-up is running; S starts one.", .dim)]] }
        let facilitator = s.board.member(running.facilitator)?.handle ?? "?"
        var lines: [StyledLine] = []
        guard let speaker = running.speaker.flatMap(s.board.member) else {
            return [
                [("Everyone has spoken. ", .title), ("E ends the stand-up, p goes back to the last speaker.", .dim)],
                [("Facilitator: \(facilitator)", .dim)],
            ]
        }
        let number = (running.current ?? 0) + 1
        lines.append([
            ("Speaking: ", .label),
            (DisplayText.sanitize(speaker.name), speaker.discipline == .it ? .ownerIT : .ownerBusiness),
            (
                " (\(speaker.discipline == .it ? "IT" : "business"))  turn \(number) of \(running.turns.count) · facilitator \(facilitator)",
                .dim
            ),
        ])
        lines.append(timer(running, s))
        lines += [[], [("Items", .title), ("  owned, then involved; blocked first; ⌛ 5+ days in stage", .dim)]]
        let items = s.speakerItems
        if items.isEmpty { lines.append([("  none · a adds an action item", .dim)]) }
        for (index, entry) in items.enumerated() {
            let selected = index == s.standup.itemIndex
            let stage = s.board.stage(entry.item.stage)?.name ?? "?"
            var line: StyledLine = [
                (selected ? "▸ " : "  ", .selection), ("#\(entry.item.number) ", selected ? .cardSelected : .number),
                (DisplayText.truncate(DisplayText.sanitize(entry.item.title), to: max(10, s.width / 2)), .normal),
                ("  \(DisplayText.sanitize(stage))", .dim), (entry.involvement == .involved ? "  involved" : "", .dim),
            ]
            if let blocked = entry.item.blocked {
                line.append(("  ⛔ " + DisplayText.truncate(DisplayText.sanitize(blocked.reason), to: 30), .blocked))
            }
            if entry.isAged { line.append(("  ⌛", .ageOld)) }
            lines.append(line)
        }
        lines += changeLines(speaker.id, s)
        return lines
    }

    /// The turn's clock as a bar: normal, then warning near the end, then counting overtime.
    static func timer(_ running: Standup, _ s: AppState) -> StyledLine {
        let width = max(10, min(40, s.width - 30))
        let filled = Int((running.progress(at: s.now) * Double(width)).rounded())
        let phase = running.phase(at: s.now)
        let role: StyleRole = phase == .overtime ? .blocked : phase == .nearEnd ? .ageOld : .progressDone
        let elapsed = running.elapsed(at: s.now)
        let text =
            phase == .overtime
            ? "  +\(clock(running.overtime(at: s.now))) over" : "  \(clock(elapsed)) / \(clock(running.turnLength))"
        return [
            (String(repeating: "█", count: filled), role),
            (String(repeating: "░", count: width - filled), .progressTodo),
            (text, role), (running.isPaused ? "  paused (z resumes)" : "", .ageOld),
        ]
    }

    /// What changed on the speaker's items since the last stand-up.
    static func changeLines(_ speaker: MemberID, _ s: AppState) -> [StyledLine] {
        var lines: [StyledLine] = [[], [("Since the last stand-up", .title)]]
        guard let history = s.history else { return lines + [[("  reading the history…", .dim)]] }
        let changes = StandupChanges.forSpeaker(speaker, on: s.board, events: history, after: s.standup.lastEnded)
        if changes.isEmpty { lines.append([("  nothing changed on these items", .dim)]) }
        let narrator = EventNarrator(board: s.board)
        for change in changes.prefix(12) {
            for event in change.events.suffix(3) {
                lines.append([
                    ("  " + Age.short(since: event.at, now: s.now).fit(5), .dim),
                    (
                        DisplayText.truncate(DisplayText.sanitize(narrator.sentence(event)), to: max(10, s.width - 10)),
                        .normal
                    ),
                ])
            }
        }
        return lines
    }

    static func summaryLines(_ s: AppState) -> [StyledLine] {
        guard let record = s.standup.summary, let summary = record.summary else { return [[("No summary.", .dim)]] }
        let name = { (id: MemberID?) in id.flatMap { s.board.member($0)?.handle } ?? "someone" }
        var lines: [StyledLine] = [
            [
                ("Stand-up summary", .title),
                ("  \(clock(summary.duration)) in all, turns of \(clock(summary.turnLength))", .dim),
            ], [],
        ]
        lines.append([("Time per speaker", .label)])
        for speaker in summary.speakers {
            lines.append([
                ("  " + name(speaker.member).fit(6), .normal), (clock(speaker.spoken), .normal),
                (speaker.overtime > 0 ? "  +\(clock(speaker.overtime)) over" : "", .ageOld),
                (speaker.spoke ? "" : "  did not speak", .dim),
            ])
        }
        let sections: [(String, [String])] = [
            ("Blockers raised", summary.blockersRaised.map { "#\($0.item) \($0.title): \($0.reason)" }),
            ("Blockers cleared", summary.blockersCleared.map { "#\($0.item) \($0.title)" }),
            ("Items moved", summary.itemsMoved.map { "#\($0.item) \($0.title): \($0.from) → \($0.to)" }),
            ("Action items", summary.actionItems.map { "#\($0.item) \($0.title) (\(name($0.owner)))" }),
        ]
        for (title, entries) in sections {
            lines += [[], [(title, .label), ("  \(entries.count)", .dim)]]
            lines += entries.map { [("  " + DisplayText.sanitize($0), .normal)] }
        }
        lines += [
            [],
            [("`baton standup show last --format markdown` prints this for a chat or a wiki · Esc goes back", .dim)],
        ]
        return lines
    }

    /// Keeps the selected item on screen.
    static func scroll(_ s: AppState) -> Int {
        max(0, 4 + s.standup.itemIndex + 2 - max(1, s.height - 3))
    }

    /// `1:30`.
    static func clock(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.down))
        return "\(total / 60):" + String(total % 60).leftPadded(2)
    }
}
