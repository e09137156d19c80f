import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Writers killed with SIGKILL at random moments, many times over, on a board file and on a board
/// in PostgreSQL: the board stays sound, every change a writer acknowledged (exit 0) is there, and
/// no change is there twice.
@Suite("kill -9 of concurrent writers", .serialized)
struct FaultKillTests {
    static let rounds = 100
    static let writersPerRound = 6
    static let seedItems = 6

    /// One writer's change, told apart from every other by its unique text.
    struct Change {
        let arguments: [String]
        let kind: String
        let text: String
    }

    /// A random change tagged `tag`: an added item, a comment, a title edit, or a move (whose
    /// text is the stage it moves to, so it is only checked for soundness, not counted).
    static func change(_ tag: String, using random: inout some RandomNumberGenerator) -> Change {
        let item = "\(Int.random(in: 1...seedItems, using: &random))"
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Change(arguments: ["item", "add", tag], kind: "item.created", text: tag)
        case 1: return Change(arguments: ["comment", item, tag], kind: "comment.added", text: tag)
        case 2: return Change(arguments: ["item", "edit", item, "--title", tag], kind: "item.edited", text: tag)
        default:
            let stage = ["Backlog", "Ready", "Doing", "Done"].randomElement(using: &random)!
            return Change(arguments: ["item", "move", item, stage], kind: "item.moved", text: "")
        }
    }

    @Test(
        "kill -9 at random moments among concurrent writers loses nothing acknowledged and duplicates nothing",
        .timeLimit(.minutes(3)), arguments: Backend.allCases)
    func killedWritersLoseNothing(_ backend: Backend) throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-kill")
        let board = try backend.board(in: box)
        let onBoard = board.map { ["--board", $0] } ?? []
        for n in 1...Self.seedItems { try #require(try box.baton(["item", "add", "Seed \(n)"] + onBoard).status == 0) }
        let binary = try Paths.requireBinary()
        var random = SystemRandomNumberGenerator()
        var acknowledged: [Change] = []
        var killed: [Change] = []
        var kills = 0
        for round in 1...Self.rounds {
            let changes = (1...Self.writersPerRound).map { Self.change("r\(round)w\($0)", using: &random) }
            let writers = try changes.map { try box.spawn(binary, $0.arguments + onBoard) }
            // Kill a random half of them after a random moment within a writer's usual run.
            usleep(useconds_t.random(in: 0...60_000, using: &random))
            let victims = Set(writers.indices.shuffled(using: &random).prefix(Self.writersPerRound / 2))
            for index in victims { signalProcess(writers[index].pid, SIGKILL) }
            for (index, writer) in writers.enumerated() {
                let result = try writer.wait(timeout: 30)
                if result.status == 0 {
                    acknowledged.append(changes[index])
                } else if result.status == 128 + SIGKILL {
                    killed.append(changes[index])
                    kills += 1
                } else {
                    Issue.record("round \(round): \(changes[index].arguments) failed: \(result.transcript)")
                }
            }
            try expectSound(box, board: board)
        }
        print("FaultKillTests (\(backend)): \(Self.rounds) rounds, \(acknowledged.count) acknowledged, \(kills) killed")
        #expect(kills >= Self.rounds, "too few writers were killed for the test to mean anything")
        try expectNothingLostOrDoubled(box, board: board, acknowledged: acknowledged, killed: killed)
    }

    /// Acknowledged changes are there exactly once; killed ones at most once. Added items and
    /// comments are counted in the board and in the history; title edits, which later edits may
    /// overwrite, in the history only.
    private func expectNothingLostOrDoubled(
        _ box: Sandbox, board location: String?, acknowledged: [Change], killed: [Change]
    ) throws {
        let board = try ExportedBoard(box, board: location)
        let counted = [(acknowledged, true), (killed, false)].flatMap { changes, ok in changes.map { ($0, ok) } }
        for (change, isAcknowledged) in counted where !change.text.isEmpty {
            var counts = [board.count(event: change.kind, after: change.text)]
            if change.kind == "item.created" { counts.append(board.count(title: change.text)) }
            if change.kind == "comment.added" { counts.append(board.count(comment: change.text)) }
            for count in counts {
                #expect(
                    isAcknowledged ? count == 1 : count <= 1,
                    "\(change.arguments) (\(isAcknowledged ? "acknowledged" : "killed")) is there \(count) times")
            }
        }
        #expect(Set(board.itemNumbers).count == board.itemNumbers.count, "an item number appears twice")
        let created = board.events.filter { $0.kind == "item.created" }.count
        #expect(created == board.titles.count, "\(created) item.created events for \(board.titles.count) items")
    }
}
