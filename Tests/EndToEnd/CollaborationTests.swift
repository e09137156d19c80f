import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Several people on one board at once (issue 4): each session is a TUI in its own tmux server,
/// acting as a member of the sample squad (`--as`), with the CLI as a further writer and judge.
@Suite("end to end: live collaboration")
struct CollaborationTests {
    /// A sandbox with `init --sample` (members ana, bo, cw, dr, en; items #1–#12, #1 first in Backlog).
    static func sampleBoard() throws -> Sandbox { try Sandbox.withBoard(sample: true, prefix: "baton-e2e") }

    /// The members' sessions, started together, once each lists all the others as here.
    static func sessions(_ handles: [String], in box: Sandbox) throws -> [String: TmuxSession] {
        var sessions: [String: TmuxSession] = [:]
        for handle in handles { sessions[handle] = try TmuxSession.board(as: handle, in: box) }
        for handle in handles { try sessions[handle]!.waitForPresence(Set(handles).subtracting([handle])) }
        return sessions
    }

    /// Opens the title editor (e) on the selected item #`number`.
    static func editTitle(_ tmux: TmuxSession, of number: Int) throws {
        try tmux.send("e")
        try tmux.waitFor("Title of #\(number):")
    }

    /// Replaces the text of the open one-line editor (Ctrl-U, then types), waiting until it shows.
    static func retype(_ tmux: TmuxSession, _ text: String, prompt: String) throws {
        try tmux.send("C-u")
        try tmux.type(text)
        try tmux.waitUntil("“\(text)” in the editor") { row(containing: prompt, in: $0)?.hasSuffix(text) == true }
    }

    /// Waits until `predicate` holds in every session (each captured in turn, none given a key),
    /// and returns how long each took, in seconds from the call.
    static func latencies(_ sessions: [TmuxSession], timeout: Double, _ predicate: (String) -> Bool) throws -> [Double]
    {
        let start = Date()
        var took = [Double?](repeating: nil, count: sessions.count)
        while took.contains(where: { $0 == nil }) {
            for (index, session) in sessions.enumerated() where took[index] == nil {
                let screen = try session.capture()
                if predicate(screen) {
                    took[index] = Date().timeIntervalSince(start)
                } else if Date().timeIntervalSince(start) > timeout {
                    throw TmuxError.timedOut("the change to be drawn", timeout, screen)
                }
            }
            usleep(10_000)
        }
        for session in sessions { try session.waitUntil("a stable screen", predicate) }
        return took.map { $0! }
    }

    /// How many entries the history of the board at `path` has.
    static func logCount(_ box: Sandbox, board path: String) throws -> Int {
        let result = try box.baton(["--board", path, "log", "--json"])
        try #require(result.status == 0, "log failed: \(result.transcript)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [Any]).count
    }

    /// The title of item #`number`, through the CLI.
    static func title(_ box: Sandbox, _ number: Int) throws -> String? { try box.item(number)["title"] as? String }

    // MARK: - 1. Three sessions

    @Test(.timeLimit(.minutes(1)))
    func threeMembersSeeEachOtherAndEachOthersChanges() throws {
        let box = try Self.sampleBoard()
        let handles = ["ana", "bo", "cw"]
        let s = try Self.sessions(handles, in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo, cw) = (s["ana"]!, s["bo"]!, s["cw"]!)
        for handle in handles {
            let screen = try s[handle]!.capture()
            #expect(
                screen.split(separator: "\n").first?.contains("you: \(handle)") == true,
                "header of \(handle):\n\(screen)")
        }

        // A move in one session is drawn in the other two, without a key press there.
        try ana.select(item: 1)
        try ana.send("L")
        let latencies = try Self.latencies([bo, cw], timeout: 2) { column(of: "#1 ", in: $0) == 1 }
        try ana.waitFor("Moved #1 from Backlog to Ready.")
        print(
            "CollaborationTests: a move drawn in the other sessions after \(latencies.map { "\(Int($0 * 1000)) ms" })")
        #expect(latencies.allSatisfy { $0 < 0.3 }, "issue 4 asks for 300 ms: \(latencies)")

        // A change through the CLI is drawn in all three.
        let added = try box.ok("item", "add", "Added from the shell")
        let number = try #require(added.itemNumber)
        for session in [ana, bo, cw] {
            let screen = try session.waitFor("#\(number) Added from the shell", timeout: 2)
            #expect(column(of: "#\(number) Added", in: screen) == 0)
        }

