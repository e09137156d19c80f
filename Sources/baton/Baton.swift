import ArgumentParser
import BatonCore
import Foundation

/// The `baton` command: with no subcommand it shows the board; subcommands cover every action.
struct Baton: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "A keyboard-driven kanban board for squads where business and IT work as equals.",
        discussion: """
            The board is found from --board, else $BATON_BOARD, else the nearest board.baton in \
            this folder or above, else your default board in $XDG_DATA_HOME/baton/ (created on first use). \
            --board and $BATON_BOARD take a file or a PostgreSQL address: a libpq URI or connection \
            string with board=NAME (postgres://HOST/DB?board=claims; PGHOST, PGSERVICE, ~/.pgpass \
            and sslmode work as for psql).

            Exit codes: 0 success, 64 usage error, 65 bad data, 66 no board, 69 terminal unusable, \
            74 I/O error, 75 busy or conflicting change, 77 permission denied.
            """,
        version: "0.1.0",
        subcommands: [
            Open.self, Init.self, Show.self, ItemCommand.self, CommentCommand.self, MemberCommand.self,
            StageCommand.self,
            OutcomeCommand.self, Log.self, Export.self, Import.self, Copy.self, Boards.self, Check.self,
            Rename.self,
            ThemeCommand.self, Keys.self,
            ReportCommand.self,
            StandupCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    @OptionGroup var global: GlobalOptions
}

/// Runs baton: parses the arguments, runs the command, and turns failures into one sentence and an exit code.
@main
enum Main {
    static func main() {
        Startup.prepare()
        Terminal.prepareLocale()
        do {
            try Arguments.refuseInvalidUTF8()
            var command = try Baton.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as BatonError {
            Output.error(error.message)
            exit(error.category.rawValue)
        } catch {
            if Baton.exitCode(for: error) == .success { Baton.exit(withError: error) }
            let message =
                Baton.message(for: error).split(separator: "\n").first.map(String.init) ?? "The command is not right."
            Output.error("\(message) Run `baton help` or add --help to see how to use it.")
            exit(ErrorCategory.usage.rawValue)
        }
    }
}
