import ArgumentParser
import BatonCore
import Foundation

/// `baton item ...`: everything about cards.
struct ItemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: "Add, change, move and list items.",
        subcommands: [
            ItemAdd.self, ItemEdit.self, ItemMove.self, ItemReorder.self, ItemAssign.self, ItemUnassign.self,
            ItemBlock.self, ItemUnblock.self, ItemExpedite.self, ItemArchive.self, ItemRestore.self,
            ItemShow.self, ItemList.self,
        ])
}

struct ItemAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an item and print its number (#43).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The title: one line, 1 to 300 characters.") var title: String
    @Option(help: "The stage to add it to (default: the first stage).") var stage: String?
    @Option(help: "work, opportunity, concern or limitation.") var kind: ItemKind = .work
    @Option(help: "Notes; - reads them from standard input.") var notes: String?
    @Option(name: .customLong("owner"), help: ArgumentHelp("An owner's handle (repeatable).", valueName: "handle"))
    var owners: [String] = []
    @Option(
        name: .customLong("involved"),
        help: ArgumentHelp("An involved member's handle (repeatable).", valueName: "handle")) var involved: [String] =
            []
    @Option(help: "The outcome it serves, by id or title.") var outcome: String?
    @Option(help: "Due date, YYYY-MM-DD.") var due: Day?
    @Flag(help: "Flag it for the expedite lane.") var expedite = false
    @Flag(help: "Put it at the top of its stage.") var top = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        var session = try global.session()
        let new = NewItem(
            title: title, notes: try notes.map(readTextArgument) ?? "", kind: kind,
            stage: try stage.map { try session.stage($0).id }, owners: try owners.map { try session.member($0).id },
            involved: try involved.map { try session.member($0).id },
            outcome: try outcome.map { try session.outcome($0).id },
            due: due, expedite: expedite, top: top)
        let applied = try session.apply(.addItem(new))
        let number = applied.change.createdItem!
        if output.json {
            try Output.json(ItemSummary(applied.board.items[number]!, session))
        } else {
            Output.line("#\(number)")
        }
    }
}

struct ItemEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an item's title, notes, kind, outcome or due date.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Option(help: "A new title.") var title: String?
    @Option(help: "New notes; - reads them from standard input.") var notes: String?
    @Option(help: "work, opportunity, concern or limitation.") var kind: ItemKind?
    @Option(help: "The outcome it serves, by id or title, or none.") var outcome: String?
    @Option(help: "Due date, YYYY-MM-DD, or none.") var due: Clearable<Day>?
    @Option(help: "Refuse the edit if the item's revision is no longer this one.") var revision: Int?

    func run() throws {
        var session = try global.session()
        var patch = ItemPatch(title: title, notes: try notes.map(readTextArgument), kind: kind)
        if let outcome { patch.outcome = .some(outcome.lowercased() == "none" ? nil : try session.outcome(outcome).id) }
        if let due { patch.due = .some(due.optional) }
        guard !patch.isEmpty else {
            throw BatonError.usage("Say what to change: --title, --notes, --kind, --outcome or --due.")
        }
        let applied = try session.apply(.editItem(item.number, patch, basedOn: revision))
        Output.line(applied.events.isEmpty ? "#\(item.number) already had those values." : "#\(item.number) updated.")
    }
}

struct ItemMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move an item to another stage (to its bottom, or --top).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "The stage to move it to.") var stage: String
    @Flag(help: "Put it at the top of the stage.") var top = false
    @Option(help: "Refuse the move if the item's revision is no longer this one.") var revision: Int?

    func run() throws {
        var session = try global.session()
        let target = try session.stage(stage)
        let applied = try session.apply(.moveItem(item.number, to: target.id, top: top, basedOn: revision))
        Output.line(
            applied.events.isEmpty
                ? "#\(item.number) is already in \(target.name)." : "#\(item.number) moved to \(target.name).")
    }
}

struct ItemReorder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reorder", abstract: "Move an item up, down, to the top or to the bottom of its stage.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "up, down, top or bottom.") var step: ReorderStep

    func run() throws {
        var session = try global.session()
        let applied = try session.apply(.reorderItem(item.number, step))
        Output.line(
            applied.events.isEmpty ? "#\(item.number) stays where it is." : "#\(item.number) moved \(step.rawValue).")
    }
}

/// Reads a text option: `-` means standard input.
func readTextArgument(_ value: String) throws -> String {
    guard value == "-" else { return value }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: data, encoding: .utf8) else {
        throw BatonError.data("Standard input is not valid UTF-8 text; baton accepts only UTF-8.")
    }
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
}
