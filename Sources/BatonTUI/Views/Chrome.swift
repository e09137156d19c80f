import BatonCore

/// The header, message line, footer and overlays around every screen.
enum Chrome {
    /// Board name, who you are, counts and filter at the left; alerts (read-only, WIP) never pushed off.
    static func header(_ s: AppState, _ frame: inout Frame) {
        frame.fill(x: 0, y: 0, width: frame.width, height: 1, role: .header)
        var alerts: [String] = s.readOnly ? ["READ-ONLY"] : []
        if s.unreachable { alerts.insert("OFFLINE: not saving", at: 0) }
        if let running = s.standup.running {
            let speaker = running.speaker.flatMap(s.board.member)?.handle ?? "nobody yet"
            alerts.append(
                "stand-up: \(s.board.member(running.facilitator)?.handle ?? "?") facilitates, \(speaker) speaks")
        }
        for stage in s.board.stages {
            if let limit = stage.wipLimit, let open = s.board.stats[stage.id]?.open, open > limit {
                alerts.append("\(stage.name) over WIP \(open)/\(limit)")
            }
        }
        let alertText =
            alerts.isEmpty
            ? ""
            : DisplayText.truncate(
                "⚠ " + DisplayText.sanitize(alerts.joined(separator: " · ")), to: max(0, frame.width - 2))
        let room = frame.width - DisplayText.width(of: alertText) - (alerts.isEmpty ? 1 : 3)
        let who = s.actor.member.flatMap(s.board.member)?.handle ?? s.actor.account
        let open = s.board.stats.values.reduce(0) { $0 + $1.open }
        var tail = ["you: \(who)", counted(open, "item")]
        if !s.filter.isEmpty { tail.append("filter: \(s.filter.query)") }
        let tailText = DisplayText.sanitize(" · " + tail.joined(separator: " · "))
        let name = DisplayText.sanitize(s.board.name)
        var left = "baton · " + name + tailText
        if DisplayText.width(of: left) > room {
            left = DisplayText.truncate(name, to: max(4, room - DisplayText.width(of: tailText))) + tailText
        }
        var x = room > 0 ? frame.put(" " + DisplayText.truncate(left, to: room), x: 0, y: 0, role: .header) : 0
        x = online(s, x: x, limit: room + 1, &frame)
        if !alerts.isEmpty { frame.put(alertText, x: x + (x > 0 ? 2 : 0), y: 0, role: .headerAlert) }
    }

    /// The others who have the board open, each handle coloured by discipline: `· here: bo cw`.
    static func online(_ s: AppState, x: Int, limit: Int, _ frame: inout Frame) -> Int {
        var seen = Set<String>()
        let others = s.presence.filter { $0.session != s.session }.compactMap { p -> (String, StyleRole)? in
            let member = p.member.flatMap(s.board.member)
            let name = DisplayText.sanitize(member?.handle ?? p.account)
            guard seen.insert(name).inserted else { return nil }
            return (name, member?.discipline == .it ? .ownerIT : member == nil ? .header : .ownerBusiness)
        }
        guard !others.isEmpty else { return x }
        let needed = 9 + others.reduce(0) { $0 + DisplayText.width(of: $1.0) + 1 }
        guard x + needed <= limit else { return x }
        var x = x + frame.put(" · here:", x: x, y: 0, role: .header)
        for (name, role) in others {
            x += frame.put(" ", x: x, y: 0, role: .header)
            x += frame.put(name, x: x, y: 0, role: role)
        }
        return x
    }

    static func messageLine(_ s: AppState, _ frame: inout Frame) {
        guard let message = s.message else { return }
        frame.put(" " + message.text, x: 0, y: frame.height - 2, role: message.isError ? .messageError : .message)
    }

    /// The most useful keys of the current screen, from the keymap.
    static func footer(_ s: AppState, _ frame: inout Frame) {
        let y = frame.height - 1
        frame.fill(x: 0, y: y, width: frame.width, height: 1, role: .footer)
        let all = hints(s).compactMap { command in
            s.keymap.keys(for: command, in: s.keyMode).first.map { (command, $0) }
        }
        let essential = all.filter { $0.0 == .help || $0.0 == .quit }
        let reserved = essential.reduce(0) { $0 + hintWidth($1.1, $1.0) }
        var x = 1
        for (command, key) in all where !essential.contains(where: { $0.0 == command }) {
            if x + hintWidth(key, command) + reserved > frame.width { break }
            x = drawHint(key, command, x: x, y: y, &frame)
        }
        for (command, key) in essential where x + hintWidth(key, command) <= frame.width {
            x = drawHint(key, command, x: x, y: y, &frame)
        }
    }

    static func hintWidth(_ key: Key, _ command: Command) -> Int {
        DisplayText.width(of: key.label) + DisplayText.width(of: command.hint) + 3
    }

    static func drawHint(_ key: Key, _ command: Command, x: Int, y: Int, _ frame: inout Frame) -> Int {
        var x = x
        x += frame.put(key.label, x: x, y: y, role: .footerKey)
        x += frame.put(" " + command.hint + "  ", x: x, y: y, role: .footer)
        return x
    }

    static func hints(_ s: AppState) -> [Command] {
        if s.overlay != nil { return [] }
        switch s.screen {
        case .board:
            return [
                .newItem, .openDetail, .moveItemRight, .toggleBlocked, .assignOwner, .filter, .undo, .openOutcomes,
                .toggleLanes, .openFlow, .help, .quit,
            ]
        case .detail: return [.back, .editTitle, .addComment, .toggleBlocked, .assignOwner, .help, .quit]
        case .outcomes: return [.back, .recordValue, .showUnlinked, .openFlow, .openBalance, .help, .quit]
        case .flow: return [.back, .openOutcomes, .openBalance, .help, .quit]
        case .standup:
            return [
                .passBaton, .previousSpeaker, .pauseTimer, .actionItem, .toggleBlocked, .addComment, .endStandup, .back,
                .help, .quit,
            ]
        case .standupSetup: return [.toggleHere, .shuffleOrder, .longerTurns, .shorterTurns, .beginStandup, .cancel]
        case .standupSummary: return [.back, .quit]
        case .balance: return [.back, .openDetail, .assignOwner, .showUnlinked, .openFlow, .help, .quit]
        case .help: return [.back, .quit]
        case .archive: return [.back, .restoreItem, .filter, .undo, .help, .quit]
        }
    }

    /// The prompt takes the message line and the footer, with the cursor in the text.
}
