import BatonCore
import BatonStore
import BatonTerminal
import BatonTUI
import Foundation

/// Runs the full-screen board: waits for keys, signals and other writers, feeds `update`,
/// executes its effects against the store, and draws `view`.
final class Runtime {
    private let store: BoardStore
    private let screen: Screen
    private var theme = Theme.builtInMono
    private let themeName: String?
    private let mouse: Bool
    private var state: AppState
    private let feed: ChangeFeed
    private var input = InputDecoder()
    private let loop = EventLoop()
    private let drafts: DraftStore
    private let presence: PresenceKeeper
    private var lastPresence: [Presence] = []
    private let historyReader = HistoryReader(pipe: EventLoop.wakePipe())
    /// The state changed in a way that may show since the screen was last drawn.
    private var needsDrawing = true

    /// Problems in the settings, key and theme files, shown when the board opens.
    private(set) var problems: [String]
    /// Where the theme's name came from (`--theme`, or the config file and line), for its problem.
    private let themeSource: String

    init(store: BoardStore, state: AppState, themeName: String?, mouse: Bool, drafts: DraftStore, problems: [String],
         themeSource: String) throws {
        self.problems = problems
        self.themeSource = themeSource
        self.mouse = mouse
        self.store = store
        self.state = state
        self.themeName = themeName
        self.drafts = drafts
        store.emptiesWAL = true
        screen = Screen()
        feed = try ChangeFeed(store: store)
        presence = PresenceKeeper(store: store, account: state.actor.account)
        self.state.session = presence.session
    }

    /// Runs until the user quits, the input ends, or a signal asks to stop; the terminal is always
    /// restored. Returns the exit status: 0, or 128 + the signal that ended it.
    func run() throws -> Int32 {
        Signals.installHandlers()
        try screen.start()
        defer { screen.stop() }
        input.keyCodes = .current()
        if mouse { screen.enableMouse() }
        let resolved = ThemeLoader.resolve(name: themeName, colours: screen.colours, executable: CommandLine.executablePath,
                                           environment: ProcessInfo.processInfo.environment)
        theme = resolved.theme
        if let problem = resolved.problem { problems.append("\(themeSource): \(problem.description)") }
        send(.settingsProblems(problems))
        resize()
        if let draft = drafts.take(board: store.path) { send(.restoreDraft(draft.purpose, draft.text)) }
        defer { presence.leave() }
        // The board first; then the writes and reads that may add to it (presence, a stand-up).
        draw()
        keepPresence()
        loadStandup()
        historyReader.start(store)
        if needsDrawing { draw() }
        while !state.quitting {
            let timeout = feed.timeout(presence.millisecondsUntilDue(Date()))
            let wakeup = loop.wait(fds: [feed.descriptor, historyReader.descriptor], timeoutMilliseconds: timeout)
            if let ending = handleSignals() { return 128 + ending }
            var fileChanged = false
            if case .ready(let ready, let fds) = wakeup {
                if ready && !readInput(ready) { break }
                fileChanged = fds.contains(feed.descriptor)
                if fds.contains(historyReader.descriptor) { takeHistory() }
            }
            checkTheFile()
            noticeOtherWriters(fileChanged: fileChanged)
            keepPresence()
            send(.tick(Date()))
            if needsDrawing { draw() }
        }
        return 0
    }

    /// Writes this session's presence when due and shows the others' when it changed.
    private func keepPresence() {
        let now = Date()
        presence.want(focus: state.focus, editing: state.editing, member: state.actor.member)
        let wrote = presence.flush(now)
        guard wrote || lastPresence.isEmpty else { return }
        let live = presence.live(now)
        if live != lastPresence {
            lastPresence = live
            send(.presenceChanged(live))
        }
    }

    /// Hands the flow steps read in the background to `update`, with what changed since they
    /// were read; unless a figure screen has read them already.
    private func takeHistory() {
        guard let snapshot = historyReader.take(), state.flowSteps == nil,
              let missed = try? store.events(after: snapshot.lastSeq) else { return }
        send(.flowStepsLoaded(FlowStep.ordered(snapshot.steps + missed.compactMap(FlowStep.init))))
    }

    /// Notices the board file being deleted, moved or replaced, at most a second after it happens.
    private func checkTheFile() {
        if !state.vanished && !store.isFileStillThere { send(.boardVanished) }
    }

    /// Draws what `update` already shows before waiting on the disk: the item's fields come
    /// before its comments and history, a moved card before the write is safe.
    private func drawBeforeWaiting() {
        if needsDrawing { draw() }
    }

    private func draw() {
        screen.draw(View.render(state), theme: theme)
        needsDrawing = false
    }

    private func resize() {
        let size = screen.size
        send(.resize(width: size.width, height: size.height))
    }

