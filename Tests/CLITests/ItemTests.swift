import Foundation
import Testing

@Suite("item add, edit, move and reorder")
struct ItemTests {
    @Test func addPrintsSequentialNumbersAndPutsItemsInTheFirstStage() throws {
        let box = try Sandbox.withBoard()
        let first = try box.ok("item", "add", "Write the onboarding letter")
        #expect(first.stdout == "#1\n")
        let second = try box.ok("item", "add", "Call the registry")
        #expect(second.itemNumber == 2)
        let item = try box.item(1)
        #expect(item["title"] as? String == "Write the onboarding letter")
        #expect(item["stage"] as? String == "Backlog")
        #expect(item["kind"] as? String == "work")
        #expect(item["revision"] as? Int == 1)
    }

    @Test func addTakesEveryField() throws {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
        try box.ok("member", "add", "Ben Okafor", "--handle", "bo", "--discipline", "it")
        try box.ok("outcome", "add", "Faster onboarding", "--metric", "days", "--baseline", "10", "--target", "3")
        let add = try box.ok(
            "item", "add", "Risky change", "--stage", "ready", "--kind", "concern",
            "--notes", "line one\nline two\twith a tab", "--owner", "ana", "--owner", "@bo",
            "--involved", "roo", "--outcome", "Faster onboarding", "--due", "2031-02-03", "--expedite")
        let number = try #require(add.itemNumber)
        let item = try box.item(number)
        #expect(item["stage"] as? String == "Ready")
        #expect(item["kind"] as? String == "concern")
        #expect(item["notes"] as? String == "line one\nline two\twith a tab")
        #expect(item["owners"] as? [String] == ["ana", "bo"])
        #expect(item["involved"] as? [String] == ["roo"])
        #expect(item["outcome"] as? String == "Faster onboarding")
        #expect(item["due"] as? String == "2031-02-03")
        #expect(item["expedite"] as? Bool == true)
    }

