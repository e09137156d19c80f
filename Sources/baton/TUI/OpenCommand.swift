import ArgumentParser
import BatonCore
import BatonStore
import BatonTerminal
import BatonTUI
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
    @Option(help: "The colour theme: default, light, high-contrast, mono or one of your own (`baton theme list`).") var theme: String?

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            return try Show.parse(global.arguments).run()
        }
        // A session runs for hours and copies its board now and then (a preview, a save): give
        // large blocks back to the system when they are freed, rather than letting the heap keep
        // its high-water mark.
        _ = mallopt(mmapThreshold, 128 * 1024)
        var settings = Settings.load()
        let themeName = theme ?? settings.theme
        if let themeName { try Settings.checkTheme(themeName) }
        // The session's board moves into the state, and the state into the runtime, so that the
        // runtime holds the only copy of the items and saves change them in place.
        var session = try global.session(withItems: true)
        let runtime = try Runtime(store: session.store, state: Self.initialState(&session, &settings), themeName: themeName,
                                  mouse: settings.mouse, drafts: DraftStore())
        let status: Int32
        do { status = try runtime.run() } catch let error as ScreenError { throw BatonError(error) }
        if status != 0 { throw ExitCode(status) }
    }

    /// The state the board opens in, holding the session's board (which the session gives up).
    private static func initialState(_ session: inout Session, _ settings: inout Settings) -> AppState {
        var state = AppState(board: session.takeBoard(), actor: session.actor, readOnly: session.store.isReadOnly,
                             keymap: settings.keymap, width: 80, height: 24, now: Date())
        state.ageLimits = settings.ageLimits(for: state.board)
        state.personalLimit = settings.personalLimit
        if let problem = settings.problems.first {
            state.message = Message(problem + (settings.problems.count > 1 ? " (and \(settings.problems.count - 1) more)" : ""), isError: true)
        }
        return state
    }
}

/// The user's settings: `~/.config/baton/keys` and `~/.config/baton/config` (`theme NAME`, `mouse off`).
struct Settings {
    var keymap = Keymap.standard
    var theme: String?
    var mouse = true
    /// `age STAGE DAYS` lines: how long an item may stay in a stage before its age is a warning.
    var ageDays: [(stage: String, days: Double, line: Int)] = []
    /// `limit N`: how many active items one person may carry before the balance screen flags it.
    var personalLimit = 3
    var problems: [String] = []

    static var folder: String {
        let env = ProcessInfo.processInfo.environment
        return (env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")) + "/baton"
    }

    static func load() -> Settings {
        var settings = Settings()
        let keys = folder + "/keys"
        if let text = try? String(contentsOfFile: keys, encoding: .utf8) {
            (settings.keymap, settings.problems) = KeyFile.apply(text, file: keys)
        }
        if let text = try? String(contentsOfFile: folder + "/config", encoding: .utf8) {
            for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .map({ $0.trimmingCharacters(in: .whitespaces) }).enumerated() {
                if line.hasPrefix("theme ") { settings.theme = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
                if line == "mouse off" { settings.mouse = false }
                if line.hasPrefix("age ") { settings.ageLine(line, number: index + 1) }
                if line.hasPrefix("limit ") { settings.limitLine(line, number: index + 1) }
            }
        }
        return settings
    }

    /// Reads `limit N`.
    mutating func limitLine(_ line: String, number: Int) {
        guard let limit = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)), limit >= 1 else {
            problems.append("\(Settings.folder)/config:\(number): expected `limit N` with N at least 1, such as `limit 3`.")
            return
        }
        personalLimit = limit
    }

    /// Reads `age STAGE DAYS` (the stage name may have spaces; DAYS is a number).
    mutating func ageLine(_ line: String, number: Int) {
        let words = line.split(separator: " ").map(String.init)
        guard words.count >= 3, let days = Double(words.last!), days > 0 else {
            problems.append("\(Settings.folder)/config:\(number): expected `age STAGE DAYS`, such as `age Doing 3`.")
            return
        }
        ageDays.append((words.dropFirst().dropLast().joined(separator: " "), days, number))
    }

    /// The age limits for `board`, reporting stage names that do not exist.
    mutating func ageLimits(for board: Board) -> AgeLimits {
        var limits = AgeLimits()
        for entry in ageDays {
            if let stage = board.stages.first(where: { $0.name.lowercased() == entry.stage.lowercased() }) {
                limits.perStage[stage.id] = entry.days * 86_400
            } else {
                problems.append("\(Settings.folder)/config:\(entry.line): there is no stage named '\(entry.stage)'; stages are \(board.stages.map(\.name).joined(separator: ", ")).")
            }
        }
        return limits
    }

    /// Refuses, before the screen starts, a theme that cannot be found or read.
    static func checkTheme(_ name: String) throws {
        let paths = ThemeLoader.searchPaths(executable: CommandLine.executablePath, environment: ProcessInfo.processInfo.environment)
        do {
            _ = try ThemeLoader.load(name: name, paths: paths)
        } catch {
            throw BatonError.usage("\(error)")
        }
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
            self.init(.terminal, "The terminal TERM=\(term) cannot move the cursor, which the full-screen board needs; \(instead)")
        }
    }
}
