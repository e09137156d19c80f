import ArgumentParser
import BatonCore
import Foundation

struct ItemShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every field of an item, its comments and its history.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item: 42 or #42.") var item: ItemRef
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        let item = try session.item(item.number)
        let comments = try session.store.comments(on: item.number)
        if output.json { return try Output.json(ItemSummary(item, session, comments: comments)) }
        let summary = ItemSummary(item, session)
        var lines = [
            "#\(item.number) \(item.title)", "", "Stage:     \(summary.stage) (since \(Human.time(item.stageSince)))",
            "Kind:      \(item.kind.rawValue)",
        ]
        lines.append("Owners:    \(summary.owners.isEmpty ? "none" : summary.owners.joined(separator: ", "))")
        lines.append("Involved:  \(summary.involved.isEmpty ? "none" : summary.involved.joined(separator: ", "))")
        if let outcome = summary.outcome { lines.append("Outcome:   \(outcome)") }
        if let due = item.due { lines.append("Due:       \(due)") }
        if item.expedite { lines.append("Expedite:  yes") }
        if let blocked = item.blocked {
            lines.append("Blocked:   \(blocked.reason) (since \(Human.time(blocked.since)))")
        }
        if item.archived { lines.append("Archived:  yes") }
        lines.append("Revision:  \(item.revision), updated \(Human.time(item.updatedAt))")
        if !item.notes.isEmpty { lines += ["", "Notes:", item.notes] }
        if !comments.isEmpty {
            lines +=
                ["", "Comments:"]
                + comments.map { c in
                    "  \(Human.time(c.at)) \(CommentSummary(c, session).author): \(c.text.replacingOccurrences(of: "\n", with: "\n    "))"
                }
        }
        let history = try session.store.events(item: item.number)
        let narrator = try session.narrator()
        lines += ["", "History:"] + history.map { "  \(Human.time($0.at))  \(narrator.sentence($0))" }
        lines.forEach { Output.line($0) }
    }
}

struct ItemList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List items, filtered by stage, member, kind, outcome or state.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only items in this stage.") var stage: String?
    @Option(help: "Only items this member owns or is involved in.") var member: String?
    @Option(help: "Only items of this kind.") var kind: ItemKind?
    @Option(help: "Only items serving this outcome (id or title).") var outcome: String?
    @Flag(help: "Only blocked items.") var blocked = false
    @Flag(help: "Only archived items (by default archived items are left out).") var archived = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session(withItems: true)
        let stageID = try stage.map { try session.stage($0).id }
        let memberID = try member.map { try session.member($0).id }
        let outcomeID = try outcome.map { try session.outcome($0).id }
        let order = Dictionary(uniqueKeysWithValues: session.board.stages.map { ($0.id, $0.position) })
        let items = session.board.items.values.filter { item in
            item.archived == archived && (stageID == nil || item.stage == stageID) && (kind == nil || item.kind == kind)
                && (memberID.map { item.owners.contains($0) || item.involved.contains($0) } ?? true)
                && (outcomeID == nil || item.outcome == outcomeID) && (!blocked || item.blocked != nil)
        }.sorted {
            (order[$0.stage] ?? 0, $0.expedite ? 0 : 1, $0.position) < (
                order[$1.stage] ?? 0, $1.expedite ? 0 : 1, $1.position
            )
        }
        if output.json { return try Output.json(items.map { ItemSummary($0, session) }) }
        let numberWidth = items.map { String($0.number).count + 1 }.max() ?? 0
        let stageWidth = session.board.stages.map { DisplayText.width(of: DisplayText.sanitize($0.name)) }.max() ?? 0
        for item in items {
            let summary = ItemSummary(item, session)
            var flags = [
                item.kind == .work ? nil : item.kind.rawValue, item.expedite ? "expedite" : nil,
                item.blocked.map { "blocked: \($0.reason)" },
            ].compactMap { $0 }
            if !summary.owners.isEmpty { flags.append("@" + summary.owners.joined(separator: " @")) }
            let columns =
                DisplayText.fit("#\(item.number)", to: numberWidth) + "  "
                + DisplayText.fit(DisplayText.sanitize(summary.stage), to: stageWidth)
            Output.line(columns + "  \(item.title)" + (flags.isEmpty ? "" : "  [\(flags.joined(separator: "; "))]"))
        }
    }
}
