/// Tells events as short sentences for people ("ana moved #12 from Ready to Doing").
public struct EventNarrator: Sendable {
    public let board: Board
    /// Names of stages that have been removed, so that old events can still name them.
    public let removedStages: [StageID: String]

    public init(board: Board, removedStages: [StageID: String] = [:]) {
        self.board = board
        self.removedStages = removedStages
    }

    /// Who did it: the member's handle, else the account.
    public func who(_ event: Event) -> String {
        event.member.flatMap { board.member($0)?.handle } ?? event.account
    }

    /// The whole sentence, starting with who did it.
    public func sentence(_ event: Event) -> String {
        "\(who(event)) \(what(event.change))"
    }

    /// What was done, without who did it.
    public func what(_ e: EventDraft) -> String {
        let item = e.item.map { "#\($0)" } ?? ""
        switch e.kind {
        case .boardCreated: return "created the board '\(e.after ?? "")'"
        case .boardRenamed: return "renamed the board from '\(e.before ?? "")' to '\(e.after ?? "")'"
        case .itemCreated: return "created \(item) '\(e.after ?? "")' in \(stageName(e.entityID))"
        case .itemEdited:
            return "changed the \(e.field == "due" ? "due date" : e.field ?? "field") of \(item)\(change(e))"
        case .itemMoved:
            return
                "moved \(item) from \(stageName(e.before.flatMap(Int.init))) to \(stageName(e.after.flatMap(Int.init)))"
        case .itemReordered: return "reordered \(item)"
        case .itemAssigned:
            return "made \(memberName(e.entityID)) \(e.field == "owner" ? "an owner" : "involved") in \(item)"
        case .itemUnassigned: return "took \(memberName(e.entityID)) off \(item)"
        case .itemBlocked: return "blocked \(item): \(e.after ?? "")"
        case .itemUnblocked: return "unblocked \(item)"
        case .itemExpedited: return e.after == "true" ? "expedited \(item)" : "stopped expediting \(item)"
        case .itemArchived: return "archived \(item)"
        case .itemRestored: return "restored \(item)"
        case .commentAdded: return "commented on \(item): \(firstLine(e.after))"
        case .stageAdded: return "added the stage \(e.after ?? "")"
        case .stageRenamed: return "renamed the stage \(e.before ?? "") to \(e.after ?? "")"
        case .stageRoleChanged:
            return "made \(stageName(e.entityID)) \(e.after == "active" ? "an" : "a") \(e.after ?? "") stage"
        case .stageMoved: return "moved the stage \(stageName(e.entityID)) to position \(e.after ?? "")"
        case .stageRemoved: return "removed the stage \(e.before ?? "")"
        case .stageLimited: return "set the WIP limit of \(stageName(e.entityID)) to \(e.after ?? "none")"
        case .memberAdded: return "added the member \(e.after ?? "")"
        case .memberEdited: return "changed the \(e.field ?? "details") of \(memberName(e.entityID))\(change(e))"
        case .outcomeAdded: return "added the outcome '\(e.after ?? "")'"
        case .outcomeEdited: return "changed the \(e.field ?? "details") of outcome \(e.entityID ?? 0)\(change(e))"
        case .outcomeRecorded:
            return "recorded \(e.after ?? "") for \(outcomeName(e.entityID)) (was \(e.before ?? "?"))"
        }
    }

    private func change(_ e: EventDraft) -> String {
        if e.field == "notes" { return "" }
        return " from '\(firstLine(e.before))' to '\(firstLine(e.after))'"
    }

    private func firstLine(_ text: String?) -> String {
        guard let text else { return "none" }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    private func stageName(_ id: Int?) -> String {
        id.flatMap { board.stage($0)?.name ?? removedStages[$0] } ?? "a removed stage"
    }
    private func memberName(_ id: Int?) -> String { id.flatMap { board.member($0)?.handle } ?? "a member" }
    private func outcomeName(_ id: Int?) -> String { id.flatMap { board.outcome($0)?.title } ?? "an outcome" }
}
