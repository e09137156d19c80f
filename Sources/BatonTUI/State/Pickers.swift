import BatonCore

/// Builds the pickers for people, kinds and outcomes.
enum Pickers {
    static func make(_ command: Command, for item: Item, board: Board) -> Picker {
        let n = item.number
        switch command {
        case .assignOwner, .assignInvolved:
            let choices = board.members.map { member -> PickerChoice in
                let role =
                    item.owners.contains(member.id)
                    ? "  ✓ owner" : item.involved.contains(member.id) ? "  ✓ involved" : ""
                return PickerChoice(label(member) + role, .member(member.id))
            }
            return Picker(purpose: command == .assignOwner ? .owner(n) : .involved(n), choices: choices)
        case .setKind:
            let kinds = ItemKind.allCases
            return Picker(
                purpose: .kind(n),
                choices: kinds.map { PickerChoice($0.rawValue + ($0 == item.kind ? "  ✓" : ""), .kind($0)) },
                selected: kinds.firstIndex(of: item.kind) ?? 0)
        default:
            let choices =
                [PickerChoice("none" + (item.outcome == nil ? "  ✓" : ""), .outcome(nil))]
                + board.outcomes.map {
                    PickerChoice("\($0.id). \($0.title)" + (item.outcome == $0.id ? "  ✓" : ""), .outcome($0.id))
                }
            return Picker(purpose: .outcome(n), choices: choices)
        }
    }

    /// The members this terminal can act as.
    static func actAs(_ board: Board, current: MemberID?) -> Picker {
        let choices = board.members.map { m in
            PickerChoice(label(m) + (m.id == current ? "  ✓ now" : ""), .member(m.id))
        }
        return Picker(purpose: .actAs, choices: choices, selected: board.members.firstIndex { $0.id == current } ?? 0)
    }

    /// A member as pickers list them: handle, name and discipline.
    private static func label(_ member: Member) -> String {
        "\(member.handle)  \(member.name) (\(member.discipline == .it ? "IT" : "business"))"
    }

    /// The action choosing `value` means, if it is one.
    static func action(for purpose: PickerPurpose, value: PickerValue, board: Board) -> Action? {
        switch (purpose, value) {
        case (.owner(let n), .member(let member)), (.involved(let n), .member(let member)):
            guard let item = board.items[n] else { return nil }
            let role: Involvement
            if case .owner = purpose { role = .owner } else { role = .involved }
            let has = role == .owner ? item.owners.contains(member) : item.involved.contains(member)
            return has ? .unassign(n, member) : .assign(n, member, role)
        case (.kind(let n), .kind(let kind)):
            return .editItem(n, ItemPatch(kind: kind), basedOn: nil)
        case (.outcome(let n), .outcome(let outcome)):
            return .editItem(n, ItemPatch(outcome: .some(outcome)), basedOn: nil)
        default:
            return nil
        }
    }
}

extension Picker {
    init(purpose: PickerPurpose, choices: [PickerChoice], selected: Int = 0) {
        self.purpose = purpose
        self.choices = choices
        self.selected = selected
    }
}
