import ArgumentParser
import BatonCore

/// `baton stage ...`: the columns of the board.
struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage", abstract: "Add, rename, move, remove and list stages, and set WIP limits.",
        subcommands: [
            StageAdd.self, StageRename.self, StageMove.self, StageRemove.self, StageWIP.self, StageRoleCommand.self,
            StageList.self,
        ])
}

/// Applies a stage action and prints what happened.
private func applyToStage(_ global: GlobalOptions, _ name: String, done: String, _ action: (Stage) throws -> Action)
    throws
{
    var session = try global.session()
    let stage = try session.stage(name)
    let applied = try session.apply(try action(stage))
    Output.line(applied.events.isEmpty ? "\(stage.name) already was like that." : "\(stage.name) \(done).")
}

struct StageAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a stage (at the right end, or at --at POSITION).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage's name.") var name: String
    @Option(help: "queue, active or done.") var role: StageRole = .active
    @Option(help: "WIP limit (at least 1).") var wip: Int?
    @Option(help: "Position from the left, starting at 1.") var at: Int?

    func run() throws {
        var session = try global.session()
        try session.apply(.addStage(name: name, role: role, wipLimit: wip, at: at.map { $0 - 1 }))
        Output.line("Added the stage \(name).")
    }
}

struct StageRename: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a stage.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage's current name.") var stage: String
    @Argument(help: "Its new name.") var name: String

    func run() throws {
        try applyToStage(global, stage, done: "is now called \(name)") { .renameStage($0.id, to: name) }
    }
}

struct StageMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move a stage to another position (1 is the leftmost).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage.") var stage: String
    @Argument(help: "The new position, starting at 1.") var position: Int

    func run() throws {
        try applyToStage(global, stage, done: "moved to position \(position)") { .moveStage($0.id, to: position - 1) }
    }
}

struct StageRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a stage that holds no items.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage.") var stage: String

    func run() throws { try applyToStage(global, stage, done: "removed") { .removeStage($0.id) } }
}

struct StageWIP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wip", abstract: "Set a stage's WIP limit, or none to remove it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage.") var stage: String
    @Argument(help: "The limit (at least 1) or none.") var limit: Clearable<Int>

    func run() throws {
        try applyToStage(global, stage, done: "has WIP limit \(limit.optional.map(String.init) ?? "none")") {
            .setWIPLimit($0.id, limit.optional)
        }
    }
}

struct StageRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Set what a stage means for flow: queue, active or done.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The stage.") var stage: String
    @Argument(help: "queue, active or done.") var role: StageRole

    func run() throws {
        try applyToStage(global, stage, done: "is now \(role == .active ? "an" : "a") \(role.rawValue) stage") {
            .setStageRole($0.id, role)
        }
    }
}

struct StageList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the stages from left to right.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        if output.json { return try Output.json(session.board.stages) }
        for stage in session.board.stages {
            let open = session.board.stats[stage.id]?.open ?? 0
            let wip = stage.wipLimit.map { "/\($0)" } ?? ""
            Output.line(
                "\(stage.position + 1). \(DisplayText.fit(stage.name, to: 20)) \(DisplayText.fit(stage.role.rawValue, to: 7)) \(open)\(wip) item\(open == 1 && wip.isEmpty ? "" : "s")"
            )
        }
    }
}
