import Foundation

extension Board {
    mutating func addItem(_ new: NewItem, _ c: inout ApplyContext) throws {
        let title = try TextRules.title(new.title)
        let notes = try TextRules.block(new.notes, "notes", limitBytes: TextRules.maxNotes, allowEmpty: true)
        guard let stageID = new.stage ?? stages.first?.id else {
            throw BatonError.data("The board has no stages; add one with `baton stage add`.")
        }
        let stage = try existingStage(stageID)
        for id in new.owners + new.involved { _ = try existingMember(id) }
        if let outcome = new.outcome { _ = try existingOutcome(outcome) }
        let owners = new.owners.uniqued()
        let number = nextItemNumber
        let item = Item(
            number: number, title: title, notes: notes, kind: new.kind, owners: owners,
            involved: new.involved.uniqued().filter { !owners.contains($0) }, outcome: new.outcome,
            due: new.due, expedite: new.expedite, stage: stage.id,
            position: edgePosition(of: stage.id, top: new.top), createdBy: c.actor.member, createdAt: c.now)
        nextItemNumber += 1
        place(item, previous: nil)
        c.change.createdItem = number
        c.change.record(
            EventDraft(.itemCreated, item: number, entity: .stage, entityID: stage.id, after: title),
            touching: .item(number))
        warnAboutWIP(in: stage.id, &c)
    }

    mutating func editItem(_ number: ItemNumber, _ patch: ItemPatch, basedOn: Int?, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        try checkRevision(item, basedOn)
        var edits: [(field: String, before: String?, after: String?)] = []
        if let title = try patch.title.map({ try TextRules.title($0) }), title != item.title {
            edits.append(("title", item.title, title))
            item.title = title
        }
        if let notes = try patch.notes.map({
            try TextRules.block($0, "notes", limitBytes: TextRules.maxNotes, allowEmpty: true)
        }),
            notes != item.notes
        {
            edits.append(("notes", item.notes, notes))
            item.notes = notes
        }
        if let kind = patch.kind, kind != item.kind {
            edits.append(("kind", item.kind.rawValue, kind.rawValue))
            item.kind = kind
        }
        if let outcome = patch.outcome, outcome != item.outcome {
            if let id = outcome { _ = try existingOutcome(id) }
            edits.append(("outcome", item.outcome.map(String.init), outcome.map(String.init)))
            item.outcome = outcome
        }
        if let due = patch.due, due != item.due {
            edits.append(("due", item.due?.description, due?.description))
            item.due = due
        }
        guard !edits.isEmpty else { return }
        for edit in edits {
            c.change.record(
                EventDraft(.itemEdited, item: number, field: edit.field, before: edit.before, after: edit.after),
                touching: .item(number))
        }
        store(item, &c)
    }

    mutating func editFields(_ number: ItemNumber, _ patch: ItemPatch, original: ItemPatch, _ c: inout ApplyContext)
        throws
    {
        let item = try existingItem(number)
        let clashes: [(String, Bool)] = [
            ("title", patch.title != nil && original.title != item.title && patch.title != item.title),
            ("notes", patch.notes != nil && original.notes != item.notes && patch.notes != item.notes),
            ("kind", patch.kind != nil && original.kind != item.kind && patch.kind != item.kind),
            ("outcome", patch.outcome != nil && original.outcome != item.outcome && patch.outcome != item.outcome),
            ("due date", patch.due != nil && original.due != item.due && patch.due != item.due),
        ]
        if let field = clashes.first(where: \.1)?.0 {
            throw BatonError.conflict(
                "Someone else changed the \(field) of #\(number) while you were editing it; nothing was saved.")
        }
        try editItem(number, patch, basedOn: nil, &c)
    }

    mutating func moveItem(_ number: ItemNumber, to stageID: StageID, top: Bool, basedOn: Int?, _ c: inout ApplyContext)
        throws
    {
        var item = try existingItem(number)
        try checkRevision(item, basedOn)
        let stage = try existingStage(stageID)
        try requireOpen(item)
        guard item.stage != stage.id else { return top ? try reorderItem(number, .top, &c) : () }
        let previous = item
        item.stage = stage.id
        item.position = edgePosition(of: stage.id, top: top)
        item.stageSince = c.now
        place(item, previous: previous)
        c.change.record(
            EventDraft(
                .itemMoved, item: number, field: "stage", before: String(previous.stage), after: String(stage.id)),
            touching: .item(number))
        store(item, &c)
        warnAboutWIP(in: stage.id, &c)
    }

    mutating func reorderItem(_ number: ItemNumber, _ step: ReorderStep, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        try requireOpen(item)
        let peers = openItems(in: item.stage).filter { $0.expedite == item.expedite }
        guard let index = peers.firstIndex(where: { $0.number == number }) else { return }
        let oldPosition = item.position
        switch step {
        case .up, .down:
            let other = step == .up ? index - 1 : index + 1
            guard peers.indices.contains(other) else { return }
            var neighbour = peers[other]
            (item.position, neighbour.position) = (neighbour.position, item.position)
            items[neighbour.number] = neighbour
            c.change.touched.append(.item(neighbour.number))
        case .top, .bottom:
            guard step == .top ? index > 0 : index < peers.count - 1 else { return }
            item.position = edgePosition(of: item.stage, top: step == .top)
            place(item, previous: items[number])
        }
        c.change.record(
            EventDraft(
                .itemReordered, item: number, field: "position",
                before: String(oldPosition), after: String(item.position)), touching: .item(number))
        store(item, &c)
    }

