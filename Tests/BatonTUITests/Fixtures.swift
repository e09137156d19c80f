import BatonCore
import Foundation
import Glibc
import Testing

@testable import BatonTUI

/// Boards, a fixed clock and state builders shared by the TUI tests.
enum TUI {
    /// Sets the locale (and the time zone, for due dates) once, before any width is measured.
    static let prepared: Bool = {
        setlocale(LC_ALL, "C.UTF-8")
        setenv("TZ", "UTC", 1)
        tzset()
        return true
    }()

    static let day: TimeInterval = 86_400
    /// When the boards were made (2026-05-28 20:26 UTC).
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    /// The fixed "now" of every state: twelve days later.
    static let now = t0.addingTimeInterval(12 * day)

    static let asAna = Actor(account: "ana", member: 1)
    static let asBo = Actor(account: "bo", member: 2)

    // Default stages of `Board.new`.
    static let backlog: StageID = 1, ready: StageID = 2, doing: StageID = 3, done: StageID = 4
    // Members of the squad board.
    static let ana: MemberID = 1, bo: MemberID = 2, cy: MemberID = 3, dee: MemberID = 4

    static func bare(_ name: String = "Onboarding squad") -> Board {
        _ = prepared
        return try! Board.new(
            name: name, creator: Member(id: 1, name: "Ana Lima", handle: "ana", discipline: .business, login: "ana"))
    }

    /// Applies `action` (which must succeed) and returns its change.
    @discardableResult
    static func apply(_ action: Action, _ board: inout Board, by actor: Actor = asAna, at time: Date = t0) -> Change {
        do { return try board.apply(action, by: actor, at: time) } catch {
            fatalError("fixture action \(action) failed: \(error)")
        }
    }

    /// Applies `action` and wraps its event drafts as stored events.
    static func events(
        _ action: Action, _ board: inout Board, by actor: Actor = asAna, at time: Date = now, seq: Int = 100
    ) -> [Event] {
        let change = apply(action, &board, by: actor, at: time)
        return change.events.enumerated().map {
            Event(seq: seq + $0.offset, at: time, account: actor.account, member: actor.member, change: $0.element)
        }
    }

    struct Card {
        var title: String, kind: ItemKind = .work, stage: StageID, owners: [MemberID] = [], involved: [MemberID] = []
        var outcome: OutcomeID? = nil, due: String? = nil
    }

    /// Adds `card` in Backlog at t0 and walks it to its stage, a few days per stage; returns its number.
    @discardableResult
    static func add(_ card: Card, _ board: inout Board) -> ItemNumber {
        let change = apply(
            .addItem(
                NewItem(
                    title: card.title, kind: card.kind, owners: card.owners, involved: card.involved,
                    outcome: card.outcome, due: card.due.flatMap(Day.init))), &board)
        let n = change.createdItem!
        let arrival: [StageID: TimeInterval] = [ready: 1, doing: 3, done: 8]
        for stage in [ready, doing, done] where stage <= card.stage {
            apply(.moveItem(n, to: stage), &board, at: t0.addingTimeInterval(arrival[stage]! * day))
        }
        return n
    }

