import BatonCore
import Foundation

@testable import BatonTUI

/// A board built change by change with every change kept as a stored event, as the runtime's
/// history would hold it: sequence numbers from 1, times as given.
struct Recorded {
    var board: Board
    var events: [Event] = []

    /// Applies `action` (which must succeed) at `time` and records its event drafts.
    @discardableResult
    mutating func apply(_ action: Action, by actor: Actor = TUI.asAna, at time: Date) -> Change {
        let change = TUI.apply(action, &board, by: actor, at: time)
        for draft in change.events {
            events.append(
                Event(
                    seq: (events.last?.seq ?? 0) + 1, at: time, account: actor.account, member: actor.member,
                    change: draft))
        }
        return change
    }

    /// The events from `seq` on.
    func events(from seq: Int) -> [Event] { events.filter { $0.seq >= seq } }
}

extension TUI {
    static let historyTitles = [
        "Map the onboarding journey", "Pre-fill forms from the CRM", "Reuse the KYC service",
        "Scoring drifts on young customers",
        "Send the welcome e-mail", "Fix the rotated passport scan", "Same-day loan pilot", "Drop the paper form",
        "Retire the fax step", "Video identification", "Old browsers break upload", "Deploy on Fridays",
        "Explain the fees on one page", "Ask branches what slows them", "Night batch blocks approvals",
        "Legal wording review",
        "Score with the new bureau data", "Call-back within the hour", "Remove duplicate ID checks",
        "Measure drop-off per step",
    ]

    /// Eight weeks of recorded history up to `now`: the squad's four members, two outcomes with
    /// several recorded values, and twenty items created every 2.6 days from 54 days ago that walk
    /// Backlog → Ready → Doing → Done while time allows. #4 goes back from Doing to Ready and on
    /// again, #8 is archived from Backlog, #17 is expedited and #18 blocked.
    static func history() -> Recorded {
        var r = Recorded(board: bare())
        let start = now.addingTimeInterval(-54 * day)
        let setUp = start.addingTimeInterval(-day)
        r.apply(.addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), at: setUp)
        r.apply(.addMember(name: "Cy Dube", handle: "CD", discipline: .it, login: nil), at: setUp)
        r.apply(.addMember(name: "Dee Kaur", handle: "DK", discipline: .business, login: "dee"), at: setUp)
        r.apply(
            .addOutcome(
                NewOutcome(
                    title: "Onboarding takes 3 days, not 10", metric: "onboarding time", unit: "days",
                    baseline: 10, target: 3, targetDate: Day("2026-09-30"))), at: setUp)
        r.apply(
            .addOutcome(
                NewOutcome(
                    title: "Half of loans approved the same day", metric: "same-day approvals", unit: "%",
                    baseline: 12, target: 50, targetDate: Day("2026-06-01"))), at: setUp)

        var plan: [(at: Date, action: Action, by: Actor)] = []
        let owners: [[MemberID]] = [[ana, bo], [cy], [dee, cy], [bo], [ana], [], [dee, bo], [cy, ana]]
        for (i, title) in historyTitles.enumerated() {
            let number = i + 1
            let created = start.addingTimeInterval(Double(i) * 2.6 * day)
            let outcome: OutcomeID? = i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : nil
            plan.append(
                (
                    created,
                    .addItem(
                        NewItem(
                            title: title, kind: ItemKind.allCases[i % 4], owners: owners[i % owners.count],
                            involved: i % 5 == 0 ? [dee] : [], outcome: outcome)), asAna
                ))
            if number == 8 {
                plan.append((created.addingTimeInterval(5 * day), .archive(number), asBo))
                continue
            }
            let ready = created.addingTimeInterval(3 * day)
            let doing = ready.addingTimeInterval(Double(2 + i % 3) * day)
            let finished = doing.addingTimeInterval(Double(3 + i % 4) * day)
            for (time, stage) in [(ready, TUI.ready), (doing, TUI.doing), (finished, TUI.done)] where time < now {
                plan.append((time, .moveItem(number, to: stage), i % 2 == 0 ? asAna : asBo))
            }
            if number == 4 {
                plan.append((doing.addingTimeInterval(day), .moveItem(number, to: TUI.ready), asBo))
                plan.append((doing.addingTimeInterval(2 * day), .moveItem(number, to: TUI.doing), asBo))
            }
        }
        plan.append((now.addingTimeInterval(-3 * day), .setExpedite(17, true), asAna))
        plan.append((now.addingTimeInterval(-2 * day), .block(18, reason: "Waiting for the bureau contract"), asBo))
        for (index, value) in [9.0, 8.5, 8, 6.5, 6, 5].enumerated() {
            plan.append((start.addingTimeInterval(Double(index) * 9 * day), .recordOutcome(1, value: value), asAna))
        }
        for (index, value) in [14.0, 13, 18, 22].enumerated() {
            plan.append(
                (start.addingTimeInterval(Double(index) * 13 * day + day), .recordOutcome(2, value: value), asBo))
        }
        // Stable sort by time, so an item's creation always comes before its moves.
        let ordered = plan.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(
            \.element)
        for step in ordered { r.apply(step.action, by: step.by, at: step.at) }
        return r
    }

    /// A state over `recorded`'s board with its times counted in UTC.
    static func state(_ recorded: Recorded, width: Int = 120, height: Int = 40) -> AppState {
        var s = state(recorded.board, width: width, height: height)
        s.timeZone = TimeZone(identifier: "UTC")!
        return s
    }

    /// Items moved into Done by `events` and still there on `board`.
    static func finished(_ events: [Event], on board: Board) -> Set<ItemNumber> {
        Set(
            events.filter { $0.change.kind == .itemMoved && $0.change.after == String(done) }.compactMap(\.change.item)
                .filter { board.items[$0]?.stage == done && board.items[$0]?.archived == false })
    }
}
