import BatonTestSupport
import Foundation
import Testing

/// A 10,000-item board whose titles are 300 characters long stays responsive: selection,
/// a move, the detail and the filter each answer within a generous liveness bound (how fast is
/// measured by `make bench`, not here).
@Suite("hostile sizes: a 10,000-item board")
struct HostileLargeBoardTests {
    static let items = 10_000
    /// Generous: a frozen or spinning TUI misses it, a slow machine does not.
    static let liveness = 20.0

    @Test(.timeLimit(.minutes(2)))
    func aHugeBoardAnswersEveryKey() throws {
        let box = try Self.hugeBoard()
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, width: 160, height: 50)
        defer { tmux.kill() }
        try tmux.waitFor("#4 Item 00004", timeout: Self.liveness)

        try tmux.send("G")
        try tmux.waitFor("#10000 Item 10000", timeout: Self.liveness)
        try tmux.send("g")
        try tmux.waitUntil("#4 selected", timeout: Self.liveness) { $0.contains("▌#4 Item 00004") }
        try tmux.send("j")
        try tmux.waitUntil("#8 selected", timeout: Self.liveness) { $0.contains("▌#8 Item 00008") }

        try tmux.send("L")
        try tmux.waitUntil("#8 in the second stage", timeout: Self.liveness) { screen in
            row(containing: "#8 Item 00008", in: screen)?.components(separatedBy: "#8 Item")[0].contains("│") == true
        }
        #expect(try box.item(8)["stage"] as? String == "Ready")

        try tmux.send("Enter")
        try tmux.waitUntil("the detail of #8", timeout: Self.liveness) {
            $0.contains("History") && $0.contains("#8 Item 00008")
        }
        try tmux.escape()
        try tmux.send("/")
        try tmux.waitFor("Filter", timeout: Self.liveness)
        try tmux.type("09999")
        try tmux.send("Enter")
        let filtered = try tmux.waitUntil("only #9999", timeout: Self.liveness) {
            $0.contains("#9999 Item 09999") && !$0.contains("#4 Item")
        }
        #expect(!filtered.contains("#10000"), "the filter left other items:\n\(filtered)")
        try tmux.send("q")
        #expect(try tmux.waitForExit(timeout: Self.liveness) == 0)
    }

    /// A board with `items` items of exactly 300 characters (some accented and wide), spread over
    /// the four stages, written with sqlite3 in one transaction.
    static func hugeBoard() throws -> Sandbox {
        let box = try Sandbox.withBoard(prefix: "baton-huge")
        let sqlite = try #require(Paths.tool("sqlite3"), "the sqlite3 tool is needed to write a large board")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let sql = """
            BEGIN;
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < \(items))
            INSERT INTO item (number, title, notes, kind, expedite, stage_id, position, revision, archived,
                              created_at, updated_at, stage_since)
            SELECT x, printf('Item %05d ', x) || substr(replace(hex(zeroblob(100)), '00', 'long title, naïve 看板 '), 1, 289),
                   '', 'work', 0, x % 4 + 1, x, 1, 0, \(now), \(now), \(now) FROM n;
            UPDATE meta SET value = '\(items + 1)' WHERE key = 'next_item';
            COMMIT;
            """
        let written = try box.run(sqlite, [box.boardPath, sql])
        try #require(written.status == 0, "sqlite3 failed: \(written.transcript)")
        let first = try box.item(4)
        try #require(
            (first["title"] as? String)?.count == 300, "the titles are not 300 characters: \(first["title"] ?? "none")")
        return box
    }
}
