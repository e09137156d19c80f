extension Board {
    mutating func addStage(_ name: String, _ role: StageRole, _ wipLimit: Int?, at index: Int?, _ c: inout ApplyContext)
        throws
    {
        let name = try uniqueStageName(name, except: nil)
        try Board.checkWIP(wipLimit)
        let index = index ?? stages.count
        guard (0...stages.count).contains(index) else {
            throw BatonError.data(
                "Stage position \(index + 1) does not exist; a new stage can go at positions 1 to \(stages.count + 1).")
        }
        let id = (stages.map(\.id).max() ?? 0) + 1
        stages.insert(Stage(id: id, name: name, role: role, wipLimit: wipLimit, position: index), at: index)
        stats[id] = StageStats()
        renumberStages(&c)
        c.change.record(EventDraft(.stageAdded, entity: .stage, entityID: id, after: name), touching: .stage(id))
    }

    mutating func renameStage(_ id: StageID, to name: String, _ c: inout ApplyContext) throws {
        let stage = try existingStage(id)
        let name = try uniqueStageName(name, except: id)
        guard name != stage.name else { return }
        updateStage(id) { $0.name = name }
        c.change.record(
            EventDraft(.stageRenamed, entity: .stage, entityID: id, field: "name", before: stage.name, after: name),
            touching: .stage(id))
    }

    mutating func moveStage(_ id: StageID, to index: Int, _ c: inout ApplyContext) throws {
        _ = try existingStage(id)
        guard (0..<stages.count).contains(index) else {
            throw BatonError.data(
                "Stage position \(index + 1) does not exist; positions run from 1 to \(stages.count).")
        }
        let from = stages.firstIndex { $0.id == id }!
        guard from != index else { return }
        stages.insert(stages.remove(at: from), at: index)
        renumberStages(&c)
        c.change.record(
            EventDraft(
                .stageMoved, entity: .stage, entityID: id, field: "position",
                before: String(from + 1), after: String(index + 1)), touching: .stage(id))
    }

    mutating func removeStage(_ id: StageID, _ c: inout ApplyContext) throws {
        let stage = try existingStage(id)
        let held = stats[id] ?? StageStats()
        guard held.total == 0 else {
            let archived = held.total - held.open
            let detail = counted(held.open, "item") + (archived > 0 ? " and " + counted(archived, "archived item") : "")
            throw BatonError.data("Stage '\(stage.name)' still holds \(detail); move them to another stage first.")
        }
        guard stages.count > 1 else {
            throw BatonError.data("Stage '\(stage.name)' is the only stage; a board needs at least one.")
        }
        stages.removeAll { $0.id == id }
        stats[id] = nil
        c.change.record(
            EventDraft(.stageRemoved, entity: .stage, entityID: id, before: stage.name), touching: .stageRemoved(id))
        renumberStages(&c)
    }

    mutating func setWIPLimit(_ id: StageID, _ limit: Int?, _ c: inout ApplyContext) throws {
        let stage = try existingStage(id)
        try Board.checkWIP(limit)
        guard stage.wipLimit != limit else { return }
        updateStage(id) { $0.wipLimit = limit }
        c.change.record(
            EventDraft(
                .stageLimited, entity: .stage, entityID: id, field: "wip",
                before: stage.wipLimit.map(String.init), after: limit.map(String.init)), touching: .stage(id))
        if let limit, let open = stats[id]?.open, open > limit {
            c.change.warnings.append(
                "\(stage.name) holds \(counted(open, "item")), over its new WIP limit of \(limit).")
        }
    }

    mutating func setStageRole(_ id: StageID, _ role: StageRole, _ c: inout ApplyContext) throws {
        let stage = try existingStage(id)
        guard stage.role != role else { return }
        updateStage(id) { $0.role = role }
        c.change.record(
            EventDraft(
                .stageRoleChanged, entity: .stage, entityID: id, field: "role",
                before: stage.role.rawValue, after: role.rawValue), touching: .stage(id))
    }

    // MARK: Helpers

    static func checkWIP(_ limit: Int?) throws {
        if let limit, limit < 1 {
            throw BatonError.data("A WIP limit must be at least 1; use `none` to remove the limit.")
        }
    }

    private func uniqueStageName(_ name: String, except id: StageID?) throws -> String {
        let name = try TextRules.line(name, "stage name", limit: TextRules.maxName)
        if let clash = stages.first(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) {
            throw BatonError.data("There is already a stage named '\(clash.name)'; choose another name.")
        }
        return name
    }

    private mutating func updateStage(_ id: StageID, _ body: (inout Stage) -> Void) {
        if let index = stages.firstIndex(where: { $0.id == id }) { body(&stages[index]) }
    }

    /// Makes stage positions 0, 1, 2 ... again and marks the ones that changed.
    private mutating func renumberStages(_ c: inout ApplyContext) {
        for index in stages.indices where stages[index].position != index {
            stages[index].position = index
            if !c.change.touched.contains(.stage(stages[index].id)) {
                c.change.touched.append(.stage(stages[index].id))
            }
        }
    }
}
