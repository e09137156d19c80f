/// Which items to show: words of the title, `@handle`, `kind:K`, `outcome:N` (id or title words),
/// `outcome:none`, `business` or `it` (an owner of that discipline), `active` (in an active stage)
/// and `blocked`, all of which must match.
public struct ItemFilter: Equatable, Sendable {
    public private(set) var query: String = ""
    var words: [String] = []
    var handles: [String] = []
    var kinds: [ItemKind] = []
    var outcomes: [String] = []
    var blockedOnly = false
    var withoutOutcome = false
    var activeOnly = false
    var disciplines: [Discipline] = []

    public init(_ query: String = "") {
        self.query = query.trimmingWhitespace()
        for token in self.query.split(separator: " ").map({ String($0).lowercased() }) {
            if token.hasPrefix("@"), token.count > 1 {
                handles.append(String(token.dropFirst()))
            } else if token.hasPrefix("kind:"),
                let kind = ItemKind.allCases.first(where: { $0.rawValue.hasPrefix(token.dropFirst(5)) })
            {
                kinds.append(kind)
            } else if token == "outcome:none" {
                withoutOutcome = true
            } else if token == "active" {
                activeOnly = true
            } else if token.hasPrefix("outcome:"), token.count > 8 {
                outcomes.append(String(token.dropFirst(8)))
            } else if let discipline = Discipline(rawValue: token) {
                disciplines.append(discipline)
            } else if token == "blocked" {
                blockedOnly = true
            } else {
                words.append(token)
            }
        }
    }

    public var isEmpty: Bool { query.isEmpty }

    public func matches(_ item: Item, in board: Board) -> Bool {
        if isEmpty { return true }
        if blockedOnly && item.blocked == nil { return false }
        if !kinds.isEmpty && !kinds.contains(item.kind) { return false }
        if withoutOutcome && item.outcome != nil { return false }
        if activeOnly && board.stage(item.stage)?.role != .active { return false }
        for discipline in disciplines where !item.owners.contains(where: { board.member($0)?.discipline == discipline })
        { return false }
        let title = item.title.lowercased()
        if !words.allSatisfy({ title.contains($0) || "#\(item.number)" == $0 }) { return false }
        for handle in handles {
            let people = (item.owners + item.involved).compactMap { board.member($0)?.handle.lowercased() }
            if !people.contains(handle) { return false }
        }
        for wanted in outcomes {
            guard let id = item.outcome, let outcome = board.outcome(id) else { return false }
            if String(id) != wanted && !outcome.title.lowercased().contains(wanted) { return false }
        }
        return true
    }
}
