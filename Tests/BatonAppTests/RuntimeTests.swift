import BatonApp
import BatonCore
import BatonTUI
import Foundation
import Glibc
import Testing

/// The real loop, driven with a fake board service and a recording terminal.
@Suite("the loop")
struct RuntimeTests {
    static let ana = Actor(account: "ana", member: 1)
    static let bo = Actor(account: "bo", member: 2)
    static let title = "Write the onboarding guide"

    /// A board with Ana (business) and Bo (IT), and #1 in Backlog.
    static func board() throws -> Board {
        setlocale(LC_ALL, "C.UTF-8")
        var board = try Board.new(
            name: "Squad", creator: Member(id: 1, name: "Ana Lima", handle: "ana", discipline: .business, login: "ana"))
        _ = try board.apply(
            .addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), by: ana, at: Date())
        _ = try board.apply(.addItem(NewItem(title: title)), by: ana, at: Date())
        return board
    }

    /// A folder of its own for drafts.
    static func drafts() -> DraftStore {
        let folder = NSTemporaryDirectory() + "baton-app-\(UUID().uuidString)"
        return DraftStore(environment: ["XDG_STATE_HOME": folder])
    }

    /// Runs the loop over `service` with `terminal` until the script ends; returns it and the status.
    static func run(
        _ service: FakeBoardService, _ terminal: RecordingTerminal, calls: StoreCalls = InlineCalls(),
        drafts: DraftStore = drafts(), problems: [String] = [], editor: ExternalEditor = ExternalEditor()
    ) throws -> (Runtime, Int32) {
        let state = AppState(board: service.board, actor: ana, width: 80, height: 24, now: Date())
        let runtime = Runtime(
            service: service, calls: calls, terminal: terminal, state: state, mouse: false, drafts: drafts,
            problems: problems, editor: editor
        ) { _ in (Theme.builtInMono, nil) }
        let status = try runtime.run()
        return (runtime, status)
    }

    @Test func aMoveIsDrawnBeforeItIsSavedAndAgainOnceSaved() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [keys("L")])
        var screenWhileSaving = ""
        service.onApply = { screenWhileSaving = terminal.screen }
        let (runtime, status) = try Self.run(service, terminal)
        #expect(status == 0)
        #expect(
            screenWhileSaving.contains("Ready 1"), "the preview is on the screen before the save:\n\(screenWhileSaving)"
        )
        #expect(service.board.items[1]?.stage == 2)
        #expect(runtime.state.board.items[1]?.stage == 2)
        #expect(runtime.state.message?.isError != true)
        #expect(terminal.screen.contains("Ready 1"))
        #expect(terminal.started && terminal.stopped)
    }

    @Test func aSaveOnItsWayLeavesTheBoardResponsiveAndOthersChangesWaitForItsAnswer() throws {
        let service = FakeBoardService(board: try Self.board())
        let calls = HeldCalls()
        // The feed's descriptor stays readable until a look reads it, as a socket or an inotify
        // descriptor does: it wakes the loop again once the save's answer is in.
        let terminal = RecordingTerminal(script: [
            keys("L"), [.ready(service.feedDescriptor)] + keys("?"), [.ready(calls.descriptor)],
            [.ready(service.feedDescriptor)], [.ready(calls.descriptor)],
        ])
        terminal.beforeBatch[1] = {
            try service.otherWriter(.editItem(1, ItemPatch(title: "Guide, reviewed by Bo")), by: Self.bo)
        }
        var whileSaving = ""
        terminal.beforeBatch[2] = {
            whileSaving = terminal.screen
            calls.release()
        }
        terminal.beforeBatch[4] = { calls.release() }
        let (runtime, _) = try Self.run(service, terminal, calls: calls)
        #expect(
            whileSaving.contains("Esc") || whileSaving.contains("esc"), "keys answered while saving:\n\(whileSaving)")
        #expect(!whileSaving.contains("bo changed the title"), "another's change waits for the save's answer")
        #expect(service.calls.filter { $0 != "presence" } == ["apply"])
        #expect(service.ownEvents.map(\.change.kind) == [.itemMoved], "the save's events noted as this session's own")
        #expect(runtime.state.board.items[1]?.stage == 2)
        #expect(runtime.state.board.items[1]?.title == "Guide, reviewed by Bo")
        #expect(runtime.state.message?.text.contains("bo changed the title of #1") == true)
    }

    @Test func aLookAtTheBoardOnItsWayHoldsUpNoKeyAndIsNotAskedForAgain() throws {
        let service = FakeBoardService(board: try Self.board())
        let calls = HeldCalls()
        let terminal = RecordingTerminal(script: [keys("?"), keys("\u{1b}"), [.ready(calls.descriptor)], []])
        var waitingWhileHeld = 0, writtenWhileHeld = true, screenWhileHeld = ""
        terminal.beforeBatch[2] = {
            waitingWhileHeld = calls.waiting
            writtenWhileHeld = service.calls.contains("presence")
            calls.release()
        }
        terminal.beforeBatch[1] = { screenWhileHeld = terminal.screen }
        let (runtime, _) = try Self.run(service, terminal, calls: calls)
        #expect(
            screenWhileHeld.contains("Esc") || screenWhileHeld.contains("esc"), "keys answered:\n\(screenWhileHeld)")
        #expect(waitingWhileHeld == 1, "one look on its way, however many keys came")
        #expect(!writtenWhileHeld, "presence is written by the look, off the loop")
        #expect(
            !terminal.waitedFor[0].contains(service.feedDescriptor), "the feed is the look's while it is on its way")
        #expect(terminal.waitedFor[3].contains(service.feedDescriptor), "and the loop's again once it is back")
        #expect(service.calls.contains("presence"))
        #expect(runtime.state.presence.map(\.session) == [runtime.state.session])
    }

    @Test func aSaveThatFailsAfterQuittingIsToldOnceTheScreenIsGone() throws {
        let service = FakeBoardService(board: try Self.board())
        service.refuseNextSave = BatonError(.io, "The database server cannot be reached; nothing was saved.")
        let (runtime, _) = try Self.run(service, RecordingTerminal(script: [keys("L"), keys("q")]), calls: HeldCalls())
        #expect(runtime.problems == ["The database server cannot be reached; nothing was saved."])
    }

    /// A shell script standing in for the user's editor, which runs `body` on the file ($1).
    static func editor(_ body: String) throws -> ExternalEditor {
        let path = NSTemporaryDirectory() + "baton-editor-\(UUID().uuidString).sh"
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return ExternalEditor(environment: ["VISUAL": "/bin/sh " + path])  // run by sh: no exec of a file just written
    }

    @Test func theNotesWrittenInTheUsersEditorAreSavedAndTheTerminalComesBack() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [keys("V"), []])
        let drafts = Self.drafts()
        let editor = try Self.editor("printf 'Written in my editor\\n' > \"$1\"")
        let (runtime, _) = try Self.run(service, terminal, drafts: drafts, editor: editor)
        #expect(service.board.items[1]?.notes == "Written in my editor")
        #expect(terminal.handedOver == 1)
        #expect(runtime.state.overlay == nil && runtime.state.message?.isError != true)
        #expect(drafts.take(board: service.path) == nil, "the draft kept while the editor ran is gone")
    }

    @Test func anEditorThatFailsOrIsNotSetChangesNothingAndSaysWhy() throws {
        for (editor, words) in [
            (try Self.editor("echo changed > \"$1\"; exit 3"), "ended with status 3"),
            (ExternalEditor(environment: [:]), "Neither $VISUAL nor $EDITOR is set"),
        ] {
            let service = FakeBoardService(board: try Self.board())
            let (runtime, _) = try Self.run(service, RecordingTerminal(script: [keys("V"), []]), editor: editor)
            #expect(service.board.items[1]?.notes == "")
            #expect(runtime.state.message?.text.contains(words) == true, "\(String(describing: runtime.state.message))")
            #expect(runtime.state.overlay != nil, "the notes prompt stays open")
        }
    }

    @Test func aKeyIsDrawnBeforeAPresenceWriteThatIsDue() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [keys("l"), []])
        // The key comes as the heartbeat is due: the write waits for the key's frame.
        terminal.beforeBatch[0] = { usleep(UInt32((Presence.heartbeatInterval + 0.1) * 1_000_000)) }
        var screensAtWrites: [String] = []
        service.onPresence = { screensAtWrites.append(terminal.screen) }
        _ = try Self.run(service, terminal)
        #expect(screensAtWrites.count >= 2, "the opening's write and the heartbeat's")
        #expect(
            screensAtWrites.last?.contains("▌#1") == false,
            "the selection had left #1 on the screen:\n\(screensAtWrites.last ?? "")")
        #expect(screensAtWrites.first?.contains("▌#1") == true, "it was on #1 at the opening")
    }

    @Test func aChangeTypedJustBeforeQuittingIsSaved() throws {
        let service = FakeBoardService(board: try Self.board())
        _ = try Self.run(service, RecordingTerminal(script: [keys("Lq")]))
        #expect(service.board.items[1]?.stage == 2)
    }

    @Test func anotherWritersChangeIsMergedAndDrawn() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [[], [.ready(service.feedDescriptor)]])
        terminal.beforeBatch[1] = {
            try service.otherWriter(.editItem(1, ItemPatch(title: "Guide, reviewed by Bo")), by: Self.bo)
        }
        let (runtime, _) = try Self.run(service, terminal)
        #expect(runtime.state.board.items[1]?.title == "Guide, reviewed by Bo")
        #expect(terminal.screen.contains("Guide, reviewed by Bo"))
        #expect(terminal.screen.contains("bo changed the title of #1"))
    }

    @Test func aRefusedSaveKeepsTheTypedTextAndADraftAtTheEnd() throws {
        let service = FakeBoardService(board: try Self.board())
        service.refuseNextSave = BatonError(.io, "The disk is full; nothing was saved.")
        let terminal = RecordingTerminal(script: [keys("e"), keys(", now", then: [.enter])])
        let drafts = Self.drafts()
        let (runtime, status) = try Self.run(service, terminal, drafts: drafts)
        #expect(status == 0)
        #expect(service.calls.filter { $0 == "apply" }.count == 1)
        #expect(service.board.items[1]?.title == Self.title, "nothing was stored")
        guard case .prompt(let prompt) = runtime.state.overlay else {
            Issue.record("the editor closed: \(String(describing: runtime.state.overlay))")
            return
        }
        #expect(prompt.editor.text == Self.title + ", now")
        #expect(terminal.screen.contains("The disk is full; nothing was saved."))
        // The input ended with the editor open: its text is kept for the next session.
        #expect(drafts.take(board: service.path)?.text == Self.title + ", now")
    }

    @Test func presenceIsWrittenAndTheOthersAreShown() throws {
        let service = FakeBoardService(board: try Self.board())
        let bos = Presence(
            session: "bo-session", account: "bo", member: 2, host: ProcessInfo.processInfo.hostName,
            pid: getpid(), terminal: nil, focus: 1, heartbeat: Date())
        service.rows = [bos]
        let terminal = RecordingTerminal(script: [[]])
        var rowsWhileOpen: [Presence] = []
        terminal.beforeBatch[1] = { rowsWhileOpen = service.rows }
        let (runtime, _) = try Self.run(service, terminal)
        #expect(runtime.state.presence.map(\.session).contains("bo-session"))
        let own = try #require(rowsWhileOpen.first { $0.session == runtime.state.session })
        #expect(own.focus == 1 && own.member == 1 && own.account == "ana")
        #expect(service.rows == [bos], "the session's own row is removed as it ends")
    }

    @Test func startingAStandupReadsTheHistoryOnce() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [keys("S"), [.key(.enter)], []])
        let (runtime, _) = try Self.run(service, terminal)
        #expect(service.calls.filter { $0 == "startStandup" }.count == 1)
        #expect(service.calls.filter { $0 == "history" }.count == 1, "calls: \(service.calls)")
        #expect(runtime.state.screen == .standup)
        #expect(runtime.state.history != nil)
    }

    @Test func aSignalEndsTheLoopWithItsStatusAndKeepsTheDraft() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [
            keys("n"), keys("Half a tho"), [.stop(signal: SIGTERM), .key(.enter)],
        ])
        let drafts = Self.drafts()
        let (_, status) = try Self.run(service, terminal, drafts: drafts)
        #expect(status == 128 + SIGTERM)
        #expect(service.calls.filter { $0 == "apply" }.isEmpty, "nothing after the signal is handled")
        #expect(drafts.take(board: service.path)?.text == "Half a tho")
    }

    /// The loop hands the scroll limit of each frame back to `update`, so that going back up
    /// from the end of a long screen shows at once.
    @Test func goingUpFromTheEndOfTheHelpShowsAtOnce() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(width: 80, height: 24, script: [keys("?"), keys("G"), keys("k")])
        let (runtime, _) = try Self.run(service, terminal)
        #expect(terminal.frames.count >= 3)
        #expect(terminal.frames[terminal.frames.count - 1] != terminal.frames[terminal.frames.count - 2])
        #expect(runtime.state.scroll == (runtime.state.scrollLimit ?? 0) - 1)
    }

    @Test func theSettingsProblemsAreShownAndKept() throws {
        let service = FakeBoardService(board: try Self.board())
        let terminal = RecordingTerminal(script: [keys("q")])
        let (runtime, status) = try Self.run(service, terminal, problems: ["keys:1: unknown key 'xx'."])
        #expect(status == 0)
        #expect(terminal.frames.first?.joined().contains("keys:1: unknown key 'xx'.") == true)
        #expect(runtime.problems == ["keys:1: unknown key 'xx'."])
    }
}
