import ArgumentParser
import BatonCore
import BatonTUI
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the board as the board screen draws it, with every card.",
        discussion: """
            The stages that fit side by side in the width come first, then the next ones below. On a terminal \
            the board is in your theme's colours (`theme NAME` in ~/.config/baton/config); in a pipe, a file or \
            with NO_COLOR it is plain text.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Columns to use (default: the terminal's width).") var width: Int?
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session(access: .readOnly, withItems: true)
        if output.json {
            return try Output.json(
                BoardSummary(name: session.board.name, stages: session.board.stages.map { StageSummary($0, session) }))
        }
        var settings = Settings.load()
        let board = session.board
        let state = AppState(
            board: board, actor: session.actor, width: max(BoardLayout.minWidth, width ?? Terminal.width), height: 24,
            now: Date(), ageLimits: settings.ageLimits(for: board))
        let theme = Terminal.colour ? Self.theme(settings.theme) : nil
        BoardPrint.rows(state) { frame, row in Output.raw(FrameText.line(frame, row: row, theme: theme)) }
    }

    /// The user's theme for a terminal's colours (the built-in one when it cannot be loaded).
    static func theme(_ name: String?) -> Theme {
        let environment = ProcessInfo.processInfo.environment
        let colours = environment["TERM"]?.contains("256") == true ? 256 : 8
        return ThemeLoader.resolve(
            name: name, colours: colours, executable: CommandLine.executablePath, environment: environment
        ).theme
    }

    struct BoardSummary: Codable {
        var name: String
        var stages: [StageSummary]
    }

    struct StageSummary: Codable {
        var name: String
        var role: StageRole
        var wipLimit: Int?
        var items: [ItemSummary]

        init(_ stage: Stage, _ session: Session) {
            name = stage.name
            role = stage.role
            wipLimit = stage.wipLimit
            items = session.board.openItems(in: stage.id).map { ItemSummary($0, session) }
        }
    }
}
