import ArgumentParser
import BatonCore
import BatonTUI
import Foundation

/// `baton theme list`: the themes baton can find.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme", abstract: "List the colour themes.", subcommands: [ThemeList.self],
        defaultSubcommand: ThemeList.self)
}

struct ThemeList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the themes and the folders searched for them (first match wins).")

    func run() throws {
        let paths = ThemeLoader.searchPaths(
            executable: CommandLine.executablePath, environment: ProcessInfo.processInfo.environment)
        for name in ThemeLoader.available(paths: paths) { Output.line(name) }
        Output.line("")
        Output.line("Searched, in order: " + paths.joined(separator: ", "))
        Output.line("Choose one with `baton --theme NAME`, or a line `theme NAME` in \(Settings.folder)/config.")
    }
}

/// `baton keys`: every command with its default keys, for writing a keys file.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the commands keys can be bound to, with their keys in each mode.",
        discussion: """
            Rebind keys in ~/.config/baton/keys with lines `bind MODE KEY COMMAND`, e.g. `bind board ctrl-n new-item`. \
            Modes: \(KeyMode.allCases.map(\.rawValue).joined(separator: ", ")); a key a screen's own mode does not bind \
            does what it does in `generic`, and in `notes` and `picker` what it does in `prompt`; `setup`, `conflict`, \
            `confirm` and `prompt` answer only their own keys (in prompts, other keys are typed, so plain characters \
            cannot be bound there). Each binding is listed once, in the mode that makes it.
            """)

    func run() throws {
        let keymap = Settings.load().keymap
        for command in Command.allCases {
            let bound = KeyMode.allCases.compactMap { mode -> String? in
                let keys = keymap.ownKeys(for: command, in: mode).map(\.name)
                return keys.isEmpty ? nil : "\(mode.rawValue): \(keys.joined(separator: " "))"
            }
            Output.line(
                DisplayText.fit(command.rawValue, to: 18) + " " + DisplayText.fit(command.help, to: 52) + " "
                    + bound.joined(separator: "; "))
        }
    }
}
