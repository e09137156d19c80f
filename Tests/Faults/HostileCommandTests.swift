import BatonTestSupport
import Foundation
import Testing

/// Hostile board text through the command line: human text is sanitised wherever it goes (a
/// pipe, a file or a terminal), JSON keeps the exact data, and nothing crashes.
@Suite("hostile text: command line output", .serialized)
struct HostileCommandTests {
    /// Every command that prints board text for people, with whether its lines end in CR LF.
    static func textCommands(items: Int) -> [(arguments: [String], crlf: Bool)] {
        let fixed: [[String]] = [
            [], ["show"], ["show", "--width", "240"], ["show", "--width", "30"], ["item", "list"], ["log"],
            ["member", "list"], ["stage", "list"], ["outcome", "list"], ["outcome", "show", "2"], ["standup", "list"],
            ["standup", "show", "last", "--format", "text"], ["standup", "show", "last", "--format", "markdown"],
            ["report", "flow"], ["report", "flow", "--format", "markdown"], ["report", "outcomes"],
            ["report", "outcomes", "--format", "markdown"], ["export", "--format", "markdown"], ["check"],
        ]
        return fixed.map { ($0, false) } + (1...items).map { (["item", "show", "\($0)"], false) }
            + [(["export", "--format", "csv"], true)]
    }

    @Test(.timeLimit(.minutes(1)), arguments: Backend.allCases)
    func textOutputHoldsNoControlCharacters(_ backend: Backend) throws {
        let board = try HostileBoard.make(on: backend)
        var all = Data()
        for (arguments, crlf) in Self.textCommands(items: board.corpus.count) {
            let result = try board.baton(arguments)
            let command = "baton \(arguments.joined(separator: " "))"
            #expect([0, 65].contains(result.status) && !result.stdout.isEmpty, "\(command): \(result.transcript)")
            #expect(!result.stderr.contains("Fatal error"), "\(command) crashed: \(result.stderr)")
            let leaks = RawOutput(result.stdoutData).textLeaks(crlf: crlf) + RawOutput(result.stderrData).textLeaks()
            #expect(leaks.isEmpty, "\(command) printed \(leaks.count) controls: \(leaks.prefix(6))")
            all += result.stdoutData
        }
        // The text did come through, as text with visible placeholders.
        let text = String(decoding: all, as: UTF8.self)
        for fragment in ["pwned-0", "␛[2JK1", "看板任务", "fdp.exe", "Before", "Line one"] {
            #expect(text.contains(fragment), "no command printed “\(fragment)”")
        }
    }

    /// On a terminal the same commands may add colour, and nothing else.
    @Test(.timeLimit(.minutes(1)), arguments: Backend.allCases)
    func textOutputOnATerminalHoldsNoSequenceFromTheText(_ backend: Backend) throws {
        let board = try HostileBoard.make(on: backend)
        let binary = try Paths.requireBinary()
        // Without a subcommand baton opens the full-screen board on a terminal: that has its own tests.
        let commands = Self.textCommands(items: board.corpus.count).filter { !$0.arguments.isEmpty }.map { command in
            ([shellQuote(binary)] + board.on(command.arguments).map(shellQuote)).joined(separator: " ")
        }
        let raw = board.box.path("raw-cli")
        let script = board.box.path("commands.sh")
        let prefix = TmuxSession.envPrefix(board.box)
        try commands.map { "\(prefix) \($0)" }.joined(separator: "\n").write(
            toFile: script, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            sandbox: board.box, width: 160, height: 50,
            script: TmuxSession.script(running: "sh \(shellQuote(script))", sandbox: board.box, gated: true))
        defer { tmux.kill() }
        try tmux.pipePane(to: raw)
        try tmux.release()
        #expect(try tmux.waitForExit(timeout: 30) == 0)
        try expectNothingLeaked(raw, tmux)
    }

    /// JSON is data: every text field reads back exactly as stored (only bytes that are not
    /// UTF-8 become U+FFFD), with control characters as JSON escapes.
    @Test(.timeLimit(.minutes(1)), arguments: Backend.allCases)
    func jsonKeepsTheExactText(_ backend: Backend) throws {
        let board = try HostileBoard.make(on: backend)
        let members = try board.box.jsonArray(board.on(["member", "list", "--json"]))
        let stages = try board.box.jsonArray(board.on(["stage", "list", "--json"]))
        for (index, text) in board.corpus.enumerated() {
            let item = try #require(
                try board.box.json(board.on(["item", "show", "\(index + 1)", "--json"])) as? [String: Any])
            let readBack = board.readBack(text)
            #expect(item["title"] as? String == readBack, "title of \(text)")
            #expect(item["notes"] as? String == readBack, "notes of \(text)")
            let comments = item["comments"] as? [[String: Any]]
            #expect(comments?.first?["text"] as? String == readBack, "comment of \(text)")
            #expect(members.contains { $0["name"] as? String == readBack }, "member named \(text)")
            #expect(stages.contains { $0["name"] as? String == readBack }, "stage named \(text)")
        }
        for arguments in [
            ["show", "--json"], ["export", "--format", "json"], ["report", "flow", "--format", "json"],
            ["standup", "show", "last", "--format", "json"],
        ] {
            let result = try board.baton(arguments)
            #expect(
                result.status == 0 && (try? JSONSerialization.jsonObject(with: result.stdoutData)) != nil,
                "baton \(arguments.joined(separator: " ")): \(result.transcript)")
            #expect(!result.stdoutData.contains(0x1B), "a raw ESC in baton \(arguments.joined(separator: " "))")
        }
    }
}
