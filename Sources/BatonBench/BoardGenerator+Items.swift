import BatonCore
import Foundation

extension BoardGenerator {
    private static let verbs = [
        "Retry", "Show", "Explain", "Speed up", "Simplify", "Log", "Archive", "Test",
        "Measure", "Remove", "Translate", "Automate", "Review", "Secure", "Document",
    ]
    private static let objects = [
        "failed card payments", "the refund form", "partner settlement reports",
        "the checkout page", "currency rounding", "the fraud rules", "support macros",
        "invoice numbering", "the nightly batch", "merchant onboarding", "SEPA mandates",
        "the pricing table", "chargeback letters", "the status page", "API rate limits",
    ]
    private static let qualifiers = [
        "", "", " for small merchants", " after a bank timeout", " in the mobile app",
        " before the audit", " for the Nordic launch", " (ask legal first)",
        " without downtime", " per customer segment",
    ]
    private static let remarks = [
        "Talked to finance: they need this before month end.", "Blocked on the bank's sandbox.",
        "Pairing on this tomorrow morning.", "Customer call notes are in the shared folder.",
        "The numbers look better than expected.", "Needs a decision from the product owner.",
    ]

    /// One item with the history of how it got where it is: created, assigned, moved stage by
    /// stage, sometimes blocked, expedited, commented on or archived.
    mutating func makeItem(_ number: ItemNumber, outcomes: [Outcome], from start: Date) -> Item {
        let span = now.timeIntervalSince(start) * 0.97
        var at = start.addingTimeInterval(span * Double(number - 1) / Double(max(1, itemCount)) + random.unit() * 3600)
        let creator = pick(Self.members)
        let path = stagePath()
        let title =
            Self.verbs[random.below(Self.verbs.count)] + " " + Self.objects[random.below(Self.objects.count)]
            + Self.qualifiers[random.below(Self.qualifiers.count)]
        var item = Item(
            number: number, title: title, notes: random.unit() < 0.3 ? pick(Self.remarks) : "",
            kind: kind(), outcome: random.unit() < 0.6 ? pick(outcomes).id : nil,
            stage: path[0], position: 0, createdBy: creator.id, createdAt: at)
        record(
            EventDraft(.itemCreated, item: number, entity: .stage, entityID: path[0], after: title), at: at, by: creator
        )
        assignPeople(to: &item, at: &at)
        for (from, to) in zip(path, path.dropFirst()) {
            at = later(at, days: 0.5...9)
            let mover = item.owners.first.flatMap { id in Self.members.first { $0.id == id } } ?? creator
            record(
                EventDraft(.itemMoved, item: number, field: "stage", before: String(from), after: String(to)), at: at,
                by: mover)
            item.stage = to
            item.stageSince = at
            item.revision += 1
        }
        addRemarks(to: &item, at: &at)
        item.updatedAt = at
        return item
    }

    /// The stages an item passed through, ending where it is now.
    private mutating func stagePath() -> [StageID] {
        let roll = random.unit()
        let final = roll < 0.60 ? 5 : roll < 0.75 ? 1 : roll < 0.85 ? 2 : roll < 0.93 ? 3 : 4
        let first = final == 1 || random.unit() < 0.5 ? 1 : 2
        return Array(first...max(first, final))
    }

    private mutating func kind() -> ItemKind {
        let roll = random.unit()
        return roll < 0.7 ? .work : roll < 0.85 ? .opportunity : roll < 0.95 ? .concern : .limitation
    }

    private mutating func assignPeople(to item: inout Item, at: inout Date) {
        var chosen = Set<MemberID>()
        for role in [Involvement.owner] + Array(repeating: .involved, count: random.below(3)) {
            let member = pick(Self.members)
            guard chosen.insert(member.id).inserted else { continue }
            at = later(at, days: 0...1)
            if role == .owner { item.owners.append(member.id) } else { item.involved.append(member.id) }
            record(
                EventDraft(
                    .itemAssigned, item: item.number, entity: .member, entityID: member.id, field: role.rawValue,
                    after: role.rawValue), at: at, by: member)
            item.revision += 1
        }
    }

    /// Comments, a blocker, the expedite flag and archiving, each on some of the items.
    private mutating func addRemarks(to item: inout Item, at: inout Date) {
        for _ in 0..<random.below(4) {
            at = later(at, days: 0...3)
            let author = pick(Self.members), text = pick(Self.remarks)
            comments.append(
                Comment(
                    id: comments.count + 1, item: item.number, author: author.id,
                    account: author.login ?? "user", at: at, text: text))
            record(EventDraft(.commentAdded, item: item.number, after: text), at: at, by: author)
        }
        let active = item.stage == 3 || item.stage == 4
        if active && random.unit() < 0.15 {
            at = later(at, days: 0...2)
            let by = pick(Self.members)
            item.blocked = Blocker(reason: "Waiting for the bank's test account", since: at, by: by.id)
            record(
                EventDraft(.itemBlocked, item: item.number, field: "blocked", after: item.blocked!.reason), at: at,
                by: by)
        }
        if item.stage != 5 && random.unit() < 0.02 {
            item.expedite = true
            record(
                EventDraft(.itemExpedited, item: item.number, field: "expedite", before: "false", after: "true"),
                at: at, by: pick(Self.members))
        }
        if item.stage == 5 && random.unit() < 0.5 {
            at = later(at, days: 7...30)
            item.archived = true
            record(
                EventDraft(.itemArchived, item: item.number, entity: .stage, entityID: 5), at: at,
                by: pick(Self.members))
        }
    }

    private mutating func later(_ date: Date, days: ClosedRange<Double>) -> Date {
        let step = (days.lowerBound + random.unit() * (days.upperBound - days.lowerBound)) * 86_400
        return max(date, min(now.addingTimeInterval(-60), date.addingTimeInterval(step)))
    }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[random.below(choices.count)] }
}

/// A small, fast pseudo-random generator with a seed, so every run builds the same board.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
