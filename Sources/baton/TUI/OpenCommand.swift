import ArgumentParser
import BatonApp
import BatonCore
import BatonStore
import BatonTUI
import BatonTerminal
import Foundation

/// glibc's `mallopt`, whose header (malloc.h) the Glibc module leaves out.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` from malloc.h: blocks from this size on are mapped on their own and unmapped when freed.
private let mmapThreshold: Int32 = -3

/// `baton` / `baton open`: the full-screen board on a terminal, the text board elsewhere.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the board full-screen (the default); prints it as text when not on a terminal.",
        discussion: "Press ? inside for every key. Keys can be changed in ~/.config/baton/keys; see `baton keys`.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The colour theme: default, light, high-contrast, mono or one of your own (`baton theme list`).")
    var theme: String?

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            return try Show.parse(global.arguments).run()
        }
        // A session runs for hours and copies its board now and then (a preview, a save): give
        // large blocks back to the system when they are freed, rather than letting the heap keep
        // its high-water mark.
        _ = mallopt(mmapThreshold, 128 * 1024)
        var settings = Settings.load()
        // The session's board moves into the state, and the state into the runtime, so that the
        // runtime holds the only copy of the items and saves change them in place.
        var session = try global.session(withItems: true)
        // A board in a database may be a network away: its calls run on a worker, so that the
        // board never waits for an answer.
        let calls: StoreCalls = session.store.isInDatabase ? WorkerCalls(pipe: EventLoop.wakePipe()) : InlineCalls()
        let runtime = Runtime(
            service: try StoreService(store: session.store), calls: calls, terminal: CursesTerminal(),
            state: Self.initialState(&session, &settings), mouse: settings.mouse, drafts: DraftStore(),
            problems: settings.problems, pickTheme: themePicker(settings))
        let status: Int32
        do { status = try runtime.run() } catch let error as ScreenError { throw BatonError(error) }
        // The message line showed the first; the whole list stays readable once the screen is gone.
        for problem in runtime.problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
        if status != 0 { throw ExitCode(status) }
    }

    /// Chooses the theme for the terminal's colours. One that cannot be loaded never stops the
    /// board: it opens in the built-in theme, and the problem names where the name came from.
    private func themePicker(_ settings: Settings) -> (Int) -> (theme: Theme, problem: String?) {
        let name = theme ?? settings.theme
        let source = theme != nil ? "--theme" : "\(Settings.folder)/config:\(settings.config.themeLine ?? 0)"
        return { colours in
            let resolved = ThemeLoader.resolve(
                name: name, colours: colours, executable: CommandLine.executablePath,
                environment: ProcessInfo.processInfo.environment)
            return (resolved.theme, resolved.problem.map { "\(source): \($0.description)" })
        }
    }

    /// The state the board opens in, holding the session's board (which the session gives up).
    private static func initialState(_ session: inout Session, _ settings: inout Settings) -> AppState {
        let board = session.takeBoard()
        return AppState(
            board: board, actor: session.actor, readOnly: session.store.isReadOnly, keymap: settings.keymap,
            width: 80, height: 24, now: Date(), ageLimits: settings.ageLimits(for: board),
            personalLimit: settings.personalLimit)
    }
}

/// The user's settings: `~/.config/baton/keys` and `~/.config/baton/config`, with every problem
/// found in them, reported when the board opens (never a reason not to open it).
struct Settings {
    var keymap = Keymap.standard
    var config = Config()
    var problems: [String] = []

    var theme: String? { config.theme }
    var mouse: Bool { config.mouse }
    var personalLimit: Int { config.personalLimit }

    static var folder: String {
        let env = ProcessInfo.processInfo.environment
        return
            (env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")) + "/baton"
    }

    static func load() -> Settings {
        var settings = Settings()
        let keys = folder + "/keys", config = folder + "/config"
        if let text = settings.text(of: keys) {
            let (keymap, problems) = KeyFile.apply(text, file: keys)
            settings.keymap = keymap
            settings.problems += problems
        }
        if let text = settings.text(of: config) {
            let (parsed, problems) = ConfigFile.parse(text, file: config)
            settings.config = parsed
            settings.problems += problems
        }
        return settings
    }

    /// The text of the settings file at `path`, noting why it cannot be used if so.
    private mutating func text(of path: String) -> String? {
        let data = FileManager.default.contents(atPath: path)
        // Only a file that could not be read is looked for again.
        let exists = data != nil || FileManager.default.fileExists(atPath: path)
        let (text, problem) = SettingsText.decode(data, file: path, exists: exists)
        if let problem { problems.append(problem) }
        return text
    }

    /// The age limits for `board`, noting stage names that do not exist.
    mutating func ageLimits(for board: Board) -> AgeLimits {
        let (limits, problems) = config.ageLimits(for: board, file: Settings.folder + "/config")
        self.problems += problems
        return limits
    }
}

extension CommandLine {
    /// The running binary's real path, for finding themes installed beside it.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
    }
}

extension GlobalOptions {
    /// These options as arguments, to hand them on to another command.
    var arguments: [String] {
        (board.map { ["--board", $0] } ?? []) + (actAs.map { ["--as", $0] } ?? [])
    }
}

extension BatonError {
    /// Why the full-screen board cannot start on this terminal, and what to do instead (exit code 69).
    init(_ error: ScreenError) {
        let instead = "set TERM to your terminal's type (such as xterm-256color), or print the board with `baton show`."
        switch error {
        case .unusableTerminal(let term) where term.isEmpty:
            self.init(.terminal, "TERM is not set, so the full-screen board cannot know your terminal; \(instead)")
        case .unusableTerminal(let term):
            self.init(.terminal, "The terminal type TERM=\(term) is unknown on this system; \(instead)")
        case .noCursorAddressing(let term):
            self.init(
                .terminal,
                "The terminal TERM=\(term) cannot move the cursor, which the full-screen board needs; \(instead)")
        }
    }
}
