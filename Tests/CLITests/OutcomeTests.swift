import Foundation
import Testing

@Suite("outcomes")
struct OutcomeTests {
    static func boardWithOutcome() throws -> Sandbox {
        let box = try Sandbox.withBoard()
        let add = try box.ok(
            "outcome", "add", "Onboarding takes 3 days, not 10", "--metric", "onboarding time",
            "--unit", "days", "--baseline", "10", "--target", "3", "--by", "2031-03-31")
        #expect(add.stdout.contains("Onboarding takes 3 days, not 10"))
        return box
    }

    @Test func addListAndSet() throws {
        let box = try Self.boardWithOutcome()
        var outcome = try #require(try box.jsonArray("outcome", "list", "--json").first)
        #expect(outcome["id"] as? Int == 1)
        #expect(outcome["metric"] as? String == "onboarding time")
        #expect(outcome["unit"] as? String == "days")
        #expect(outcome["baseline"] as? Double == 10)
        #expect(outcome["target"] as? Double == 3)
        #expect(outcome["current"] as? Double == 10, "current defaults to the baseline")
        #expect(outcome["targetDate"] as? String == "2031-03-31")
        let set = try box.ok("outcome", "set", "1", "7")
        #expect(set.stdout.contains("7"))
        try box.ok("outcome", "set", "onboarding takes 3 days, not 10", "6.5")
        outcome = try box.jsonObject("outcome", "show", "1", "--json")
        #expect(outcome["current"] as? Double == 6.5)
        let history = try #require(outcome["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["value"] as? Double } == [10, 7, 6.5])
        let text = try box.ok("outcome", "list")
        #expect(text.stdout.contains("Onboarding takes 3 days, not 10"))
        #expect(text.stdout.contains("50%"), "(10-6.5)/(10-3) = 50%: \(text.stdout)")
    }

    @Test func editChangesTheDefinition() throws {
        let box = try Self.boardWithOutcome()
        try box.ok(
            "outcome", "edit", "1", "--title", "Onboarding in 3 days", "--target", "2", "--unit", "working days",
            "--by", "none")
        let outcome = try box.jsonObject("outcome", "show", "Onboarding in 3 days", "--json")
        #expect(outcome["title"] as? String == "Onboarding in 3 days")
        #expect(outcome["target"] as? Double == 2)
        #expect(outcome["unit"] as? String == "working days")
        #expect(outcome["targetDate"] == nil)
    }

    @Test func itemsLinkToOutcomes() throws {
        let box = try Self.boardWithOutcome()
        try box.ok("outcome", "add", "Fewer calls", "--metric", "calls", "--baseline", "400", "--target", "150")
        try box.ok("item", "add", "Welcome call", "--outcome", "1")
        try box.ok("item", "add", "Status mails", "--outcome", "Fewer calls")
        try box.ok("item", "add", "Unlinked")
        try box.ok("item", "edit", "3", "--outcome", "1")
        try box.ok("item", "move", "3", "Doing")
        #expect(try box.item(3)["outcome"] as? String == "Onboarding takes 3 days, not 10")
        let linked = try box.jsonArray("item", "list", "--outcome", "1", "--json").compactMap { $0["number"] as? Int }
        #expect(linked == [1, 3])
        let show = try box.ok("outcome", "show", "1")
        #expect(show.stdout.contains("Backlog: #1"))
        #expect(show.stdout.contains("Doing: #3"))
        try box.ok("item", "edit", "3", "--outcome", "none")
        #expect(try box.item(3)["outcome"] == nil)
    }

    @Test func outcomeErrors() throws {
        let box = try Self.boardWithOutcome()
        let unknown = try box.baton("outcome", "show", "Nope")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("'Nope'") && unknown.stderr.contains("Onboarding takes 3 days, not 10"))
        #expect(try box.baton("outcome", "set", "9", "1").status == 65)
        #expect(try box.baton("outcome", "set", "1", "lots").status == 64)
        #expect(
            try box.baton("outcome", "add", "Same", "--metric", "m", "--baseline", "1", "--target", "1").status == 65)
        #expect(try box.baton("outcome", "add", "", "--metric", "m", "--baseline", "1", "--target", "2").status == 65)
        #expect(try box.baton("outcome", "add", "No metric", "--baseline", "1", "--target", "2").status == 64)
        #expect(
            try box.baton("outcome", "add", "Bad", "--metric", "m", "--baseline", "x", "--target", "2").status == 64)
        #expect(try box.baton("outcome", "edit", "7", "--title", "x").status == 65)
        #expect(try box.baton("item", "add", "x", "--outcome", "Nope").status == 65)
        #expect(try box.jsonArray("outcome", "list", "--json").count == 1)
        #expect(try box.jsonArray("item", "list", "--json").isEmpty)
    }
}