    mutating func assign(_ number: ItemNumber, _ memberID: MemberID, _ role: Involvement, _ c: inout ApplyContext)
        throws
    {
        var item = try existingItem(number)
        _ = try existingMember(memberID)
        let current: Involvement? =
            item.owners.contains(memberID) ? .owner : item.involved.contains(memberID) ? .involved : nil
        guard current != role else { return }
        item.owners.removeAll { $0 == memberID }
        item.involved.removeAll { $0 == memberID }
        if role == .owner { item.owners.append(memberID) } else { item.involved.append(memberID) }
        c.change.record(
            EventDraft(
                .itemAssigned, item: number, entity: .member, entityID: memberID, field: role.rawValue,
                before: current?.rawValue, after: role.rawValue), touching: .item(number))
        store(item, &c)
    }

    mutating func unassign(_ number: ItemNumber, _ memberID: MemberID, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        let member = try existingMember(memberID)
        let role: Involvement
        if item.owners.contains(memberID) {
            role = .owner
        } else if item.involved.contains(memberID) {
            role = .involved
        } else {
            throw BatonError.data(
                "\(member.name) (\(member.handle)) is neither an owner of nor involved in #\(number).")
        }
        item.owners.removeAll { $0 == memberID }
        item.involved.removeAll { $0 == memberID }
        c.change.record(
            EventDraft(
                .itemUnassigned, item: number, entity: .member, entityID: memberID, field: role.rawValue,
                before: role.rawValue), touching: .item(number))
        store(item, &c)
    }

    mutating func block(_ number: ItemNumber, reason: String, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        let reason = try TextRules.line(reason, "blocking reason", limit: TextRules.maxTitle)
        guard item.blocked?.reason != reason else { return }
        let before = item.blocked?.reason
        item.blocked = Blocker(reason: reason, since: item.blocked?.since ?? c.now, by: c.actor.member)
        c.change.record(
            EventDraft(.itemBlocked, item: number, field: "blocked", before: before, after: reason),
            touching: .item(number))
        store(item, &c)
    }

    mutating func unblock(_ number: ItemNumber, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        guard let blocker = item.blocked else { return }
        item.blocked = nil
        c.change.record(
            EventDraft(.itemUnblocked, item: number, field: "blocked", before: blocker.reason), touching: .item(number))
        store(item, &c)
    }

    mutating func setExpedite(_ number: ItemNumber, _ on: Bool, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        guard item.expedite != on else { return }
        item.expedite = on
        c.change.record(
            EventDraft(.itemExpedited, item: number, field: "expedite", before: String(!on), after: String(on)),
            touching: .item(number))
        store(item, &c)
    }

    mutating func setArchived(_ number: ItemNumber, _ archived: Bool, _ c: inout ApplyContext) throws {
        var item = try existingItem(number)
        guard item.archived != archived else { return }
        let previous = item
        item.archived = archived
        place(item, previous: previous)
        c.change.record(
            EventDraft(archived ? .itemArchived : .itemRestored, item: number, entity: .stage, entityID: item.stage),
            touching: .item(number))
        store(item, &c)
        if !archived { warnAboutWIP(in: item.stage, &c) }
    }

    mutating func comment(_ number: ItemNumber, _ text: String, _ c: inout ApplyContext) throws {
        _ = try existingItem(number)
        let text = try TextRules.block(text, "comment", limitBytes: TextRules.maxComment, allowEmpty: false)
        c.change.comment = (number, text)
        c.change.events.append(EventDraft(.commentAdded, item: number, after: text))
    }

    // MARK: Helpers

    /// Saves an edited item, bumping its revision and recording who changed it and when.
    private mutating func store(_ item: Item, _ c: inout ApplyContext) {
        var item = item
        item.revision += 1
        item.updatedBy = c.actor.member
        item.updatedAt = c.now
        items[item.number] = item
    }

    /// Puts `item` on the board and keeps the stage statistics right; `previous` is its old state.
    private mutating func place(_ item: Item, previous: Item?) {
        if let previous {
            stats[previous.stage, default: StageStats()].total -= 1
            if !previous.archived { stats[previous.stage, default: StageStats()].open -= 1 }
        }
        var s = stats[item.stage, default: StageStats()]
        s.total += 1
        if !item.archived { s.open += 1 }
        s.minPosition = min(s.minPosition ?? item.position, item.position)
        s.maxPosition = max(s.maxPosition ?? item.position, item.position)
        stats[item.stage] = s
        items[item.number] = item
    }

    private func edgePosition(of stage: StageID, top: Bool) -> Int {
        let s = stats[stage] ?? StageStats()
        return top ? (s.minPosition ?? 1) - 1 : (s.maxPosition ?? -1) + 1
    }

    private func checkRevision(_ item: Item, _ basedOn: Int?) throws {
        if let basedOn, basedOn != item.revision {
            throw BatonError.conflict(
                "Item #\(item.number) was changed by someone else since revision \(basedOn) (it is now at \(item.revision)); look at it again and retry."
            )
        }
    }

    private func requireOpen(_ item: Item) throws {
        if item.archived {
            throw BatonError.data(
                "Item #\(item.number) is archived; restore it first with `baton item restore \(item.number)`.")
        }
    }

    private func warnAboutWIP(in stageID: StageID, _ c: inout ApplyContext) {
        guard let stage = stage(stageID), let limit = stage.wipLimit else { return }
        let count = stats[stageID]?.open ?? 0
        if count > limit {
            c.change.warnings.append(
                "\(stage.name) now holds \(counted(count, "item")), over its WIP limit of \(limit).")
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