    /// Reads pending keys; false when the input has ended (the terminal is gone).
    private func readInput(_ ready: Bool) -> Bool {
        for event in input.read(from: screen, inputReady: ready) {
            switch event {
            case .key(let key): send(.key(key))
            case .resize: resize()
            case .endOfInput: keepDraft(); return false
            }
            if state.quitting { break }
        }
        return true
    }

    /// Handles pending signals; returns the signal that ends the program, if one does.
    private func handleSignals() -> Int32? {
        for signal in Signals.take() {
            switch signal {
            case SIGWINCH: screen.refreshSize(); resize()
            case SIGTSTP: screen.suspend(); resize()
            case SIGCONT: screen.resume(); resize()
            default: keepDraft(); return signal
            }
        }
        return nil
    }

    private func keepDraft() {
        if case .prompt(let prompt) = state.overlay, !prompt.editor.text.isEmpty {
            drafts.keep(Draft(board: store.path, purpose: prompt.purpose, text: prompt.editor.text))
        }
    }

    private func send(_ msg: Msg) {
        if msg.mayChangeView(state) { needsDrawing = true }
        for effect in App.update(&state, msg) { execute(effect) }
    }

    private func execute(_ effect: Effect) {
        switch effect {
        case .apply(let actions):
            save(actions)
        case .loadDetail(let number):
            drawBeforeWaiting()
            read("The item could not be read.") {
                .detailLoaded(number, ItemDetail(comments: try store.comments(on: number), events: try store.events(item: number)))
            }
        case .loadHistory(let since):
            read("The history could not be read.") { .historyLoaded(try store.events(since: since)) }
        case .loadFlowSteps:
            read("The history could not be read.") { .flowStepsLoaded(try store.flowSteps()) }
        case .startStandup(let facilitator, let participants, let turnLength, let actor, let lastEnded):
            perform {
                let running = try store.startStandup(facilitator: facilitator, participants: participants, turnLength: turnLength, by: actor, at: Date())
                send(.standupChanged(running: running, lastEnded: lastEnded))
            }
        case .updateStandup(let standup):
            perform { try store.updateStandup(standup) }
        case .endStandup(let standup):
            perform { send(.standupEnded(try store.endStandup(standup, at: Date(), notes: ""))) }
        case .quit:
            break
        }
    }

    /// Writes `actions` one by one, telling `update` what was saved, or why not (then it stops).
    private func save(_ actions: [Action]) {
        // A change `update` already shows is drawn before the disk is asked to keep it.
        drawBeforeWaiting()
        for action in actions {
            guard store.isFileStillThere else {
                send(.boardVanished)
                send(.saveFailed(BatonError(.io, "The board file was deleted or replaced; nothing was saved.")))
                return
            }
            do {
                let applied = try store.apply(action, by: state.actor)
                feed.saw(applied.events)
                send(.saved(slice: applied.board, items: applied.change.touchedItems, events: applied.events,
                            warnings: applied.change.warnings))
            } catch {
                let failure = error as? BatonError ?? BatonError(.io, "The change could not be saved.")
                if failure.category == .conflict { refresh(action.item) }
                send(.saveFailed(failure))
                return
            }
        }
    }

    /// Reads from the store and hands `update` the result, or `problem` when the read fails.
    private func read(_ problem: String, _ body: () throws -> Msg) {
        do { send(try body()) } catch {
            send(.readFailed(error as? BatonError ?? BatonError(.io, problem)))
        }
    }

    /// Runs a store call, turning a failure into a message.
    private func perform(_ body: () throws -> Void) {
        do { try body() } catch {
            send(.saveFailed(error as? BatonError ?? BatonError(.io, "The stand-up could not be saved.")))
            loadStandup()
        }
    }

    /// Reads the running stand-up and the end of the last one, and tells `update`.
    private func loadStandup() {
        let running = try? store.runningStandup()
        let last = (try? store.lastStandup())?.standup.endedAt
        if running != state.standup.running || last != state.standup.lastEnded {
            send(.standupChanged(running: running ?? nil, lastEnded: last))
        }
    }

    /// Reloads one item as it is in the file now, so that a conflict shows the current version.
    private func refresh(_ number: ItemNumber?) {
        guard let number, var slice = try? store.loadCatalog(), let item = try? store.item(number) else { return }
        slice.items = [number: item]
        send(.changedElsewhere(slice: slice, events: [], items: [number]))
    }

    /// Applies other sessions' changes from the history, reloading only what they touched.
    /// Once the board's files were replaced, what this session still reads is nobody's board: it
    /// is left alone, and so is the message that says so.
    private func noticeOtherWriters(fileChanged: Bool) {
        guard !state.vanished else { return }
        do {
            guard let changes = try feed.check(descriptorReady: fileChanged) else { return }
            lastPresence = []
            loadStandup()
            guard !changes.events.isEmpty else { return }
            send(.changedElsewhere(slice: changes.slice, events: changes.events, items: changes.items))
        } catch {
            send(.readFailed(error as? BatonError ?? BatonError(.io, "The board could not be read.")))
        }
    }
}
