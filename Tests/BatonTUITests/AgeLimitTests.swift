import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Cards show their age in the stage as a warning past the stage's limit.
@Suite("age limits on cards")
struct AgeLimitTests {
    /// The role of the age figure on item `number`'s card (the first cell drawn as an age below its title).
    func ageRole(of number: ItemNumber, _ s: AppState) -> StyleRole? {
        let frame = View.render(s)
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        guard let at = frame.find("#\(number) ") else { return nil }
        let column = at.x / (layout.columnWidth + 1)
        let x0 = layout.columnX(column), x1 = x0 + layout.width(ofColumn: column)
        for y in at.y..<min(frame.height, at.y + 4) {
            for x in x0..<x1 where frame[x, y].role == .age || frame[x, y].role == .ageOld { return frame[x, y].role }
        }
        return nil
    }

    @Test func activeItemsWarnAfterFiveDaysByDefault() {
        let s = TUI.state(TUI.squad(), width: 120, height: 40)
        let doingItem = s.columns[TUI.doing]!.first {
            s.board.items[$0]!.stageSince < s.now.addingTimeInterval(-5 * 86_400)
        }
        let number = try! #require(doingItem)
        #expect(ageRole(of: number, s) == .ageOld)
    }

    @Test func aStageLimitFromTheConfigWinsOverTheRole() {
        var s = TUI.state(TUI.squad(), width: 120, height: 40)
        let number = s.columns[TUI.ready]![0]
        #expect(ageRole(of: number, s) == .age, "a queue stage allows 14 days")
        s.ageLimits.perStage[TUI.ready] = 86_400
        #expect(ageRole(of: number, s) == .ageOld)
    }
}