    static func squadMembers(_ board: inout Board) {
        apply(.addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), &board)
        apply(.addMember(name: "Cy Dube", handle: "CD", discipline: .it, login: nil), &board)
        apply(.addMember(name: "Dee Kaur", handle: "DK", discipline: .business, login: "dee"), &board)
    }

    /// The sample squad board: four members (two business, two IT), two outcomes, items of every
    /// kind in every stage (#1-#16, four per stage), #12 blocked and #10 expedite.
    static func squad() -> Board {
        var b = bare()
        squadMembers(&b)
        apply(
            .addOutcome(
                NewOutcome(
                    title: "Onboarding takes 3 days, not 10", metric: "onboarding time", unit: "days",
                    baseline: 10, target: 3)), &b)
        apply(
            .addOutcome(
                NewOutcome(
                    title: "Half of loans approved the same day", metric: "same-day approvals", unit: "%",
                    baseline: 12, target: 50, targetDate: Day("2026-12-31"))), &b)
        apply(.recordOutcome(1, value: 7), &b, at: t0.addingTimeInterval(5 * day))
        apply(.recordOutcome(2, value: 20), &b, at: t0.addingTimeInterval(6 * day))
        let cards: [Card] = [
            Card(title: "Map the onboarding journey end to end", stage: backlog, owners: [ana], outcome: 1),
            Card(
                title: "Offer instant account opening in the app", kind: .opportunity, stage: backlog, owners: [dee],
                involved: [bo]),
            Card(title: "Customers abandon the ID upload step", kind: .concern, stage: backlog, involved: [ana]),
            Card(title: "Core banking batch only runs at night", kind: .limitation, stage: backlog, owners: [cy]),
            Card(title: "Pre-fill forms from the CRM", stage: ready, owners: [ana, bo], outcome: 1, due: "2026-06-20"),
            Card(title: "Reuse the KYC service of the loans team", kind: .opportunity, stage: ready, owners: [bo]),
            Card(
                title: "Branch staff distrust the new scoring", kind: .concern, stage: ready, owners: [dee],
                involved: [cy]),
            Card(title: "Legal needs two weeks for any wording change", kind: .limitation, stage: ready),
            Card(title: "Send the welcome e-mail within one hour", stage: doing, owners: [ana, bo], outcome: 1),
            Card(title: "Fix the crash when a passport scan is rotated", stage: doing, owners: [cy], involved: [ana]),
            Card(
                title: "Same-day loan decision pilot", kind: .opportunity, stage: doing, owners: [dee, cy], outcome: 2,
                due: "2026-06-01"),
            Card(title: "Scoring model drifts on young customers", kind: .concern, stage: doing, owners: [bo]),
            Card(title: "Remove the fax step from onboarding", stage: done, owners: [ana, cy], outcome: 1),
            Card(title: "Try video identification", kind: .opportunity, stage: done, owners: [dee, bo]),
            Card(title: "Old browsers break the upload widget", kind: .concern, stage: done, owners: [bo]),
            Card(title: "Only two people can deploy on Fridays", kind: .limitation, stage: done, involved: [ana, bo]),
        ]
        for card in cards { add(card, &b) }
        apply(.setExpedite(10, true), &b, at: t0.addingTimeInterval(9 * day))
        apply(
            .block(12, reason: "Waiting for the data team's extract"), &b, by: asBo, at: t0.addingTimeInterval(9 * day))
        apply(
            .editItem(9, ItemPatch(notes: "Use the existing mail service.\nCheck the wording with Legal.")), &b,
            at: t0.addingTimeInterval(4 * day))
        return b
    }

    /// A board just created: default stages, one member, nothing else.
    static func empty() -> Board { bare() }

    /// Long titles, a long unbroken word, a long stage name, crowded cards and Doing over its WIP limit.
    static func longTitles() -> Board {
        var b = bare("A squad board whose name is long enough to crowd the header of narrow terminals")
        squadMembers(&b)
        apply(.renameStage(ready, to: "Ready for refinement with the business owners"), &b)
        apply(.setWIPLimit(doing, 2), &b)
        add(
            Card(
                title: String(repeating: "Rework the onboarding letter so that customers understand it ", count: 3),
                stage: backlog,
                owners: [ana, bo], involved: [cy, dee]), &b)
        add(
            Card(
                title: "https://intranet.example.com/wiki/onboarding/very/long/path/that/never/breaks/anywhere",
                stage: backlog), &b)
        add(Card(title: "Short", stage: ready, owners: [ana, bo, cy, dee], due: "2026-07-01"), &b)
        for i in 1...3 {
            add(
                Card(
                    title: "Investigate why the nightly export of customer data to the warehouse fails, attempt \(i)",
                    kind: .concern, stage: doing, owners: [bo, dee]), &b)
        }
        add(Card(title: String(repeating: "x", count: 300), stage: done), &b)
        return b
    }

    /// Chinese, Japanese, Korean and emoji titles, wide handles, combining marks and flags.
    static func cjk() -> Board {
        var b = bare("看板 🚀")
        apply(.addMember(name: "王小明", handle: "王明", discipline: .it, login: nil), &b)
        apply(.addMember(name: "José Müller", handle: "JM", discipline: .business, login: nil), &b)
        apply(.renameStage(doing, to: "进行中"), &b)
        add(Card(title: "修复登录页面的错误 🚀👩‍💻", stage: backlog, owners: [2, 3]), &b)
        add(Card(title: "顧客の本人確認を自動化する", kind: .opportunity, stage: backlog, owners: [2]), &b)
        add(Card(title: "한국어 고객을 위한 안내문 번역", kind: .concern, stage: ready, owners: [3]), &b)
        add(Card(title: "Cafe\u{301} façade 🇩🇪 launch 👍🏽 ok", stage: doing, owners: [1, 2]), &b)
        add(Card(title: "ＡＢＣ全角テキストと長いタイトルがカードの幅を超えて折り返されるか確認する", kind: .limitation, stage: doing), &b)
        add(Card(title: "👨‍👩‍👧‍👦 family plan 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉", stage: done), &b)
        return b
    }

    /// Text written by someone hostile, stored as if by an old or foreign writer: escapes, C1 controls, bidi overrides.
    static let hostileTexts = [
        "\u{1B}]0;pwned\u{7}", "\u{1B}[2J wipe", "\u{202E}evil", "\u{9B}31m red", "bell\u{7}\u{7F}del\u{200B}zw",
    ]

    static func hostile() -> Board {
        var b = bare()
        squadMembers(&b)
        apply(.addOutcome(NewOutcome(title: "Outcome", metric: "metric", baseline: 0, target: 1)), &b)
        for (index, text) in hostileTexts.enumerated() {
            let n = add(
                Card(
                    title: "placeholder \(index)", stage: [backlog, ready, doing, done, backlog][index],
                    owners: [1 + index % 4], outcome: index == 0 ? 1 : nil), &b)
            b.items[n]!.title = text
            b.items[n]!.notes = "notes " + text
        }
        apply(.block(1, reason: "placeholder"), &b)
        b.items[1]!.blocked!.reason = "\u{1B}[31mred\u{1B}[0m \u{202E}reason"
        b.name = "\u{1B}[2JBoard\u{9B}0m"
        b.members[1].name = "\u{1B}]0;name\u{7}"
        b.stages[0].name = "\u{202E}Backlog\u{1B}[K"
        b.outcomes[0].title = "\u{1B}[5mblink\u{202E}"
        return b
    }

    /// Thirty items in Backlog, for scrolling.
    static func tall(_ count: Int = 30) -> Board {
        var b = bare()
        for i in 1...count { add(Card(title: "Item number \(i)", stage: backlog), &b) }
        return b
    }

    /// A state showing `board` at a size, as Ana, at `now`.
    static func state(
        _ board: Board, width: Int = 80, height: Int = 24, readOnly: Bool = false, keymap: Keymap = .standard
    ) -> AppState {
        _ = prepared
        return AppState(
            board: board, actor: asAna, readOnly: readOnly, keymap: keymap, width: width, height: height, now: now)
    }
}

