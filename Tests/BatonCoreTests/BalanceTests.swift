import Foundation
import Testing

@testable import BatonCore

@Suite("Co-creation balance")
struct BalanceTests {
    typealias F = FlowFixture

    /// Ana is business; Bo and Cy are IT.
    static func board() -> Board {
        var items = [
            F.item(1, F.doing, since: 0, outcome: 1, owners: [1, 2]),
            F.item(2, F.doing, since: 0, outcome: 1, owners: [1], involved: [3]),
            F.item(3, F.doing, since: 0, owners: [2, 3], blocked: true),
            F.item(4, F.doing, since: 0),
            F.item(5, F.backlog, since: 0, owners: [2]),
            F.item(6, F.doing, since: 0, archived: true, owners: [1, 2]),
            F.item(7, F.doing, since: 0, outcome: 1, owners: [2], involved: [2, 1]),
            F.item(8, F.doing, since: 0, outcome: 1, owners: [2]),
            F.item(9, F.done, since: 0, owners: [1, 3]),
        ]
        items[3].expedite = true
        return F.board(items)
    }

    @Test func pairingPerStage() {
        let balance = Balance.compute(board: Self.board())
        #expect(balance.pairing.map(\.stage) == [1, 2, 3, 4])
        let doing = balance.pairing[2]
        #expect(
            doing.both == 1 && doing.businessOnly == 1 && doing.itOnly == 3 && doing.neither == 1,
            "archived #6 left out")
        #expect(doing.total == 6)
        #expect(balance.pairing[0].itOnly == 1 && balance.pairing[0].total == 1)
        #expect(balance.pairing[1].total == 0)
        #expect(balance.pairing[3].both == 1)
    }

    @Test func theCardsPairingRuleIsTheBalanceScreens() {
        let board = Self.board()
        let gaps = Set(Balance.compute(board: board).gaps.map(\.number))
        let flagged = Set(board.items.values.filter(board.hasPairingGap).map(\.number))
        #expect(flagged == gaps)
        #expect(!board.hasPairingGap(board.items[1]!), "business and IT owners")
        #expect(!board.hasPairingGap(board.items[5]!), "a queue stage needs no pair")
        #expect(!board.hasPairingGap(board.items[6]!), "archived")
        #expect(board.hasPairingGap(board.items[4]!), "no owner at all")
    }

    @Test func pairingGapsInActiveStagesInDisplayOrder() {
        let gaps = Balance.compute(board: Self.board()).gaps
        #expect(gaps.map(\.number) == [4, 2, 3, 7, 8], "expedite #4 first; #5 in Backlog is no gap")
        #expect(gaps[0].lacksBusiness && gaps[0].lacksIT)
        #expect(!gaps[1].lacksBusiness && gaps[1].lacksIT)
        #expect(gaps[2].lacksBusiness && !gaps[2].lacksIT, "a blocked item is still a gap")
        #expect(gaps.allSatisfy { $0.stage == F.doing })
    }

    @Test func loadPerMemberAgainstTheLimit() {
        let balance = Balance.compute(board: Self.board())
        #expect(balance.load.map(\.member) == [1, 2, 3])
        let ana = balance.load[0], bo = balance.load[1], cy = balance.load[2]
        #expect(ana.owned == [1, 2] && ana.involved == [7] && ana.count == 3 && !ana.overloaded)
        #expect(
            bo.owned == [1, 3, 7, 8] && bo.involved.isEmpty && bo.count == 4 && bo.overloaded,
            "owning and being involved in #7 counts once; archived #6 and Backlog #5 not at all")
        #expect(cy.owned == [3] && cy.involved == [2] && !cy.overloaded, "done work does not load anyone")
        let strict = Balance.compute(board: Self.board(), limit: 2)
        #expect(strict.load.map(\.overloaded) == [true, true, false])
        #expect(strict.load.allSatisfy { $0.limit == 2 })
    }

    @Test func activeWorkServingNoOutcome() {
        let balance = Balance.compute(board: Self.board())
        #expect(balance.unlinked == [Balance.StageItems(stage: F.doing, items: [4, 3])])
        #expect(balance.unlinkedCount == 2)
        let calm = Balance.compute(
            board: F.board([F.item(1, F.doing, since: 0, outcome: 1), F.item(2, F.backlog, since: 0)]))
        #expect(calm.unlinked.isEmpty && calm.unlinkedCount == 0 && calm.gaps.map(\.number) == [1])
    }
}
