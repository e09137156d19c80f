import BatonCore
import BatonStore
import Foundation

/// A believable squad for `baton init --sample` and `make run`: business and IT members, outcomes,
/// items of every kind in every stage, one blocked, one expedite, comments and a few weeks of history.
enum SampleBoard {
    static let members: [(String, String, Discipline)] = [
        ("Ana Lima", "ana", .business), ("Ben Okafor", "bo", .it), ("Chen Wei", "cw", .it),
        ("Dana Ruiz", "dr", .business), ("Eli Novak", "en", .it),
    ]

    struct Card {
        let title: String, kind: ItemKind, stage: String, owners: [String], involved: [String], outcome: Int?,
            daysAgo: Int
    }

    static let cards: [Card] = [
        Card(
            title: "Let customers upload ID documents from the phone", kind: .opportunity, stage: "Backlog",
            owners: ["ana"], involved: [], outcome: 1, daysAgo: 30),
        Card(
            title: "Legacy CRM only syncs once a night", kind: .limitation, stage: "Backlog", owners: ["bo"],
            involved: ["dr"], outcome: nil, daysAgo: 28),
        Card(
            title: "Worried the new pricing page confuses returning customers", kind: .concern, stage: "Backlog",
            owners: ["dr"], involved: [], outcome: 2, daysAgo: 12),
        Card(
            title: "Pre-fill the claim form from the policy", kind: .work, stage: "Ready", owners: ["ana", "cw"],
            involved: [], outcome: 1, daysAgo: 21),
        Card(
            title: "Explain claim status in plain words in the e-mails", kind: .work, stage: "Ready", owners: ["dr"],
            involved: ["en"], outcome: 3, daysAgo: 18),
        Card(
            title: "Automatic identity check with the national registry", kind: .work, stage: "Doing",
            owners: ["ana", "bo"], involved: ["cw"], outcome: 1, daysAgo: 25),
        Card(
            title: "Self-service address change", kind: .work, stage: "Doing", owners: ["en"], involved: ["dr"],
            outcome: 3, daysAgo: 16),
        Card(
            title: "Checkout fails for cards issued abroad", kind: .work, stage: "Doing", owners: ["cw", "dr"],
            involved: [], outcome: 2, daysAgo: 2),
        Card(
            title: "Call-centre script for the new onboarding flow", kind: .opportunity, stage: "Doing", owners: ["dr"],
            involved: ["ana"], outcome: 1, daysAgo: 9),
        Card(
            title: "Welcome call within one day of signing", kind: .work, stage: "Done", owners: ["ana", "en"],
            involved: [], outcome: 1, daysAgo: 35),
        Card(
            title: "Show delivery dates at checkout", kind: .work, stage: "Done", owners: ["dr", "bo"], involved: [],
            outcome: 2, daysAgo: 33),
        Card(
            title: "Nightly batch blocks the database until 7 am", kind: .concern, stage: "Done", owners: ["bo"],
            involved: ["cw"], outcome: nil, daysAgo: 40),
    ]

    /// Fills a new board (as created by `init`) with the sample squad, through ordinary actions.
    static func fill(_ store: BoardStore, account: String) throws {
        let now = Date()
        let day: (Int) -> Date = { now.addingTimeInterval(-Double($0) * 86_400) }
        let system = Actor(account: account, member: 1)
        try store.apply(.renameBoard("Claims squad"), by: system, at: day(45))
        for (name, handle, discipline) in members {
            try store.apply(
                .addMember(name: name, handle: handle, discipline: discipline, login: nil), by: system, at: day(45))
        }
        let outcomes = [
            NewOutcome(
                title: "Onboarding takes 3 days, not 10", metric: "onboarding time", unit: "days", baseline: 10,
                target: 3, targetDate: Day("2027-03-31")),
            NewOutcome(
                title: "More visitors complete checkout", metric: "checkout conversion", unit: "%", baseline: 2.1,
                target: 3.0),
            NewOutcome(
                title: "Fewer 'where is my claim?' calls", metric: "status calls per week", unit: "calls",
                baseline: 420, target: 150),
        ]
        for outcome in outcomes { try store.apply(.addOutcome(outcome), by: system, at: day(44)) }
        let board = try store.loadBoard()
        let id = { (handle: String) in board.members.first { $0.handle == handle }!.id }
        for (offset, value) in [(30, 9.0), (20, 8.0), (6, 7.0)] {
            try store.apply(
                .recordOutcome(1, value: value), by: Actor(account: account, member: id("ana")), at: day(offset))
        }
        for (offset, value) in [(25, 2.2), (5, 2.4)] {
            try store.apply(
                .recordOutcome(2, value: value), by: Actor(account: account, member: id("dr")), at: day(offset))
        }
        try store.apply(.recordOutcome(3, value: 360), by: Actor(account: account, member: id("dr")), at: day(10))
        for card in cards { try add(card, to: store, board: board, account: account, id: id, day: day) }
        try finishTouches(store, account: account, id: id, day: day)
    }

    private static func add(
        _ card: Card, to store: BoardStore, board: Board, account: String,
        id: (String) -> MemberID, day: (Int) -> Date
    ) throws {
        let author = Actor(account: account, member: id(card.owners[0]))
        let new = NewItem(
            title: card.title, kind: card.kind, stage: board.stages[0].id, owners: card.owners.map(id),
            involved: card.involved.map(id), outcome: card.outcome)
        let number = try store.apply(.addItem(new), by: author, at: day(card.daysAgo)).change.createdItem!
        let path = board.stages.prefix { $0.name != card.stage }.count
        for step in 0..<path {
            let target = board.stages[step + 1]
            let at = day(max(0, card.daysAgo - (step + 1) * max(1, card.daysAgo / (path + 1))))
            try store.apply(.moveItem(number, to: target.id), by: author, at: at)
        }
    }

    private static func finishTouches(
        _ store: BoardStore, account: String, id: (String) -> MemberID, day: (Int) -> Date
    ) throws {
        func member(_ handle: String) -> Actor { Actor(account: account, member: id(handle)) }
        try store.apply(.block(6, reason: "Waiting for the registry's test access"), by: member("bo"), at: day(3))
        try store.apply(.setExpedite(8, true), by: member("cw"), at: day(2))
        try store.apply(
            .editItem(
                8,
                ItemPatch(
                    notes:
                        "Card payments from outside the EU are declined since the last release.\nAffects about 4% of orders."
                ), basedOn: nil), by: member("cw"), at: day(2))
        try store.apply(.comment(6, text: "Registry promised access by Friday."), by: member("ana"), at: day(2))
        try store.apply(
            .comment(6, text: "I have a fallback: manual check for the first week."), by: member("bo"), at: day(1))
        try store.apply(
            .comment(3, text: "Three customers mentioned this in interviews."), by: member("dr"), at: day(11))
        try store.apply(
            .editItem(4, ItemPatch(due: .some(Day("2027-01-15"))), basedOn: nil), by: member("ana"), at: day(20))
    }
}
