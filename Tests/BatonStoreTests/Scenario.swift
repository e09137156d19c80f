import BatonCore
import BatonStore
import Foundation

/// One step of a scripted session: an action, who does it and when.
struct Step {
    var action: Action
    var actor: Actor
    var at: Date

    init(_ action: Action, _ actor: Actor = Fixed.asAna, minute: Int) {
        self.action = action
        self.actor = actor
        self.at = Fixed.at(minute)
    }
}

/// A session that uses every kind of action at least once, on a board from `Fixed.newBoard()`.
/// Afterwards: members Ana (1), Bo (2), Cy (3); outcome 1 with three values; stages Backlog,
/// Check (5), Ready, Doing, Done; items 1-4 (3 archived, 4 blocked); comments on 1 and 2.
enum Scenario {
    static let steps: [Step] = {
        let due = Day("2026-12-31")!
        var steps: [Step] = []
        var minute = 0
        func add(_ action: Action, _ actor: Actor = Fixed.asAna) {
            minute += 1
            steps.append(Step(action, actor, minute: minute))
        }
        add(.addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"))
        add(.addMember(name: "Cy Dube", handle: "CD", discipline: .it, login: nil))
        add(
            .addOutcome(
                NewOutcome(
                    title: "Onboarding takes 3 days", metric: "onboarding time", unit: "days",
                    baseline: 10, target: 3, targetDate: due)))
        add(
            .addItem(
                NewItem(
                    title: "Write the welcome pack", notes: "Line one\nLine two", kind: .opportunity,
                    owners: [1], involved: [2], outcome: 1, due: due)))
        add(.addItem(NewItem(title: "Fix the login timeout", kind: .concern, stage: Fixed.ready)), Fixed.asBo)
        add(.addItem(NewItem(title: "Legacy API rate limits", kind: .limitation, top: true)), Fixed.asBo)
        add(.addItem(NewItem(title: "Customer outage", stage: Fixed.doing, owners: [2, 2], expedite: true)))
        add(
            .editItem(
                1,
                ItemPatch(
                    title: "Write the new welcome pack", notes: "", kind: .work,
                    outcome: .some(nil), due: .some(nil)), basedOn: 1))
        add(.editItem(1, ItemPatch(outcome: .some(1), due: .some(Day("2027-01-15")!))))
        add(.moveItem(2, to: Fixed.doing))
        add(.reorderItem(1, .up))
        add(.reorderItem(1, .bottom))
        add(.assign(2, 3, .owner))
        add(.assign(2, 2, .involved), Fixed.asBo)
        add(.assign(2, 2, .owner), Fixed.asBo)
        add(.unassign(2, 3))
        add(.block(2, reason: "Waiting for the vendor"))
        add(.unblock(2), Fixed.asBo)
        add(.block(4, reason: "Needs sign-off"), Fixed.asBo)
        add(.setExpedite(1, true))
        add(.setExpedite(4, false), Fixed.asScript)
        add(.archive(3))
        add(.restore(3))
        add(.archive(3))
        add(.comment(1, text: "First thought"))
        add(.comment(2, text: "Second\nthought"), Fixed.asBo)
        add(.addStage(name: "Review", role: .active, wipLimit: 3, at: 3))
        add(.renameStage(5, to: "Check"))
        add(.moveStage(5, to: 1))
        add(.addStage(name: "Temporary", role: .queue, wipLimit: nil, at: nil))
        add(.removeStage(6))
        add(.setWIPLimit(Fixed.doing, nil))
        add(.setWIPLimit(5, 2))
        add(.setStageRole(Fixed.ready, .active))
        add(
            .editMember(
                3, MemberPatch(name: "Cy Dube-Ndlovu", handle: "CDN", discipline: .business, login: .some("cy"))))
        add(
            .editOutcome(
                1, OutcomePatch(title: "Onboarding takes 2 days", unit: "d", target: 2, targetDate: .some(nil))))
        add(.recordOutcome(1, value: 7.5), Fixed.asBo)
        add(.recordOutcome(1, value: 6))
        add(.renameBoard("Squad Seven"))
        add(.moveItem(1, to: 5, top: true, basedOn: 6))
        add(.moveItem(2, to: Fixed.done, basedOn: 8))
        return steps
    }()

    /// Applies the steps to a store and to an in-memory board alike; returns the in-memory board
    /// and what the store said for each step.
    static func run(on store: BoardStore, mirror: inout Board) throws -> [Applied] {
        var applied: [Applied] = []
        for step in steps {
            let result = try store.apply(step.action, by: step.actor, at: step.at)
            let change = try mirror.apply(step.action, by: step.actor, at: step.at)
            if result.change != change { throw BatonError(.data, "store and memory disagree on \(step.action)") }
            applied.append(result)
        }
        return applied
    }
}
