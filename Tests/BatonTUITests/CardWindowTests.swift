import Testing

@testable import BatonTUI

/// Which card a column shows first: the column turns a page at a time, keeping one card of
/// context, so that most selection moves redraw two cards rather than the whole column.
@Suite struct CardWindowTests {
    /// 50 cards of 4 rows (3 lines and a gap) in a column of 20 rows: five cards fit (the last
    /// card's gap may fall off the bottom).
    let window = CardWindow(count: 50, rows: 20) { _ in 4 }

    @Test func aVisibleSelectionKeepsTheColumnWhereItIs() {
        for index in 0...4 { #expect(window.first(showing: index, from: 0) == 0) }
        #expect(window.first(showing: 12, from: 10) == 10)
    }

    @Test func goingBelowTheLastCardTurnsAPageKeepingOneCardAbove() {
        #expect(window.first(showing: 5, from: 0) == 4, "the card above stays as context")
        // The next four moves down stay on that page: no column redraw.
        for index in 6...8 { #expect(window.first(showing: index, from: 4) == 4) }
        #expect(window.first(showing: 9, from: 4) == 8)
    }

    @Test func goingAboveTheFirstCardTurnsAPageBackKeepingOneCardBelow() {
        // From a page starting at card 20, selecting card 19 shows it second from the bottom.
        #expect(window.first(showing: 19, from: 20) == 16)
        #expect(window.first(showing: 0, from: 3) == 0)
    }

    @Test func theLastPageIsFullRatherThanHalfEmpty() {
        #expect(window.first(showing: 49, from: 0) == 45, "jumping to the end shows the last five cards")
        #expect(window.first(showing: 48, from: 40) == 45, "a page turn near the end stops at the last full page")
    }

    @Test func aCardTallerThanTheColumnIsShownFromItsTop() {
        let tall = CardWindow(count: 3, rows: 5) { $0 == 1 ? 9 : 3 }
        #expect(tall.first(showing: 1, from: 0) == 1)
        #expect(tall.first(showing: 2, from: 1) == 2)
    }

    @Test func shortColumnsNeverScroll() {
        let short = CardWindow(count: 3, rows: 20) { _ in 4 }
        for index in 0..<3 { #expect(short.first(showing: index, from: 0) == 0) }
    }
}
