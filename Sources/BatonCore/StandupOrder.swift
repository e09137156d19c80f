import Foundation

/// The order in which a stand-up's participants speak.
///
/// By default business and IT speakers take turns, so that neither half of the squad talks for
/// long stretches on its own. Both rules are deterministic: the default depends only on the members
/// as given, and the shuffle only on the members and its seed.
public enum StandupOrder {
    /// The members alternating by discipline, starting with the larger group (business when both
    /// are the same size); within a discipline members keep the order given. When one group runs
    /// out, the rest of the other follows.
    public static func alternating(_ members: [Member]) -> [MemberID] {
        let (business, it) = split(members)
        return interleave(business, it, businessFirst: business.count >= it.count)
    }

    /// A random-looking order that still alternates business and IT: each discipline is shuffled
    /// with a generator seeded by `seed`, and when both groups are the same size the seed also
    /// picks which starts. The same members and seed always give the same order.
    public static func shuffled(_ members: [Member], seed: UInt64) -> [MemberID] {
        var generator = SeededGenerator(seed: seed)
        var (business, it) = split(members)
        shuffle(&business, &generator)
        shuffle(&it, &generator)
        let businessFirst = business.count == it.count ? generator.next() % 2 == 0 : business.count > it.count
        return interleave(business, it, businessFirst: businessFirst)
    }

    /// The members' ids split by discipline, keeping their order.
    private static func split(_ members: [Member]) -> ([MemberID], [MemberID]) {
        var seen = Set<MemberID>()
        let unique = members.filter { seen.insert($0.id).inserted }
        return (
            unique.filter { $0.discipline == .business }.map(\.id), unique.filter { $0.discipline == .it }.map(\.id)
        )
    }

    private static func interleave(_ business: [MemberID], _ it: [MemberID], businessFirst: Bool) -> [MemberID] {
        let (first, second) = businessFirst ? (business, it) : (it, business)
        var order: [MemberID] = []
        for index in 0..<max(first.count, second.count) {
            if index < first.count { order.append(first[index]) }
            if index < second.count { order.append(second[index]) }
        }
        return order
    }

    /// Fisher–Yates, written out so that the order never depends on the standard library's algorithm.
    private static func shuffle(_ ids: inout [MemberID], _ generator: inout SeededGenerator) {
        guard ids.count > 1 else { return }
        for index in stride(from: ids.count - 1, to: 0, by: -1) {
            let other = Int(generator.next() % UInt64(index + 1))
            ids.swapAt(index, other)
        }
    }
}

/// A small deterministic random number generator (SplitMix64): the same seed gives the same numbers
/// on every platform and Swift version.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
