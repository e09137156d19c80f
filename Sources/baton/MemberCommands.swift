import ArgumentParser
import BatonCore

/// `baton member ...`: the people of the squad.
struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Add, change and list members.",
        subcommands: [MemberAdd.self, MemberEdit.self, MemberList.self])
}

struct MemberAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a member of the squad.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's name.") var name: String
    @Option(help: "Two or three letters shown on cards.") var handle: String
    @Option(help: "business or it.") var discipline: Discipline
    @Option(help: "The Unix account that acts as this member.") var login: String?

    func run() throws {
        var session = try global.session()
        try session.apply(.addMember(name: name, handle: handle, discipline: discipline, login: login))
        Output.line("Added \(name) (\(handle), \(discipline.rawValue)).")
    }
}

struct MemberEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a member's name, handle, discipline or login.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's current handle.") var member: String
    @Option(help: "A new name.") var name: String?
    @Option(help: "A new handle.") var handle: String?
    @Option(help: "business or it.") var discipline: Discipline?
    @Option(help: "The Unix account, or none.") var login: String?

    func run() throws {
        var session = try global.session()
        let target = try session.member(member)
        let patch = MemberPatch(
            name: name, handle: handle, discipline: discipline,
            login: login.map { $0.lowercased() == "none" ? nil : $0 })
        guard patch != MemberPatch() else {
            throw BatonError.usage("Say what to change: --name, --handle, --discipline or --login.")
        }
        let applied = try session.apply(.editMember(target.id, patch))
        Output.line(applied.events.isEmpty ? "\(target.handle) already had those values." : "\(target.handle) updated.")
    }
}

struct MemberList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the members.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        if output.json { return try Output.json(session.board.members) }
        let you = session.actor.member
        for m in session.board.members {
            Output.line(
                "\(DisplayText.fit(m.handle, to: 4)) \(DisplayText.fit(m.discipline.rawValue, to: 9)) \(m.name)"
                    + (m.login.map { " (login \($0))" } ?? "") + (m.id == you ? "  ← you" : ""))
        }
    }
}
