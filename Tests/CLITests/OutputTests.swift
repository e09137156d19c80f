import Foundation
import Testing

@Suite("output: JSON, plain text and who acted")
struct OutputTests {
    /// Every read-only command, in text and JSON form, against the sample board.
    static let readCommands: [[String]] = [
        ["show"], ["show", "--width", "200"], ["show", "--width", "40"], ["show", "--json"],
        ["item", "list"], ["item", "list", "--json"], ["item", "list", "--archived", "--json"],
        ["item", "show", "6"], ["item", "show", "6", "--json"],
        ["member", "list"], ["member", "list", "--json"],
        ["stage", "list"], ["stage", "list", "--json"],
        ["outcome", "list"], ["outcome", "list", "--json"], ["outcome", "show", "1"],
        ["outcome", "show", "1", "--json"],
        ["log"], ["log", "--json"], ["log", "--item", "6", "--json"],
        ["export"], ["export", "--format", "markdown"], ["export", "--format", "csv"],
        ["check"], ["check", "--json"],
    ]

    @Test func noEscapeCodesWhenStdoutIsNotATerminal() throws {
        let box = try Sandbox.withBoard(sample: true)
        for args in Self.readCommands {
            let result = try box.baton(
                args, env: ["TERM": "xterm-256color", "NO_COLOR": nil, "COLORTERM": "truecolor"])
            #expect(result.status == 0, "\(args): \(result.transcript)")
            #expect(!result.stdoutData.containsEscape, "ESC in stdout of \(args)")
            #expect(!result.stderrData.containsEscape, "ESC in stderr of \(args)")
            #expect(!result.stdout.isEmpty, "\(args) printed nothing")
        }
    }

    @Test func everyJSONOutputParses() throws {
        let box = try Sandbox.withBoard(sample: true)
        for args in Self.readCommands where args.contains("--json") || args == ["export"] {
            let result = try box.baton(args)
            #expect(result.status == 0, "\(args): \(result.transcript)")
            #expect(
                (try? JSONSerialization.jsonObject(with: result.stdoutData)) != nil,
                "\(args) is not JSON: \(result.stdout.prefix(200))")
        }
    }

    @Test func jsonCarriesTheExpectedValues() throws {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
        try box.ok("item", "add", "Visible title", "--stage", "Doing", "--owner", "ana", "--kind", "opportunity")
        try box.ok("comment", "1", "First!")
        let board = try box.shownStages()
        #expect(board.compactMap { $0["name"] as? String } == ["Backlog", "Ready", "Doing", "Done"])
        let doing = try #require(board[2]["items"] as? [[String: Any]])
        #expect(doing.count == 1)
        #expect(doing.first?["title"] as? String == "Visible title")
        #expect(board[2]["wipLimit"] as? Int == 5)
        let listed = try #require(try box.jsonArray("item", "list", "--json").first)
        #expect(listed["number"] as? Int == 1)
        #expect(listed["owners"] as? [String] == ["ana"])
        #expect(listed["kind"] as? String == "opportunity")
        let log = try box.jsonArray("log", "--json")
        let kinds = log.compactMap { ($0["change"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.contains("item.created") && kinds.contains("comment.added"))
        let seqs = log.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
        #expect(try box.jsonArray("log", "--json", "--limit", "2").count == 2)
        let itemLog = try box.jsonArray("log", "--json", "--item", "#1")
        #expect(!itemLog.isEmpty && itemLog.allSatisfy { ($0["change"] as? [String: Any])?["item"] as? Int == 1 })
        #expect(try box.baton("log", "--limit", "0").status == 64)
        #expect(try box.jsonArray("log", "--json", "--since", "2999-01-01").isEmpty)
        #expect(try box.jsonArray("log", "--json", "--since", "2000-01-01").count == log.count)
    }

    @Test func unicodeNamesAndTitlesRender() throws {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Zoë Ærøskøbing", "--handle", "zo", "--discipline", "it")
        try box.ok("member", "add", "山田 太郎", "--handle", "yt", "--discipline", "business")
        try box.ok("rename", "Équipe 🚀")
        try box.ok("item", "add", "Prüfung der Anträge 申请 🧾", "--owner", "zo", "--involved", "yt")
        for width in ["120", "30"] {
            let show = try box.baton("show", "--width", width)
            #expect(show.status == 0, "\(show.transcript)")
            #expect(show.stdout.contains("Équipe 🚀"))
            #expect(show.stdout.contains("Prüfung"))
            #expect(show.stdout.contains("zo (yt)"), "the owner, then the involved member in brackets")
            #expect(!show.stdoutData.containsEscape)
        }
        let members = try box.ok("member", "list")
        #expect(members.stdout.contains("Zoë Ærøskøbing") && members.stdout.contains("山田 太郎"))
        let json = try box.jsonArray("member", "list", "--json")
        #expect(json.contains { $0["name"] as? String == "山田 太郎" })
        #expect(try box.item(1)["title"] as? String == "Prüfung der Anträge 申请 🧾")
    }

    @Test func actingAsAMemberIsRecorded() throws {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
        let ana = try #require(try box.jsonArray("member", "list", "--json").first { $0["handle"] as? String == "ana" })
        let anaID = try #require(ana["id"] as? Int)
        try box.ok("item", "add", "Done by Ana", "--as", "ana")
        try box.ok("item", "move", "1", "Ready", "--as", "@ANA")
        let events = try box.jsonArray("log", "--json", "--item", "1")
        #expect(events.count == 2)
        for event in events {
            #expect(event["member"] as? Int == anaID, "\(event)")
            #expect((event["account"] as? String)?.isEmpty == false, "the Unix account is recorded too")
        }
        #expect(try box.ok("log", "--item", "1").stdout.contains("ana moved #1"))
        try box.ok("item", "edit", "1", "--title", "By the creator")
        let last = try #require(try box.jsonArray("log", "--json", "--limit", "1").first)
        #expect(last["member"] as? Int != anaID)

        let unknown = try box.baton("item", "add", "Ghost", "--as", "zz")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.hasPrefix("baton: "))
        #expect(unknown.stderr.contains("'zz'") && unknown.stderr.contains("ana (Ana Lima)"))
        #expect(try box.jsonArray("item", "list", "--json").count == 1)
    }

    @Test func usageErrorsAreOneSentencePrefixedWithBaton() throws {
        let box = try Sandbox.withBoard()
        let result = try box.baton("item", "move", "abc", "Doing")
        #expect(result.status == 64)
        #expect(result.stderr.contains("abc"))
        #expect(result.stderr.hasPrefix("baton: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
