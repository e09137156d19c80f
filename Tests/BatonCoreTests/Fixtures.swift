import Foundation
import Testing

@testable import BatonCore

/// A fixed clock and a small board shared by the domain tests.
enum Fixture {
    /// The moment the board was made.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    /// A later moment, used for changes.
    static let t1 = Date(timeIntervalSince1970: 1_780_003_600)

    static let ana = Member(id: 99, name: "Ana Lima", handle: "ana", discipline: .business, login: "ana")
    /// Acts as Ana (member 1).
    static let asAna = Actor(account: "ana", member: 1)
    /// Acts as Bo (member 2) from Ana's account, as at the shared terminal.
    static let asBo = Actor(account: "ana", member: 2)

    // Default stages of `Board.new`.
    static let backlog: StageID = 1
    static let ready: StageID = 2
    static let doing: StageID = 3
    static let done: StageID = 4

    /// A fresh board from `Board.new`: Ana is member 1, nothing else.
    static func bare() throws -> Board {
        try Board.new(name: "Squad", creator: ana)
    }

    /// Ana (1, business), Bo (2, it, login bo), Cy (3, it, no login) and outcome 1
    /// ("Onboarding takes 3 days", baseline 10, target 3).
    static func board() throws -> Board {
        var board = try bare()
        _ = try board.apply(.addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), by: asAna, at: t0)
        _ = try board.apply(.addMember(name: "Cy Dube", handle: "CD", discipline: .it, login: nil), by: asAna, at: t0)
        _ = try board.apply(
            .addOutcome(
                NewOutcome(
                    title: "Onboarding takes 3 days", metric: "onboarding time",
                    unit: "days", baseline: 10, target: 3)), by: asAna, at: t0)
        return board
    }

    /// `board()` with items titled `titles` added to `stage` (bottom), numbered 1, 2, 3 ...
    static func board(items titles: [String], in stage: StageID = backlog) throws -> Board {
        var board = try board()
        for title in titles { _ = try board.apply(.addItem(NewItem(title: title, stage: stage)), by: asAna, at: t0) }
        return board
    }
}

/// Applies `action` at `Fixture.t1`, expecting success, and checks the board's invariants afterwards.
@discardableResult
func apply(
    _ action: Action, to board: inout Board, by actor: Actor = Fixture.asAna, at time: Date = Fixture.t1,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Change {
    let change = try board.apply(action, by: actor, at: time)
    checkInvariants(board, sourceLocation: sourceLocation)
    return change
}

/// Applies `action` expecting a `BatonError` of `category` whose message contains each of `mentions`,
/// and checks that the board is exactly as it was before.
@discardableResult
func expectFailure(
    _ action: Action, on board: inout Board, category: ErrorCategory = .data, mentions: [String] = [],
    by actor: Actor = Fixture.asAna, sourceLocation: SourceLocation = #_sourceLocation
) -> BatonError? {
    let before = board
    var attempt = board
    let error = expectBatonError(category, mentions: mentions, sourceLocation: sourceLocation) {
        _ = try attempt.apply(action, by: actor, at: Fixture.t1)
    }
    #expect(attempt == before, "the board changed although \(action) failed", sourceLocation: sourceLocation)
    return error
}

/// A message is one line that ends with a full stop.
func expectOneSentence(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!message.isEmpty, sourceLocation: sourceLocation)
    #expect(!message.contains("\n"), "message spans lines: \(message)", sourceLocation: sourceLocation)
    #expect(message.hasSuffix("."), "message does not end a sentence: \(message)", sourceLocation: sourceLocation)
}

/// Expects a `BatonError` from `body` (for `TextRules` and friends) and returns it.
@discardableResult
func expectBatonError(
    _ category: ErrorCategory = .data, mentions: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> BatonError? {
    do {
        try body()
        Issue.record("expected a BatonError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as BatonError {
        #expect(error.category == category, "\(error.message)", sourceLocation: sourceLocation)
        for fragment in mentions {
            #expect(
                error.message.contains(fragment), "message \"\(error.message)\" does not mention \"\(fragment)\"",
                sourceLocation: sourceLocation)
        }
        expectOneSentence(error.message, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a BatonError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The invariants every board must keep after any successful action.
func checkInvariants(_ board: Board, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        board.stages.map(\.position) == Array(0..<board.stages.count), "stage positions are not 0...n-1",
        sourceLocation: sourceLocation)
    #expect(Set(board.stages.map(\.id)).count == board.stages.count, "stage ids repeat", sourceLocation: sourceLocation)
    #expect(
        Set(board.stats.keys) == Set(board.stages.map(\.id)), "stats do not cover exactly the stages",
        sourceLocation: sourceLocation)
    for stage in board.stages {
        let held = board.items.values.filter { $0.stage == stage.id }
        let stats = board.stats[stage.id] ?? StageStats()
        #expect(
            stats.total == held.count, "stage \(stage.name): total \(stats.total), items \(held.count)",
            sourceLocation: sourceLocation)
        #expect(
            stats.open == held.filter { !$0.archived }.count, "stage \(stage.name): open count is wrong",
            sourceLocation: sourceLocation)
        #expect(
            Set(held.map(\.position)).count == held.count, "stage \(stage.name): positions repeat",
            sourceLocation: sourceLocation)
        for item in held {
            #expect(
                stats.minPosition.map { $0 <= item.position } == true
                    && stats.maxPosition.map { $0 >= item.position } == true,
                "#\(item.number) at \(item.position) lies outside the stage bounds \(stats)",
                sourceLocation: sourceLocation)
        }
    }
    for (number, item) in board.items {
        #expect(number == item.number, sourceLocation: sourceLocation)
        #expect(number < board.nextItemNumber, "#\(number) is not below nextItemNumber", sourceLocation: sourceLocation)
        #expect(board.stage(item.stage) != nil, "#\(number) is in a missing stage", sourceLocation: sourceLocation)
        #expect(
            Set(item.owners).isDisjoint(with: item.involved), "#\(number) has a member both owner and involved",
            sourceLocation: sourceLocation)
        for id in item.owners + item.involved {
            #expect(board.member(id) != nil, "#\(number) names a missing member", sourceLocation: sourceLocation)
        }
    }
}

extension Board {
    /// The numbers of a stage's open items in display order.
    func order(_ stage: StageID) -> [ItemNumber] { openItems(in: stage).map(\.number) }
}
