import BatonCore

/// Builds the pickers for people, kinds and outcomes.
enum Pickers {
    static func make(_ command: Command, for item: Item, board: Board) -> Picker {
        let n = item.number
        switch command {
        case .assignOwner, .assignInvolved:
            let choices = board.members.map { member -> (label: String, value: Int) in
                let role = item.owners.contains(member.id) ? "  ✓ owner" : item.involved.contains(member.id) ? "  ✓ involved" : ""
                return ("\(member.handle)  \(member.name) (\(member.discipline == .it ? "IT" : "business"))\(role)", member.id)
            }
            return Picker(purpose: command == .assignOwner ? .owner(n) : .involved(n), choices: choices)
        case .setKind:
            let kinds = ItemKind.allCases
            return Picker(purpose: .kind(n), choices: kinds.enumerated().map { ($1.rawValue + ($1 == item.kind ? "  ✓" : ""), $0) },
                          selected: kinds.firstIndex(of: item.kind) ?? 0)
        default:
            let choices = [(label: "none" + (item.outcome == nil ? "  ✓" : ""), value: -1)]
                + board.outcomes.map { ("\($0.id). \($0.title)" + (item.outcome == $0.id ? "  ✓" : ""), $0.id) }
            return Picker(purpose: .outcome(n), choices: choices)
        }
    }

    /// The members this terminal can act as.
    static func actAs(_ board: Board, current: MemberID?) -> Picker {
        let choices = board.members.map { m in
            ("\(m.handle)  \(m.name) (\(m.discipline == .it ? "IT" : "business"))" + (m.id == current ? "  ✓ now" : ""), m.id)
        }
        return Picker(purpose: .actAs, choices: choices, selected: board.members.firstIndex { $0.id == current } ?? 0)
    }

    /// The action choosing `value` means.
    static func action(for purpose: PickerPurpose, value: Int, board: Board) -> Action? {
        switch purpose {
        case .owner(let n), .involved(let n):
            guard let item = board.items[n] else { return nil }
            let role: Involvement
            if case .owner = purpose { role = .owner } else { role = .involved }
            let has = role == .owner ? item.owners.contains(value) : item.involved.contains(value)
            return has ? .unassign(n, value) : .assign(n, value, role)
        case .kind(let n):
            return .editItem(n, ItemPatch(kind: ItemKind.allCases[value]), basedOn: nil)
        case .outcome(let n):
            return .editItem(n, ItemPatch(outcome: .some(value < 0 ? nil : value)), basedOn: nil)
        case .actAs:
            return nil
        }
    }
}

extension Picker {
    init(purpose: PickerPurpose, choices: [(label: String, value: Int)], selected: Int = 0) {
        self.purpose = purpose
        self.choices = choices
        self.selected = selected
    }
}