        // One leaves: the other two drop it from their headers within about 3 s.
        try cw.send("q")
        #expect(try cw.waitForExit() == 0)
        for (handle, session) in [("ana", ana), ("bo", bo)] {
            let took = try seconds {
                try session.waitForPresence(Set(["ana", "bo"]).subtracting([handle]), timeout: 3)
            }
            print("CollaborationTests: a session that quit left \(handle)'s header after \(Int(took * 1000)) ms")
        }
        #expect(try box.item(1)["stage"] as? String == "Ready")
    }

    // MARK: - 2. Selection and editing markers

    @Test(.timeLimit(.minutes(1)))
    func anotherSessionsSelectionAndEditorAreMarkedOnTheCard() throws {
        let box = try Self.sampleBoard()
        let s = try Self.sessions(["ana", "bo"], in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo) = (s["ana"]!, s["bo"]!)

        var screen = try ana.capture()
        #expect(card(5, in: screen).map { !$0.contains("bo") } == true, "#5 is marked before bo selects it:\n\(screen)")
        try bo.select(item: 5)
        screen = try ana.waitUntil("◉bo on #5", timeout: 3) { card(5, in: $0)?.contains("◉bo") == true }
        #expect(card(1, in: screen)?.contains("◉bo") == false, "bo's old selection is still marked:\n\(screen)")

        try Self.editTitle(bo, of: 5)
        screen = try ana.waitUntil("✎bo on #5", timeout: 3) { card(5, in: $0)?.contains("✎bo") == true }
        #expect(card(5, in: screen)?.contains("◉bo") == false, "both markers on #5:\n\(screen)")

        try bo.escape()
        try bo.waitForAbsence("Title of #5:")
        screen = try ana.waitUntil("✎bo to leave #5", timeout: 3) { card(5, in: $0).map { !$0.contains("✎") } ?? false }
        #expect(card(5, in: screen)?.contains("◉bo") == true, "bo still has #5 selected:\n\(screen)")
        #expect(try Self.title(box, 5) == "Explain claim status in plain words in the e-mails")
    }

    // MARK: - 3. Conflicts

    /// A choice in the conflict dialog, and the title it must leave.
    enum ConflictChoice: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case keepMine = "m", keepTheirs = "t", keepBoth = "b", editAgain = "e"
        var testDescription: String { "\(self) (\(rawValue))" }
        var expectedTitle: String {
            switch self {
            case .keepMine, .editAgain: return "Bo's title"
            case .keepTheirs: return "Ana's title"
            case .keepBoth: return "Ana's title / Bo's title"
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: ConflictChoice.allCases)
    func theSameTitleEditedInTwoSessionsAsksWhichToKeep(choice: ConflictChoice) throws {
        let box = try Self.sampleBoard()
        let s = try Self.sessions(["ana", "bo"], in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo) = (s["ana"]!, s["bo"]!)
        try ana.select(item: 1)
        try bo.select(item: 1)

        // Both open the editor on the same revision; ana saves first.
        try Self.editTitle(ana, of: 1)
        try Self.editTitle(bo, of: 1)
        try Self.retype(ana, "Ana's title", prompt: "Title of #1:")
        try ana.send("Enter")
        try ana.waitFor("Changed the title of #1")
        #expect(try Self.title(box, 1) == "Ana's title")
        // Bo's open editor is not disturbed by ana's change.
        var screen = try bo.waitUntil("ana's title on bo's board", timeout: 2) { $0.contains("#1 Ana's title") }
        #expect(
            row(containing: "Title of #1:", in: screen)?.hasSuffix("Let customers upload ID documents from the phone")
                == true,
            "bo's editor changed under him:\n\(screen)")

        try Self.retype(bo, "Bo's title", prompt: "Title of #1:")
        try bo.send("Enter")
        screen = try bo.waitFor("Theirs:")
        #expect(screen.contains("Yours:"))
        let lines = screen.split(separator: "\n").map(String.init)
        let theirs = try #require(lines.firstIndex { $0.contains("Theirs:") })
        let yours = try #require(lines.firstIndex { $0.contains("Yours:") })
        #expect(lines[theirs + 1].contains("Ana's title"), "theirs is not ana's text:\n\(screen)")
        #expect(lines[yours + 1].contains("Bo's title"), "yours is not bo's text:\n\(screen)")
        #expect(try Self.title(box, 1) == "Ana's title", "saved before a choice was made")

        try bo.send(choice.rawValue)
        screen = try bo.waitForAbsence("Theirs:")
        if choice == .editAgain {
            screen = try bo.waitUntil("the editor with bo's text") {
                row(containing: "Title of #1:", in: $0)?.hasSuffix("Bo's title") == true
            }
            #expect(try Self.title(box, 1) == "Ana's title", "saved while still editing")
            try bo.send("Enter")
            screen = try bo.waitForAbsence("Title of #1:")
            #expect(!screen.contains("Theirs:"), "a second conflict dialog:\n\(screen)")
        }
        #expect(try Self.title(box, 1) == choice.expectedTitle)
        try ana.waitFor("#1 \(choice.expectedTitle)", timeout: 2)
        try bo.waitFor("#1 \(choice.expectedTitle)", timeout: 2)
        if choice == .keepTheirs {
            let log = try box.baton("log", "--json")
            #expect(!log.stdout.contains("Bo's title"), "bo's discarded text is in the history")
            #expect(!screen.contains("Bo's title"), "bo's discarded text is still shown:\n\(screen)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theTitleAndTheNotesEditedInTwoSessionsMergeSilently() throws {
        let box = try Self.sampleBoard()
        let s = try Self.sessions(["ana", "bo"], in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo) = (s["ana"]!, s["bo"]!)
        try ana.select(item: 1)
        try bo.select(item: 1)

        try Self.editTitle(ana, of: 1)
        try bo.send("E")
        try bo.waitFor("Notes of #1")
        try Self.retype(ana, "Ana's title", prompt: "Title of #1:")
        try ana.send("Enter")
        try ana.waitFor("Changed the title of #1")

        try bo.type("Bo's notes")
        try bo.waitFor("Bo's notes")
        try bo.send("C-d")
        let screen = try bo.waitFor("Changed the notes of #1")
        #expect(!screen.contains("Theirs:"), "a conflict dialog for different fields:\n\(screen)")
        let item = try box.item(1)
        #expect(item["title"] as? String == "Ana's title")
        #expect(item["notes"] as? String == "Bo's notes")
    }

    // MARK: - 4. A crashed session

    @Test(.timeLimit(.minutes(1)))
    func aKilledSessionLeavesTheOthersPresenceWithinThreeSeconds() throws {
        let box = try Self.sampleBoard()
        let s = try Self.sessions(["ana", "bo", "cw"], in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo, cw) = (s["ana"]!, s["bo"]!, s["cw"]!)

        let pid = try bo.batonPID(["--board", box.boardPath, "--as", "bo"])
        #expect(kill(pid, SIGKILL) == 0)
        let start = Date()
        #expect(try bo.waitForExit(timeout: 2) == 128 + SIGKILL)
        for (handle, session) in [("ana", ana), ("cw", cw)] {
            try session.waitForPresence(
                Set(["ana", "cw"]).subtracting([handle]), timeout: max(0.1, 3.5 - Date().timeIntervalSince(start)))
            print(
                "CollaborationTests: a killed session left \(handle)'s header after \(Int(Date().timeIntervalSince(start) * 1000)) ms"
            )
        }
        #expect(Date().timeIntervalSince(start) < 3.5)
    }

    // MARK: - 5. The board file vanishing

    /// Files a session may change in the sandbox without touching a board: the harness's own and the CLI's output.
    static func harnessFile(_ relative: String) -> Bool {
        relative.hasPrefix(".io") || relative.hasPrefix("tmux") || relative.hasPrefix("exit-")
            || relative.hasPrefix("go-")
    }

    /// Waits up to `seconds` for a file under the sandbox to change; returns the differences (empty if none).
    static func changes(in box: Sandbox, from before: [String: String], within seconds: Double) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let now = fileSnapshot(box.root, skip: harnessFile)
            let paths = Set(before.keys).union(now.keys).sorted().filter { before[$0] != now[$0] }
            if !paths.isEmpty || Date() > deadline {
                return paths.map { "\($0): \(before[$0] ?? "absent") → \(now[$0] ?? "absent")" }
            }
            usleep(100_000)
        }
    }

    /// Moves the selection down one card (j), which clears the message line, and waits for that.
    static func clearMessage(_ tmux: TmuxSession) throws {
        let before = try #require(selectedCard(in: try tmux.capture()))
        try tmux.send("j")
        try tmux.waitUntil("the selection to move and the message to go") {
            selectedCard(in: $0) != before && !$0.contains("nothing more can be saved")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aDeletedBoardFileIsNoticedAndNothingMoreIsWritten() throws {
        let box = try Self.sampleBoard()
        let ana = try TmuxSession.board(as: "ana", in: box)
        defer { ana.kill() }
        try ana.select(item: 1)

        try FileManager.default.removeItem(atPath: box.boardPath)
        let took = try seconds { try ana.waitFor("deleted or replaced", timeout: 2) }
        print("CollaborationTests: a deleted board noticed after \(Int(took * 1000)) ms")
        let before = fileSnapshot(box.root, skip: Self.harnessFile)

        // n is refused (after j has cleared the message, the refusal comes back), and no prompt opens.
        try Self.clearMessage(ana)
        try ana.send("n")
        let screen = try ana.waitFor("nothing more can be saved")
        #expect(!screen.contains("New item"), "n opened the prompt on a vanished board:\n\(screen)")
        #expect(!FileManager.default.fileExists(atPath: box.boardPath), "the board file came back")

        // Nothing at all is written any more, not even presence (the focus moved with j, and the
        // heartbeat every 2 s): nothing reaches the orphaned board.baton-wal, which a board
        // created later at the same path would inherit (see aReplacedBoardFileIsNoticedAndTheNewOneIsLeftAlone).
        let changed = Self.changes(in: box, from: before, within: 3)
        #expect(changed.isEmpty, "written after the board was deleted:\n\(changed.joined(separator: "\n"))")
    }

    @Test(.timeLimit(.minutes(1)))
    func aReplacedBoardFileIsNoticedAndTheNewOneIsLeftAlone() throws {
        let box = try Self.sampleBoard()
        let ana = try TmuxSession.board(as: "ana", in: box)
        defer { ana.kill() }
        try ana.select(item: 1)

        // A new board, made elsewhere and moved over the open one.
        try FileManager.default.createDirectory(atPath: box.path("elsewhere"), withIntermediateDirectories: true)
        let fresh = box.path("elsewhere/new.baton")
        try box.ok("init", "--name", "Fresh", fresh)
        #expect(try box.baton(["--board", fresh, "item", "add", "Only in the new board"]).status == 0)
        let entries = try Self.logCount(box, board: fresh)
        #expect(rename(fresh, box.boardPath) == 0, "mv failed: errno \(errno)")

        let took = try seconds { try ana.waitFor("deleted or replaced", timeout: 2) }
        print("CollaborationTests: a replaced board noticed after \(Int(took * 1000)) ms")
        try Self.clearMessage(ana)
        try ana.select(item: 1)
        try ana.send("L")
        let screen = try ana.waitFor("nothing more can be saved")
        #expect(!screen.contains("Moved #1"), "the move was reported as saved:\n\(screen)")
        #expect(column(of: "#1 ", in: screen) == 0, "#1 moved on screen:\n\(screen)")

        #expect(try Self.logCount(box, board: box.boardPath) == entries, "the new board's history changed")
        let item = try box.jsonObject("--board", box.boardPath, "item", "show", "1", "--json")
        #expect(item["title"] as? String == "Only in the new board")
        #expect(item["stage"] as? String == "Backlog")

        // Someone opening the new board sees nobody else there: the old session's WAL file keeps
        // the name `board.baton-wal`, which SQLite opens by name for the file moved in over it, but
        // a session that stays open empties its WAL after each write, so no frame of the old board
        // (its presence row) is there to be applied to the new one (#8).
        let newcomer = try TmuxSession.baton(["--board", box.boardPath], in: box, name: "newcomer")
        defer { newcomer.kill() }
        let seen = try newcomer.waitFor("#1 Only in the new board")
        #expect(presentHandles(in: seen).isEmpty, "a ghost session on the new board:\n\(seen)")
    }

    // MARK: - 6. Undo

    @Test(.timeLimit(.minutes(1)))
    func undoRefusesWhenSomeoneElseChangedTheItemSince() throws {
        let box = try Self.sampleBoard()
        let s = try Self.sessions(["ana", "bo"], in: box)
        defer { s.values.forEach { $0.kill() } }
        let (ana, bo) = (s["ana"]!, s["bo"]!)

        try ana.select(item: 1)
        try ana.send("L")
        try ana.waitFor("Moved #1 from Backlog to Ready.")

        try bo.waitUntil("#1 in Ready", timeout: 2) { column(of: "#1 ", in: $0) == 1 }
        try bo.select(item: 1)
        try Self.editTitle(bo, of: 1)
        try Self.retype(bo, "Renamed by bo", prompt: "Title of #1:")
        try bo.send("Enter")
        try bo.waitFor("Changed the title of #1")
        try ana.waitFor("#1 Renamed by bo", timeout: 2)
        let entries = try Self.logCount(box, board: box.boardPath)

        try ana.send("u")
        let screen = try ana.waitFor("someone else")
        let message = row(containing: "someone else", in: screen) ?? ""
        #expect(message.contains("#1"), "the refusal does not name the item: \(message)")
        #expect(!screen.contains("Undone"))
        let item = try box.item(1)
        #expect(item["stage"] as? String == "Ready")
        #expect(item["title"] as? String == "Renamed by bo")
        #expect(try Self.logCount(box, board: box.boardPath) == entries, "undo wrote to the history")
    }
}
