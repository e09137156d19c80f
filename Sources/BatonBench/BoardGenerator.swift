import BatonCore
import Foundation

/// Makes realistic boards for the benchmark: business and IT members, outcomes with a year of
/// recorded values, and items that were created, assigned, moved, blocked and commented on over
/// the past year, with the history those changes leave. The same seed gives the same board.
struct BoardGenerator {
    let itemCount: Int
    let now: Date
    var random: SplitMix64
    var events: [(at: Date, account: String, member: MemberID?, change: EventDraft)] = []
    var comments: [Comment] = []

    init(items: Int, now: Date = Date(), seed: UInt64 = 42) {
        itemCount = items
        self.now = now
        random = SplitMix64(seed: seed)
    }

    static let stages = [
        Stage(id: 1, name: "Ideas", role: .queue, position: 0),
        Stage(id: 2, name: "Ready", role: .queue, wipLimit: 12, position: 1),
        Stage(id: 3, name: "Doing", role: .active, wipLimit: 8, position: 2),
        Stage(id: 4, name: "Review", role: .active, wipLimit: 5, position: 3),
        Stage(id: 5, name: "Done", role: .done, position: 4),
    ]

    static let members: [Member] = {
        let people: [(String, String, Discipline)] = [
            ("Ana Lima", "al", .business), ("Ben Okafor", "bo", .it), ("Chen Wei", "cw", .it),
            ("Dana Reyes", "dr", .business), ("Emil Novak", "en", .it), ("Farah Haddad", "fh", .business),
            ("Gus Berg", "gb", .it), ("Hana Sato", "hs", .business), ("Ivo Petrov", "ip", .it),
            ("Jade Moreau", "jm", .business), ("Kofi Mensah", "km", .it), ("Lena Vogel", "lv", .business),
        ]
        return people.enumerated().map { index, person in
            Member(id: index + 1, name: person.0, handle: person.1, discipline: person.2, login: "user\(index + 1)")
        }
    }()

    /// The whole board as a document that `BoardStore.importDocument` loads.
    mutating func document() -> BoardDocument {
        let start = now.addingTimeInterval(-365 * 86_400)
        let outcomes = makeOutcomes(from: start)
        var items: [Item] = []
        var nextPosition: [StageID: Int] = [:]
        for number in 1...max(1, itemCount) where itemCount > 0 {
            var item = makeItem(number, outcomes: outcomes, from: start)
            item.position = nextPosition[item.stage, default: 0]
            nextPosition[item.stage] = item.position + 1
            items.append(item)
        }
        let board = Board(
            name: "Payments squad", stages: Self.stages, members: Self.members, outcomes: outcomes,
            items: Dictionary(uniqueKeysWithValues: items.map { ($0.number, $0) }),
            nextItemNumber: items.count + 1)
        return BoardDocument(board: board, comments: comments, events: numberedEvents())
    }

    private func numberedEvents() -> [Event] {
        events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.enumerated().map {
            seq, entry in
            Event(
                seq: seq + 1, at: entry.element.at, account: entry.element.account, member: entry.element.member,
                change: entry.element.change)
        }
    }

    mutating func record(_ change: EventDraft, at: Date, by member: Member) {
        events.append((at, member.login ?? "user", member.id, change))
    }

    private mutating func makeOutcomes(from start: Date) -> [Outcome] {
        let specs: [(String, String, String, Double, Double)] = [
            ("Faster checkout", "median checkout time", "s", 95, 40),
            ("Fewer failed payments", "failed payments", "%", 4.2, 1.5),
            ("More repeat customers", "repeat purchase rate", "%", 18, 30),
            ("Lower support load", "tickets per week", "tickets", 420, 250),
            ("Partner onboarding", "partners live", "partners", 3, 20),
            ("Reliable nightly settlement", "settlement success", "%", 97, 99.9),
        ]
        return specs.enumerated().map { index, spec in
            let owner = Self.members[index % Self.members.count]
            record(
                EventDraft(.outcomeAdded, entity: .outcome, entityID: index + 1, after: spec.0), at: start, by: owner)
            var history: [OutcomeValue] = []
            for month in 1...12 {
                let at = start.addingTimeInterval(Double(month) * 30 * 86_400)
                let progress = Double(month) / 16 + random.unit() * 0.05
                let value = ((spec.3 + (spec.4 - spec.3) * progress) * 10).rounded() / 10
                let before = history.last?.value ?? spec.3
                history.append(OutcomeValue(at: at, value: value, by: owner.id))
                record(
                    EventDraft(
                        .outcomeRecorded, entity: .outcome, entityID: index + 1, field: "current",
                        before: formatNumber(before), after: formatNumber(value)), at: at, by: owner)
            }
            return Outcome(
                id: index + 1, title: spec.0, metric: spec.1, unit: spec.2, baseline: spec.3, target: spec.4,
                current: history.last?.value ?? spec.3, targetDate: Day(year: 2027, month: 6, day: 30), history: history
            )
        }
    }
}
