import ArgumentParser
import BatonCore

/// Applies a one-item action and prints what happened, or that nothing needed to change.
private func applyToItem(
    _ global: GlobalOptions, _ item: ItemRef, done: String, unchanged: String,
    _ action: (Session) throws -> Action
) throws {
    var session = try global.session()
    _ = try session.item(item.number)
    let applied = try session.apply(try action(session))
    Output.line("#\(item.number) \(applied.events.isEmpty ? unchanged : done).")
}

struct ItemAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Make a member an owner of an item (or involved, with --involved).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "The member's handle.") var handle: String
    @Flag(help: "Involve the member instead of making them an owner.") var involved = false

    func run() throws {
        let role: Involvement = involved ? .involved : .owner
        try applyToItem(
            global, item, done: "now has \(handle) as \(role.rawValue)",
            unchanged: "already has \(handle) as \(role.rawValue)"
        ) {
            .assign(item.number, try $0.member(handle).id, role)
        }
    }
}

struct ItemUnassign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Take a member off an item.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "The member's handle.") var handle: String

    func run() throws {
        try applyToItem(global, item, done: "no longer has \(handle)", unchanged: "did not have \(handle)") {
            .unassign(item.number, try $0.member(handle).id)
        }
    }
}

struct ItemBlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block", abstract: "Mark an item blocked, with the reason.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "Why it is blocked (one line).") var reason: [String]

    func run() throws {
        let text = reason.joined(separator: " ")
        guard !text.isEmpty else {
            throw BatonError.usage(
                "Give the reason the item is blocked, such as `baton item block 12 waiting for legal`.")
        }
        try applyToItem(global, item, done: "is blocked", unchanged: "was already blocked for that reason") { _ in
            .block(item.number, reason: text)
        }
    }
}

/// A command that applies one fixed action to one item and says what happened.
protocol OneItemCommand: ParsableCommand {
    var global: GlobalOptions { get }
    var item: ItemRef { get }
    /// What the item did, and what it already was, as the end of a sentence about it.
    static var done: String { get }
    static var unchanged: String { get }
    static func action(_ number: ItemNumber) -> Action
}

extension OneItemCommand {
    func run() throws {
        try applyToItem(global, item, done: Self.done, unchanged: Self.unchanged) { _ in Self.action(item.number) }
    }
}

struct ItemUnblock: OneItemCommand {
    static let configuration = CommandConfiguration(commandName: "unblock", abstract: "Clear an item's blocked state.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    static let done = "is no longer blocked", unchanged = "was not blocked"
    static func action(_ number: ItemNumber) -> Action { .unblock(number) }
}

struct ItemExpedite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expedite", abstract: "Flag an item for the expedite lane (or clear the flag with --off).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Flag(help: "Clear the expedite flag.") var off = false

    func run() throws {
        try applyToItem(
            global, item, done: off ? "is no longer expedited" : "is expedited",
            unchanged: off ? "was not expedited" : "was already expedited"
        ) { _ in .setExpedite(item.number, !off) }
    }
}

struct ItemArchive: OneItemCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Archive an item (nothing is deleted; restore brings it back).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    static let done = "archived", unchanged = "was already archived"
    static func action(_ number: ItemNumber) -> Action { .archive(number) }
}

struct ItemRestore: OneItemCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Bring an archived item back to its stage.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    static let done = "restored", unchanged = "was not archived"
    static func action(_ number: ItemNumber) -> Action { .restore(number) }
}

struct CommentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comment", abstract: "Add a comment to an item.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @Argument(help: "The comment; - reads it from standard input.") var text: [String]

    func run() throws {
        let body = try readTextArgument(text.joined(separator: " "))
        try applyToItem(global, item, done: "has your comment", unchanged: "was not changed") { _ in
            .comment(item.number, text: body)
        }
    }
}
