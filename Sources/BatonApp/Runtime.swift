import BatonCore
import BatonTUI
import Foundation

/// Runs the full-screen board: waits for keys, signals and other writers, feeds `update` from a
/// queue, draws `view`, and carries out the effects against the board.
///
/// Each round drains the queue through `update`, draws once if anything may show, and then runs
/// the effects of the round; what an effect learns is queued for the next round, never handed
/// to `update` while another message is being handled. Only `update` writes the state.
public final class Runtime {
    let service: BoardService
    /// Where the calls on the board run (at once, or on a worker for a board in a database).
    let calls: StoreCalls
    let terminal: TerminalBackend
    let drafts: DraftStore
    let presence: PresenceKeeper
    /// The user's own editor, for text written outside baton.
    let editor: ExternalEditor
    /// The state as `update` left it (read by the loop, written only by `update`).
    public private(set) var state: AppState
    private let mouse: Bool
    private let pickTheme: (_ colours: Int) -> (theme: Theme, problem: String?)
    private var theme = Theme.builtInMono
    private var queue: [Msg] = []
    private var effects: [Effect] = []
    /// The state changed in a way that may show since the screen was last drawn.
    private var needsDrawing = true
    var lastPresence: [Presence] = []
    /// A look at the board is on its way (`watch`).
    let watching = WatchInFlight()

    /// Problems in the settings, key and theme files: the first is shown when the board opens,
    /// all of them are for the caller to print once the screen is gone.
    public private(set) var problems: [String]

    /// A loop showing `state` (the board as loaded) from `service` on `terminal`. `pickTheme`
    /// chooses the theme once the terminal's colours are known, with a problem if it fell back.
    /// `calls` says where the effects' calls on the board run.
    public init(
        service: BoardService, calls: StoreCalls = InlineCalls(), terminal: TerminalBackend, state: AppState,
        mouse: Bool, drafts: DraftStore, problems: [String], editor: ExternalEditor = ExternalEditor(),
        pickTheme: @escaping (_ colours: Int) -> (theme: Theme, problem: String?)
    ) {
        self.editor = editor
        self.service = service
        self.calls = calls
        self.terminal = terminal
        self.state = state
        self.mouse = mouse
        self.drafts = drafts
        self.problems = problems
        self.pickTheme = pickTheme
        presence = PresenceKeeper(store: service, account: state.actor.account)
    }

    /// Runs until the user quits, the input ends, or a signal asks to stop; the terminal is always
    /// restored. Returns the exit status: 0, or 128 + the signal that ended it.
    public func run() throws -> Int32 {
        try terminal.start(mouse: mouse)
        defer { terminal.stop() }
        open()
        defer {
            finishCalls()
            presence.leave()
        }
        while !state.quitting {
            if let status = step() { return status }
        }
        return 0
    }

    /// Lets the saves still on their way finish; one that failed after the screen could say so
    /// is told once the screen is gone.
    private func finishCalls() {
        calls.waitUntilIdle()
        for case .saveFailed(let error) in calls.finished() { problems.append(error.message) }
    }

    /// Picks the theme, tells `update` the board is open, draws it; then the writes and reads
    /// that may add to it (presence, a stand-up, the history in the background).
    private func open() {
        let picked = pickTheme(terminal.colours)
        theme = picked.theme
        if let problem = picked.problem { problems.append(problem) }
        send(.opened(session: presence.session, problems: problems))
        sendSize()
        if let draft = drafts.take(board: service.path) { send(.restoreDraft(draft.purpose, draft.text)) }
        settle()
        service.startReadingHistory()
        look([], withStandup: true)
    }

    /// Waits for the terminal, the board and the clock once, and handles what happened; returns
    /// the exit status when the session ends. While a look at the board is on its way, the
    /// board's descriptors are left to it (the loop would wake for them again and again).
    private func step() -> Int32? {
        let looking = watching.isSet
        let timeout = looking ? 1000 : service.timeout(presence.millisecondsUntilDue(Date()))
        var ready: [Int32] = []
        let descriptors = (looking ? [] : service.descriptors) + (calls.descriptor >= 0 ? [calls.descriptor] : [])
        let events = terminal.wait(for: descriptors, timeoutMilliseconds: timeout)
        for event in events {
            switch event {
            case .key(let key): send(.key(key))
            case .resized(let width, let height): send(.resize(width: width, height: height))
            case .ready(let descriptor): ready.append(descriptor)
            case .endOfInput: return finish(status: 0)
            case .stop(let signal): return finish(status: 128 + signal)
            }
        }
        if ready.contains(calls.descriptor) { takeFinishedCalls() }
        checkTheFile()
        send(.tick(Date()))
        settle()
        // Calls that finished are no reason to look again: that would wake the loop forever.
        if events.isEmpty || ready != [calls.descriptor] { look(ready) }
        return nil
    }

    /// Looks at the board (`watch`) once the frame for what came is drawn, so that a key never
    /// waits for the presence write a look may make (on a board file it runs here, at once),
    /// then handles what it found.
    private func look(_ ready: [Int32], withStandup: Bool = false) {
        watch(ready, withStandup: withStandup)
        settle()
    }

    /// Handles what came before the end, keeps any text being typed, and returns `status`.
    private func finish(status: Int32) -> Int32 {
        settle()
        keepDraft()
        return status
    }

    /// Queues `msg` for `update`.
    func send(_ msg: Msg) { queue.append(msg) }

    /// Drains the queue through `update`, draws once, runs the round's effects, and goes on
    /// while they queued more. Messages after the one that quits are dropped.
    /// Calls that run at once (a board file) have their answers taken at the start of each round.
    func settle() {
        while true {
            if calls.descriptor < 0 { takeFinishedCalls() }
            guard !queue.isEmpty || !effects.isEmpty else { return }
            var next = 0
            while next < queue.count, !state.quitting {
                let msg = queue[next]
                next += 1
                if msg.mayChangeView(state) { needsDrawing = true }
                effects += App.update(&state, msg)
            }
            queue.removeAll()
            if needsDrawing { draw() }
            let round = effects
            effects.removeAll()
            for effect in round { execute(effect) }
            // Changes asked for before quitting are still saved; their answers are for `finishCalls`.
            if state.quitting { return }
        }
    }

    /// Queues what the finished calls on the board answered, but for looks that found nothing new.
    func takeFinishedCalls() {
        for msg in calls.finished() where !isOld(msg) { send(msg) }
    }

    /// Draws the state, and tells `update` how far the screen drawn can scroll when that changed.
    private func draw() {
        let frame = View.render(state)
        terminal.draw(frame, theme: theme)
        needsDrawing = false
        if frame.scrollLimit != state.scrollLimit { send(.scrollLimit(frame.scrollLimit)) }
    }

    func sendSize() {
        let size = terminal.size
        send(.resize(width: size.width, height: size.height))
    }

    /// Keeps the text of an open prompt as a draft, for the next session to offer back.
    private func keepDraft() {
        if case .prompt(let prompt) = state.overlay, !prompt.editor.text.isEmpty {
            drafts.keep(Draft(board: service.path, purpose: prompt.purpose, text: prompt.editor.text))
        }
    }
}
