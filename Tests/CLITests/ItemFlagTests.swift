import Foundation
import Testing

@Suite("assign, block, expedite, archive and comments")
struct ItemFlagTests {
    static func boardWithPair() throws -> Sandbox {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
        try box.ok("member", "add", "Ben Okafor", "--handle", "bo", "--discipline", "it")
        try box.ok("item", "add", "Pair on this")
        return box
    }

    @Test func assignAndUnassign() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "assign", "1", "ana")
        try box.ok("item", "assign", "#1", "bo", "--involved")
        var item = try box.item(1)
        #expect(item["owners"] as? [String] == ["ana"])
        #expect(item["involved"] as? [String] == ["bo"])
        #expect(try box.jsonArray("item", "list", "--member", "bo", "--json").count == 1)
        try box.ok("item", "unassign", "1", "ana")
        item = try box.item(1)
        #expect(item["owners"] as? [String] == [])
        let again = try box.baton("item", "unassign", "1", "ana")
        #expect(again.status == 65, "\(again.transcript)")
        #expect(again.stderr.contains("ana"))
        let unknown = try box.baton("item", "assign", "1", "zz")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("'zz'"))
        #expect(unknown.stderr.contains("ana (Ana Lima)") && unknown.stderr.contains("bo (Ben Okafor)"))
        #expect(try box.baton("item", "assign", "7", "ana").status == 65)
    }

    @Test func blockAndUnblock() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "block", "1", "Waiting", "for", "the", "registry")
        var item = try box.item(1)
        #expect(item["blocked"] as? String == "Waiting for the registry")
        #expect(item["blockedSince"] as? String != nil)
        let blocked = try box.jsonArray("item", "list", "--blocked", "--json")
        #expect(blocked.compactMap { $0["number"] as? Int } == [1])
        #expect(try box.baton("item", "block", "1", "two\nlines").status == 65)
        try box.ok("item", "unblock", "#1")
        item = try box.item(1)
        #expect(item["blocked"] == nil)
        #expect(try box.jsonArray("item", "list", "--blocked", "--json").isEmpty)
        #expect(try box.baton("item", "block", "5", "why").status == 65)
    }

    @Test func expediteAndClear() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "add", "Second")
        try box.ok("item", "expedite", "2")
        #expect(try box.item(2)["expedite"] as? Bool == true)
        let backlog = try box.shownStages().first?["items"] as? [[String: Any]]
        #expect(backlog?.first?["number"] as? Int == 2, "the expedited item is drawn first")
        try box.ok("item", "expedite", "2", "--off")
        #expect(try box.item(2)["expedite"] as? Bool == false)
    }

    @Test func archiveHidesAndRestoreBringsBack() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "add", "Stays")
        try box.ok("item", "archive", "1")
        #expect(try box.jsonArray("item", "list", "--json").compactMap { $0["number"] as? Int } == [2])
        let archived = try box.jsonArray("item", "list", "--archived", "--json")
        #expect(archived.compactMap { $0["number"] as? Int } == [1])
        #expect(archived.first?["archived"] as? Bool == true)
        #expect(!(try box.ok("show").stdout.contains("Pair on this")))
        try box.ok("item", "restore", "1")
        #expect(try box.item(1)["archived"] as? Bool == false)
        #expect(try box.item(1)["stage"] as? String == "Backlog")
        #expect(try box.jsonArray("item", "list", "--json").count == 2)
        // Numbers are never reused.
        #expect(try box.ok("item", "add", "Third").itemNumber == 3)
    }

    @Test func commentsFromArgumentsAndStandardInput() throws {
        let box = try Self.boardWithPair()
        try box.ok("comment", "1", "Looks", "good", "to", "me", "--as", "ana")
        try box.ok("comment", "#1", "-", "--as", "bo", stdin: "From a pipe.\nSecond line.\n")
        let comments = try #require(try box.item(1)["comments"] as? [[String: Any]])
        #expect(comments.count == 2)
        #expect(comments.first?["text"] as? String == "Looks good to me")
        #expect(comments.first?["author"] as? String == "ana")
        #expect((comments.last?["text"] as? String)?.hasPrefix("From a pipe.\nSecond line.") == true)
        #expect(comments.last?["author"] as? String == "bo")
        let shown = try box.ok("item", "show", "1")
        #expect(shown.stdout.contains("Looks good to me"))
        let empty = try box.baton("comment", "1", "")
        #expect(empty.status == 65)
        #expect(empty.stderr.hasPrefix("baton: "))
        let emptyStdin = try box.baton("comment", "1", "-", stdin: "")
        #expect(emptyStdin.status == 65, "\(emptyStdin.transcript)")
        let missing = try box.baton("comment", "3", "hello")
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("#3"))
        #expect(try box.baton("comment", "abc", "hello").status == 64)
    }

    @Test func itemShowTextListsFieldsCommentsAndHistory() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "assign", "1", "ana")
        try box.ok("item", "move", "1", "Doing")
        try box.ok("comment", "1", "On it")
        let show = try box.ok("item", "show", "1")
        #expect(show.stdout.hasPrefix("#1 Pair on this"))
        #expect(show.stdout.contains("Doing"))
        #expect(show.stdout.contains("ana"))
        #expect(show.stdout.contains("On it"))
        #expect(show.stdout.contains("moved #1 from Backlog to Doing"))
    }

    @Test func listFilters() throws {
        let box = try Self.boardWithPair()
        try box.ok("item", "add", "A worry", "--kind", "concern", "--stage", "Ready")
        try box.ok("item", "add", "A chance", "--kind", "opportunity", "--owner", "ana")
        #expect(
            try box.jsonArray("item", "list", "--kind", "concern", "--json").compactMap { $0["number"] as? Int } == [2])
        #expect(
            try box.jsonArray("item", "list", "--stage", "ready", "--json").compactMap { $0["number"] as? Int } == [2])
        #expect(
            try box.jsonArray("item", "list", "--member", "ana", "--json").compactMap { $0["number"] as? Int } == [3])
        let text = try box.ok("item", "list")
        #expect(text.lines.count == 3)
        #expect(text.stdout.contains("#2") && text.stdout.contains("A worry"))
        let bad = try box.baton("item", "list", "--stage", "Nowhere")
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("Backlog, Ready, Doing, Done"))
        #expect(try box.baton("item", "list", "--member", "zz").status == 65)
    }
}
