import Foundation
import Testing

@Suite("stand-ups")
struct StandupCommandTests {
    /// A board with the account's own member (business), Bo and Cy (both IT), and item 1.
    static func squad() throws -> Sandbox {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Bo Chen", "--handle", "bo", "--discipline", "it")
        try box.ok("member", "add", "Cy Dube", "--handle", "cy", "--discipline", "it")
        try box.ok("item", "add", "Welcome pack", "--owner", "bo")
        return box
    }

    @Test func aStandupRecordedThroughTheCommandLine() throws {
        let box = try Self.squad()
        #expect(try box.ok("standup", "list").stdout.contains("No stand-ups yet"))
        #expect(try box.baton("standup", "show", "last").status == 65, "nothing has ended yet")
        #expect(try box.ok("standup", "status").stdout.contains("No stand-up is running"))

        let start = try box.ok("standup", "start", "--turn", "30")
        #expect(
            start.stdout.contains("Bo Chen (bo, it) has the baton"),
            "IT is the larger group, so IT starts: \(start.stdout)")
        let again = try box.baton("standup", "start")
        #expect(again.status == 75 && again.stderr.contains("already running"), "\(again.transcript)")

        try box.ok("item", "block", "1", "waiting for legal")
        try box.ok("item", "add", "Ask HR", "--owner", "bo")
        try box.ok("item", "move", "1", "Doing")
        #expect(try box.ok("standup", "status").stdout.contains("Bo Chen (bo, it) has the baton"))
        try box.ok("standup", "next")
        #expect(try box.ok("standup", "next").stdout.contains("Cy Dube (cy, it) has the baton"))
        #expect(try box.ok("standup", "next").stdout.contains("everyone has spoken"))
        #expect(try box.baton("standup", "next").status == 65)
        #expect(try box.ok("standup", "end", "--notes", "Bo | follows up").stdout.contains("Ended stand-up 1"))
        #expect(try box.baton("standup", "end").status == 65, "nothing runs any more")

        let markdown = try box.ok("standup", "show", "last", "--format", "markdown").stdout
        let lines = markdown.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("## Stand-up 1, ") == true, "\(markdown)")
        for expected in [
            "- **Duration:** 0:0", "- **Turn length:** 0:30", "- **Blockers raised:** 1, **cleared:** 0",
            "- **Items moved:** 1", "- **Action items:** 1", "| Speaker | Discipline | Time | Overtime |",
            "- **#2** Ask HR (@bo)", "Bo \\| follows up",
        ] {
            #expect(markdown.contains(expected), "missing \(expected) in:\n\(markdown)" as Comment)
        }
        #expect(lines.contains { $0.hasPrefix("- **Facilitator:** ") })
        let speakers = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Speaker") && !$0.hasPrefix("| ---") }
        #expect(
            speakers.count == 3 && speakers[0].hasPrefix("| Bo Chen (@bo) | it | 0:0")
                && speakers[2].hasPrefix("| Cy Dube (@cy) | it |"),
            "\(speakers)")
        #expect(lines.contains { $0.hasPrefix("- **#1** Welcome pack: waiting for legal (by @") })
        #expect(lines.contains { $0.hasPrefix("- **#1** Welcome pack: Backlog → Doing (by @") })
        #expect(section("Blockers cleared", in: lines) == ["- none"])

        let json = try box.jsonObject("standup", "show", "last", "--format", "json")
        #expect(json["id"] as? Int == 1 && json["running"] as? Bool == false && json["turnLength"] as? Double == 30)
        #expect(json["notes"] as? String == "Bo | follows up")
        #expect((json["duration"] as? Double).map { $0 >= 0 && $0 < 60 } == true)
        let people = try #require(json["speakers"] as? [[String: Any]])
        #expect(people.compactMap { $0["handle"] as? String }.first == "bo" && people.count == 3)
        #expect(people.allSatisfy { $0["spoke"] as? Bool == true && $0["spoken"] is Double })
        let raised = try #require(json["blockersRaised"] as? [[String: Any]])
        #expect(
            raised.count == 1 && raised[0]["item"] as? Int == 1 && raised[0]["reason"] as? String == "waiting for legal"
        )
        let moved = try #require(json["itemsMoved"] as? [[String: Any]])
        #expect(moved.count == 1 && moved[0]["from"] as? String == "Backlog" && moved[0]["to"] as? String == "Doing")
        let actions = try #require(json["actionItems"] as? [[String: Any]])
        #expect(actions.count == 1 && actions[0]["item"] as? Int == 2 && actions[0]["owner"] as? String == "bo")
        #expect((json["facilitator"] as? [String: Any])?["id"] as? Int == 1)
        #expect(json["endedAt"] is String && json["startedAt"] is String)

        let text = try box.ok("standup", "show", "1").stdout
        #expect(
            text.contains("Time per speaker:") && text.contains("Items moved: 1")
                && text.contains("#1 Welcome pack: Backlog -> Doing"))
        let list = try box.jsonArray("standup", "list", "--json")
        #expect(list.count == 1 && list[0]["id"] as? Int == 1)
        #expect(try box.ok("standup", "list").stdout.contains("bo"))
        #expect(try box.baton("standup", "show", "7").status == 65)
        #expect(try box.baton("standup", "show", "soon").status == 64)
    }

    @Test func chosenOrderAndRunningShow() throws {
        let box = try Self.squad()
        #expect(try box.baton("standup", "start", "--speaker", "cy", "--seed", "3").status == 64)
        #expect(try box.baton("standup", "start", "--speaker", "zz").status == 65)
        let start = try box.ok("standup", "start", "--speaker", "cy", "--speaker", "bo")
        #expect(start.stdout.contains("Cy Dube (cy, it) has the baton"))
        let running = try box.jsonObject("standup", "show", "1", "--format", "json")
        #expect(running["running"] as? Bool == true && running["endedAt"] == nil)
        #expect((running["speakers"] as? [[String: Any]])?.compactMap { $0["handle"] as? String } == ["cy", "bo"])
        #expect(try box.ok("standup", "list").stdout.contains("running"))
        try box.ok("standup", "end")
        let first = try box.ok("standup", "start", "--seed", "11").stdout
        try box.ok("standup", "end")
        let second = try box.ok("standup", "start", "--seed", "11").stdout
        #expect(
            first.replacingOccurrences(of: "stand-up 2", with: "")
                == second.replacingOccurrences(of: "stand-up 3", with: ""),
            "the same seed gives the same order")
    }

    /// The lines of a Markdown section, up to the next heading, without blank lines.
    private func section(_ title: String, in lines: [String]) -> [String] {
        guard let start = lines.firstIndex(of: "### \(title)") else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("#") }.filter { !$0.isEmpty })
    }
}
