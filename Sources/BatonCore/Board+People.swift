/// The rules a member must meet.
enum MemberRules {
    static func validate(_ member: Member, among others: [Member]) throws {
        _ = try TextRules.line(member.name, "member name", limit: TextRules.maxName)
        guard (2...3).contains(member.handle.count),
            member.handle.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        else {
            throw BatonError.data(
                "The handle '\(DisplayText.sanitize(member.handle))' is not 2 or 3 letters or digits; choose one like 'ana' or 'JB'."
            )
        }
        if let clash = others.first(where: {
            $0.id != member.id && $0.handle.lowercased() == member.handle.lowercased()
        }) {
            throw BatonError.data("The handle '\(member.handle)' is already used by \(clash.name); choose another.")
        }
        if let login = member.login {
            guard !login.isEmpty, login.count <= 32,
                login.unicodeScalars.allSatisfy({ $0.isASCII && !TextRules.isControl($0) && $0 != " " })
            else {
                throw BatonError.data(
                    "The login '\(DisplayText.sanitize(login))' is not a Unix account name; use the account's login, such as 'ana'."
                )
            }
            if let clash = others.first(where: { $0.id != member.id && $0.login == login }) {
                throw BatonError.data(
                    "The login '\(login)' already belongs to \(clash.name); each account maps to one member.")
            }
        }
    }
}

extension Board {
    mutating func addMember(
        name: String, handle: String, discipline: Discipline, login: String?, _ c: inout ApplyContext
    ) throws {
        let id = (members.map(\.id).max() ?? 0) + 1
        let member = Member(
            id: id, name: name.trimmingWhitespace(), handle: handle.trimmingWhitespace(),
            discipline: discipline, login: login)
        try MemberRules.validate(member, among: members)
        members.append(member)
        c.change.record(
            EventDraft(.memberAdded, entity: .member, entityID: id, after: member.name), touching: .member(id))
    }

    mutating func editMember(_ id: MemberID, _ patch: MemberPatch, _ c: inout ApplyContext) throws {
        let old = try existingMember(id)
        var new = old
        if let name = patch.name { new.name = name.trimmingWhitespace() }
        if let handle = patch.handle { new.handle = handle.trimmingWhitespace() }
        if let discipline = patch.discipline { new.discipline = discipline }
        if let login = patch.login { new.login = login }
        try MemberRules.validate(new, among: members)
        let fields: [(String, String?, String?)] = [
            ("name", old.name, new.name), ("handle", old.handle, new.handle),
            ("discipline", old.discipline.rawValue, new.discipline.rawValue), ("login", old.login, new.login),
        ]
        for (field, before, after) in fields where before != after {
            c.change.record(
                EventDraft(.memberEdited, entity: .member, entityID: id, field: field, before: before, after: after),
                touching: .member(id))
        }
        members[members.firstIndex { $0.id == id }!] = new
    }

    mutating func addOutcome(_ new: NewOutcome, _ c: inout ApplyContext) throws {
        let id = (outcomes.map(\.id).max() ?? 0) + 1
        let current = new.current ?? new.baseline
        var outcome = Outcome(
            id: id, title: try TextRules.title(new.title),
            metric: try TextRules.line(new.metric, "metric name", limit: TextRules.maxName),
            unit: try Board.unit(new.unit), baseline: try Board.finite(new.baseline, "baseline"),
            target: try Board.finite(new.target, "target"), current: try Board.finite(current, "current value"),
            targetDate: new.targetDate)
        try Board.checkDistinct(outcome)
        outcome.history = [OutcomeValue(at: c.now, value: current, by: c.actor.member)]
        outcomes.append(outcome)
        c.change.record(
            EventDraft(.outcomeAdded, entity: .outcome, entityID: id, after: outcome.title), touching: .outcome(id))
        c.change.touched.append(.outcomeValue(id))
    }

    mutating func editOutcome(_ id: OutcomeID, _ patch: OutcomePatch, _ c: inout ApplyContext) throws {
        let old = try existingOutcome(id)
        var new = old
        if let title = patch.title { new.title = try TextRules.title(title) }
        if let metric = patch.metric {
            new.metric = try TextRules.line(metric, "metric name", limit: TextRules.maxName)
        }
        if let unit = patch.unit { new.unit = try Board.unit(unit) }
        if let baseline = patch.baseline { new.baseline = try Board.finite(baseline, "baseline") }
        if let target = patch.target { new.target = try Board.finite(target, "target") }
        if let date = patch.targetDate { new.targetDate = date }
        try Board.checkDistinct(new)
        let fields: [(String, String?, String?)] = [
            ("title", old.title, new.title), ("metric", old.metric, new.metric), ("unit", old.unit, new.unit),
            ("baseline", formatNumber(old.baseline), formatNumber(new.baseline)),
            ("target", formatNumber(old.target), formatNumber(new.target)),
            ("target_date", old.targetDate?.description, new.targetDate?.description),
        ]
        for (field, before, after) in fields where before != after {
            c.change.record(
                EventDraft(.outcomeEdited, entity: .outcome, entityID: id, field: field, before: before, after: after),
                touching: .outcome(id))
        }
        outcomes[outcomes.firstIndex { $0.id == id }!] = new
    }

    mutating func recordOutcome(_ id: OutcomeID, _ value: Double, _ c: inout ApplyContext) throws {
        let old = try existingOutcome(id)
        let value = try Board.finite(value, "value")
        let index = outcomes.firstIndex { $0.id == id }!
        outcomes[index].current = value
        outcomes[index].history.append(OutcomeValue(at: c.now, value: value, by: c.actor.member))
        c.change.record(
            EventDraft(
                .outcomeRecorded, entity: .outcome, entityID: id, field: "current",
                before: formatNumber(old.current), after: formatNumber(value)), touching: .outcomeValue(id))
        c.change.touched.append(.outcome(id))
    }

    mutating func renameBoard(_ name: String, _ c: inout ApplyContext) throws {
        let name = try TextRules.line(name, "board name", limit: TextRules.maxName)
        guard name != self.name else { return }
        let old = self.name
        self.name = name
        c.change.record(
            EventDraft(.boardRenamed, entity: .board, field: "name", before: old, after: name), touching: .boardName)
    }

    private static func unit(_ text: String) throws -> String {
        let unit = text.trimmingWhitespace()
        return unit.isEmpty ? "" : try TextRules.line(unit, "unit", limit: 20)
    }

    private static func finite(_ value: Double, _ what: String) throws -> Double {
        guard value.isFinite else { throw BatonError.data("The \(what) must be a finite number, such as 10 or 2.5.") }
        return value
    }

    private static func checkDistinct(_ outcome: Outcome) throws {
        if outcome.baseline == outcome.target {
            throw BatonError.data(
                "The target equals the baseline (\(formatNumber(outcome.target))); an outcome needs a target that differs from where it starts."
            )
        }
    }
}
