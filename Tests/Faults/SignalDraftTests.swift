import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One way of typing text that has not been saved yet.
struct UnsavedEdit: CustomStringConvertible, Sendable {
    let name: String
    /// The key that opens the editor on item #1, and the label the editor shows.
    let key: String, label: String
    /// Keys and text, in turn: a text is typed literally, a key (`Enter`, `C-u`) is pressed.
    let input: [Step]
    /// Exactly what was typed, as the draft must keep it.
    let text: String
    /// The key that saves the restored draft.
    let save: String
    /// Where `item show 1 --json` must hold the text once saved.
    let field: Field

    enum Step: Sendable { case type(String), key(String) }
    enum Field: Sendable { case title, notes, comment }

    var description: String { name }

    static let title = UnsavedEdit(
        name: "title", key: "e", label: "Title of #1",
        input: [.key("C-u"), .type("Neuer Titel – ünïcødé 看板 ✓")],
        text: "Neuer Titel – ünïcødé 看板 ✓", save: "Enter", field: .title)
    static let notes = UnsavedEdit(
        name: "notes", key: "E", label: "Notes of #1",
        input: [.type("first line"), .key("Enter"), .type("second  line, spaced")],
        text: "first line\nsecond  line, spaced", save: "C-d", field: .notes)
    static let comment = UnsavedEdit(
        name: "comment", key: "c", label: "Comment on #1",
        input: [.type("Kommentar 💬 mit Emoji")], text: "Kommentar 💬 mit Emoji", save: "Enter", field: .comment)

    /// The text this edit left in `item`, from `item show --json`.
    func saved(in item: [String: Any]) -> String? {
        switch field {
        case .title: return item["title"] as? String
        case .notes: return item["notes"] as? String
        case .comment: return (item["comments"] as? [[String: Any]])?.first?["text"] as? String
        }
    }
}

/// A signal while someone types (the SSH connection drops: SIGHUP; or SIGQUIT from Ctrl-\):
/// baton exits within 2 s with 128 + the signal, leaves no process behind, gives the terminal
/// back exactly as it was, and keeps the text as a private draft under $XDG_STATE_HOME/baton
/// that the next start offers back.
@Suite("signals: drafts and the terminal")
struct SignalDraftTests {
    static let cases: [(UnsavedEdit, Int32)] = [
        (.title, SIGHUP), (.notes, SIGHUP), (.comment, SIGHUP), (.title, SIGQUIT),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func aSignalMidEditKeepsTheExactText(edit: UnsavedEdit, signal: Int32) throws {
        let box = try Sandbox.withBoard(prefix: "baton-signal")
        try box.ok("item", "add", "Original title")
        let arguments = ["--board", box.boardPath]
        let first = try TmuxSession.baton(
            arguments, in: box, name: "first", before: Stty.saveBefore, after: Stty.saveAfter)
        defer { first.kill() }
        try first.waitFor("#1 Original title")
        try first.send(edit.key)
        try first.waitFor(edit.label)
        for step in edit.input {
            switch step {
            case .type(let text): try first.type(text)
            case .key(let key): try first.send(key)
            }
        }
        try first.waitFor(edit.text.components(separatedBy: "\n").last!)

        let pid = try first.batonPID(arguments)
        #expect(kill(pid, signal) == 0)
        #expect(try first.waitForExit(timeout: 2) == 128 + signal)
        #expect(try box.baton(["item", "show", "1", "--json"]).status == 0)
        expectNothingLeft(running: box.boardPath, pid: pid)
        Stty.expectUnchanged(box)
        try expectPrivateDraft(in: box, text: edit.text)

        let second = try TmuxSession.baton(arguments, in: box, name: "second")
        defer { second.kill() }
        try second.waitUntil("the draft back in the editor") {
            $0.contains(edit.label) && $0.contains(edit.text.components(separatedBy: "\n")[0])
        }
        try second.send(edit.save)
        try second.waitForAbsence(edit.label)
        try second.send("q")
        #expect(try second.waitForExit() == 0)
        #expect(edit.saved(in: try box.item(1)) == edit.text)
        let left = FileManager.default.fileExists(atPath: Self.draftFile(box)) ? try draftTexts(box) : []
        #expect(left.isEmpty, "the draft stayed after it was used: \(left)")
    }

    static func draftFile(_ box: Sandbox) -> String { box.stateHome.appendingPathComponent("baton/drafts.json").path }

    /// The texts of the drafts in the sandbox's draft file.
    private func draftTexts(_ box: Sandbox) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.draftFile(box)))
        let drafts = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return drafts.compactMap { $0["text"] as? String }
    }

    /// The draft is in $XDG_STATE_HOME/baton/drafts.json, readable by its owner only, and nowhere in /tmp.
    private func expectPrivateDraft(in box: Sandbox, text: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: Self.draftFile(box))
        #expect(
            attributes[.posixPermissions] as? Int == 0o600,
            "draft file mode \(String(describing: attributes[.posixPermissions]))")
        let folder = try FileManager.default.attributesOfItem(
            atPath: box.stateHome.appendingPathComponent("baton").path)
        #expect(
            folder[.posixPermissions] as? Int == 0o700,
            "draft folder mode \(String(describing: folder[.posixPermissions]))")
        #expect(try draftTexts(box) == [text])
        let strays = filesHolding(Data(text.utf8), in: "/tmp")
        #expect(strays.isEmpty, "the text is also in \(strays)")
    }

    /// No process runs baton on this board any more, the one signalled included.
    private func expectNothingLeft(running board: String, pid: pid_t) {
        #expect(!processExists(pid), "baton still runs after its exit code was written")
        guard let pgrep = Paths.tool("pgrep"), let box = try? Sandbox(prefix: "baton-pgrep") else { return }
        let pattern = "^\(Paths.binary) .*\(board)"
        let left = (try? box.run(pgrep, ["-f", pattern], timeout: 10))?.lines ?? []
        #expect(left.isEmpty, "processes left running on the board: \(left)")
    }
}

/// Regular files directly in `folder` whose bytes contain `needle`.
func filesHolding(_ needle: Data, in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.map { folder + "/" + $0 }.filter { path in
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular, ((attributes?[.size] as? Int) ?? 0) < 10_000_000
        else { return false }
        return FileManager.default.contents(atPath: path)?.range(of: needle) != nil
    }
}