// MARK: Driving update

extension Key {
    static func c(_ c: Character) -> Key { .character(c) }
}

/// Sends keys in order and returns every effect they produced.
@discardableResult
func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { App.update(&s, .key($0)) }
}

/// Sends each character of `text` as a key press.
@discardableResult
func type(_ s: inout AppState, _ text: String) -> [Effect] {
    text.flatMap { App.update(&s, .key(.character($0))) }
}

/// Sends a named key such as `L`, `enter`, `ctrl-d`.
@discardableResult
func press(_ s: inout AppState, named names: String...) -> [Effect] {
    names.flatMap { App.update(&s, .key(Key(name: $0)!)) }
}

/// Presses named keys as the loop does: after each, the frame is drawn and the scroll limit it
/// reports is handed back to `update`.
func pressDrawn(_ s: inout AppState, named names: String...) {
    for name in names {
        _ = App.update(&s, .key(Key(name: name)!))
        let limit = View.render(s).scrollLimit
        if limit != s.scrollLimit { _ = App.update(&s, .scrollLimit(limit)) }
    }
}

extension AppState {
    var prompt: Prompt? {
        if case .prompt(let p) = overlay { return p }
        return nil
    }
    var picker: Picker? {
        if case .picker(let p) = overlay { return p }
        return nil
    }
    var stageID: StageID? { currentStage?.id }
}