    @Test func notesFromStandardInput() throws {
        let box = try Sandbox.withBoard()
        let add = try box.ok("item", "add", "With notes", "--notes", "-", stdin: "first line\n\tindented second\n")
        let notes = try box.item(try #require(add.itemNumber))["notes"] as? String
        #expect(notes?.contains("first line\n\tindented second") == true, "\(notes ?? "nil")")
        try box.ok("item", "edit", "1", "--notes", "-", stdin: "replaced")
        #expect(try box.item(1)["notes"] as? String == "replaced")
    }

    @Test func addWithTopPutsItFirst() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "one")
        try box.ok("item", "add", "two")
        try box.ok("item", "add", "zero", "--top")
        let titles = try box.jsonArray("item", "list", "--stage", "Backlog", "--json").compactMap {
            $0["title"] as? String
        }
        #expect(titles == ["zero", "one", "two"])
    }

    @Test(arguments: [
        ("", "empty"),
        (String(repeating: "a", count: 301), "301"),
        ("bad\u{1B}[31mred", "escape"),
        ("two\nlines", "line break"),
        ("   ", "empty"),
    ])
    func badTitlesAreRefused(title: String, mention: String) throws {
        let box = try Sandbox.withBoard()
        let result = try box.baton("item", "add", title)
        #expect(result.status == 65, "\(result.transcript)")
        #expect(result.stderr.hasPrefix("baton: "))
        #expect(result.stderr.contains(mention), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderrData.containsEscape)
        #expect(try box.jsonArray("item", "list", "--json").isEmpty)
        try box.ok("item", "add", "ok")
        let edit = try box.baton("item", "edit", "1", "--title", title)
        #expect(edit.status == 65, "\(edit.transcript)")
        #expect(try box.item(1)["title"] as? String == "ok")
    }

    @Test func titleOf300CharactersIsAccepted() throws {
        let box = try Sandbox.withBoard()
        let title = String(repeating: "é", count: 300)
        try box.ok("item", "add", title)
        #expect(try box.item(1)["title"] as? String == title)
    }

    @Test func itemNumbersWithAndWithoutHash() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "x")
        #expect(try box.baton("item", "show", "1").status == 0)
        #expect(try box.baton("item", "show", "#1").status == 0)
        #expect(try box.baton("item", "move", "#1", "Doing").status == 0)
        #expect(try box.item(1)["stage"] as? String == "Doing")
        for bad in ["abc", "#", "0", "1.5", "#x"] {
            let result = try box.baton("item", "show", bad)
            #expect(result.status == 64, "\(bad): \(result.transcript)")
            #expect(result.stderr.contains(bad), "\(result.stderr)")
        }
        let missing = try box.baton("item", "show", "42")
        #expect(missing.status == 65)
        #expect(missing.stderr.hasPrefix("baton: "))
        #expect(missing.stderr.contains("#42"))
    }

    @Test func editChangesFieldsAndRaisesTheRevision() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "Draft")
        try box.ok("item", "edit", "1", "--title", "Final", "--kind", "opportunity", "--due", "2030-01-31")
        var item = try box.item(1)
        #expect(item["title"] as? String == "Final")
        #expect(item["kind"] as? String == "opportunity")
        #expect(item["due"] as? String == "2030-01-31")
        #expect((item["revision"] as? Int ?? 0) > 1)
        try box.ok("item", "edit", "#1", "--due", "none")
        item = try box.item(1)
        #expect(item["due"] == nil)
        let nothing = try box.baton("item", "edit", "1")
        #expect(nothing.status == 64, "\(nothing.transcript)")
        #expect(try box.baton("item", "edit", "1", "--due", "2030-02-30").status == 64)
        #expect(try box.baton("item", "edit", "1", "--kind", "chore").status == 64)
        #expect(try box.baton("item", "edit", "9", "--title", "x").status == 65)
    }

    @Test func staleRevisionIsAConflict() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "Original")
        try box.ok("item", "edit", "1", "--title", "Changed by someone else")
        let result = try box.baton("item", "edit", "1", "--title", "x", "--revision", "1")
        #expect(result.status == 75, "\(result.transcript)")
        #expect(result.stderr.hasPrefix("baton: "))
        #expect(try box.item(1)["title"] as? String == "Changed by someone else")
        let move = try box.baton("item", "move", "1", "Done", "--revision", "1")
        #expect(move.status == 75, "\(move.transcript)")
        #expect(try box.item(1)["stage"] as? String == "Backlog")
        let current = try #require(try box.item(1)["revision"] as? Int)
        try box.ok("item", "edit", "1", "--title", "Mine", "--revision", "\(current)")
        #expect(try box.item(1)["title"] as? String == "Mine")
    }

    @Test func moveToAnUnknownStageNamesItAndListsTheStages() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "x")
        let result = try box.baton("item", "move", "1", "Doign")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("baton: "))
        #expect(result.stderr.contains("'Doign'"))
        #expect(result.stderr.contains("Backlog, Ready, Doing, Done"))
        #expect(try box.item(1)["stage"] as? String == "Backlog")
    }

    @Test func moveIgnoresCaseAndTopPutsItFirst() throws {
        let box = try Sandbox.withBoard()
        for title in ["a", "b", "c"] { try box.ok("item", "add", title) }
        let move = try box.ok("item", "move", "1", "doing")
        #expect(move.stdout.contains("Doing"))
        try box.ok("item", "move", "2", "Doing")
        try box.ok("item", "move", "3", "Doing", "--top")
        let titles = try box.jsonArray("item", "list", "--stage", "Doing", "--json").compactMap {
            $0["title"] as? String
        }
        #expect(titles == ["c", "a", "b"])
        let events = try box.jsonArray("log", "--json", "--item", "1")
        #expect(events.contains { ($0["change"] as? [String: Any])?["kind"] as? String == "item.moved" })
    }

    @Test func reorderWithinTheStage() throws {
        let box = try Sandbox.withBoard()
        for title in ["a", "b", "c", "d"] { try box.ok("item", "add", title) }
        func order() throws -> [String] {
            try box.jsonArray("item", "list", "--stage", "Backlog", "--json").compactMap { $0["title"] as? String }
        }
        try box.ok("item", "reorder", "3", "up")
        #expect(try order() == ["a", "c", "b", "d"])
        try box.ok("item", "reorder", "#1", "down")
        #expect(try order() == ["c", "a", "b", "d"])
        try box.ok("item", "reorder", "4", "top")
        #expect(try order() == ["d", "c", "a", "b"])
        try box.ok("item", "reorder", "4", "bottom")
        #expect(try order() == ["c", "a", "b", "d"])
        #expect(try box.baton("item", "reorder", "4", "sideways").status == 64)
        #expect(try box.baton("item", "reorder", "9", "up").status == 65)
    }

    @Test func movingASixthItemIntoDoingWarnsButSucceeds() throws {
        let box = try Sandbox.withBoard()
        for n in 1...6 { try box.ok("item", "add", "task \(n)") }
        for n in 1...5 {
            let move = try box.ok("item", "move", "\(n)", "Doing")
            #expect(!move.stderr.contains("WIP"), "no warning expected for item \(n): \(move.stderr)")
        }
        let sixth = try box.baton("item", "move", "6", "Doing")
        #expect(sixth.status == 0, "\(sixth.transcript)")
        #expect(sixth.stderr.hasPrefix("baton: warning:"))
        #expect(sixth.stderr.contains("WIP limit"))
        #expect(sixth.stderr.contains("Doing"))
        #expect(try box.item(6)["stage"] as? String == "Doing")
        #expect(try box.jsonArray("item", "list", "--stage", "Doing", "--json").count == 6)
    }
}
