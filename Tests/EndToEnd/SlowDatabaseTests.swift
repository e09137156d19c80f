import BatonTestSupport
import Foundation
import Testing

/// The full-screen board on a database 40 ms away each way (through `DelayProxy`): keys are
/// answered from what the board holds while a save is still on its way, and the save arrives
/// once the network lets it through.
@Suite("end to end: a board in a database far away")
struct SlowDatabaseTests {
    /// Each item's stage, by number, through the command line on the server's own socket.
    static func stages(_ box: Sandbox, _ address: String) throws -> [Int: String] {
        let items = try box.jsonArray("item", "list", "--json", "--board", address)
        return Dictionary(uniqueKeysWithValues: items.map { ($0["number"] as? Int ?? 0, $0["stage"] as? String ?? "") })
    }

    @Test(.timeLimit(.minutes(1)))
    func keysAreAnsweredWhileTheSaveIsOnItsWayAndTheSaveArrivesAfter() throws {
        let box = try Sandbox(prefix: "baton-e2e")
        let server = try PostgresServer.shared.get()
        let (database, address) = try DatabaseBoardTests.sampleBoard(on: server, in: box)
        let before = try Self.stages(box, address)
        let proxy = try DelayProxy(to: server)
        defer { proxy.stop() }
        let ana = try DatabaseBoardTests.session(
            proxy.connectionString(database) + " board=squad", as: "ana", in: box)
        defer { ana.kill() }
        try ana.select(item: 1)

        proxy.hold()
        // Keys go on being answered: neither the save nor presence nor the change feed waits on the loop.
        try ana.send("L", "h")
        let screen = try ana.waitUntil("#1 drawn in Ready and the selection back in Backlog", timeout: 3) { screen in
            cards(in: screen).first { $0.number == 1 }?.column == 1 && selectedCard(in: screen)?.column == 0
        }
        #expect(!screen.contains("OFFLINE"), "a slow answer is not an outage")
        usleep(500_000)  // past the moment the new selection is due to be written as presence
        try ana.send("l")
        try ana.waitUntil("the selection in Ready again", timeout: 3) { selectedCard(in: $0)?.column == 1 }
        #expect(try Self.stages(box, address) == before, "the move is still on its way to the server")

        proxy.release()
        try ana.waitFor("Moved #1 from Backlog to Ready", timeout: 10)  // said once the save is answered
        var expected = before
        expected[1] = "Ready"
        #expect(try Self.stages(box, address) == expected, "the move is saved, and nothing else changed")
    }
}
