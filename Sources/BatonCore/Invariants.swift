/// The rules a whole board must obey; `baton check` and `baton import` report every breach.
public enum Invariants {
    /// Every breach of the board's invariants, as sentences; empty when the board is sound.
    public static func check(_ board: Board) -> [String] {
        var problems: [String] = []
        problems += catalogProblems(board)
        let stageIDs = Set(board.stages.map(\.id)), memberIDs = Set(board.members.map(\.id))
        let outcomeIDs = Set(board.outcomes.map(\.id))
        var positions: [StageID: Set<Int>] = [:]
        for item in board.items.values.sorted(by: { $0.number < $1.number }) {
            let tag = "Item #\(item.number)"
            if !stageIDs.contains(item.stage) {
                problems.append("\(tag) is in stage \(item.stage), which does not exist.")
            }
            if item.number < 1 || item.number >= board.nextItemNumber {
                problems.append("\(tag) has a number outside 1...\(board.nextItemNumber - 1).")
            }
            if !positions[item.stage, default: []].insert(item.position).inserted {
                problems.append("\(tag) shares position \(item.position) with another item in its stage.")
            }
            for id in item.owners + item.involved where !memberIDs.contains(id) {
                problems.append("\(tag) names member \(id), who does not exist.")
            }
            if Set(item.owners).count + Set(item.involved).count != item.owners.count + item.involved.count
                || !Set(item.owners).isDisjoint(with: item.involved)
            {
                problems.append("\(tag) lists a member twice.")
            }
            if let outcome = item.outcome, !outcomeIDs.contains(outcome) {
                problems.append("\(tag) serves outcome \(outcome), which does not exist.")
            }
            if (try? TextRules.title(item.title)) != item.title {
                problems.append("\(tag) has a title that breaks the title rules.")
            }
            if item.revision < 1 { problems.append("\(tag) has revision \(item.revision); revisions start at 1.") }
        }
        return problems
    }

    static func catalogProblems(_ board: Board) -> [String] {
        var problems: [String] = []
        if board.stages.isEmpty { problems.append("The board has no stages.") }
        if Set(board.stages.map(\.id)).count != board.stages.count { problems.append("Some stage ids appear twice.") }
        if Set(board.stages.map { $0.name.lowercased() }).count != board.stages.count {
            problems.append("Some stage names appear twice.")
        }
        if Set(board.members.map(\.id)).count != board.members.count {
            problems.append("Some member ids appear twice.")
        }
        if Set(board.outcomes.map(\.id)).count != board.outcomes.count {
            problems.append("Some outcome ids appear twice.")
        }
        for stage in board.stages where (stage.wipLimit ?? 1) < 1 {
            problems.append("Stage '\(stage.name)' has a WIP limit below 1.")
        }
        for member in board.members {
            do { try MemberRules.validate(member, among: board.members) } catch {
                problems.append("Member \(member.id): \(error)")
            }
        }
        return problems
    }
}
