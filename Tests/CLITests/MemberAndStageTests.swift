import Foundation
import Testing

@Suite("members and stages")
struct MemberAndStageTests {
    @Test func membersAddEditAndList() throws {
        let box = try Sandbox.withBoard()
        let add = try box.ok(
            "member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business", "--login", "alima")
        #expect(add.stdout.contains("Ana Lima"))
        try box.ok("member", "add", "Ben Okafor", "--handle", "BO", "--discipline", "it")
        try box.ok("member", "edit", "ana", "--name", "Ana Lima-Silva", "--discipline", "it", "--login", "none")
        try box.ok("member", "edit", "bo", "--handle", "ben")
        let members = try box.jsonArray("member", "list", "--json")
        #expect(members.count == 3, "the creator plus two")
        let ana = try #require(members.first { $0["handle"] as? String == "ana" })
        #expect(ana["name"] as? String == "Ana Lima-Silva")
        #expect(ana["discipline"] as? String == "it")
        #expect(ana["login"] == nil)
        #expect(members.contains { $0["handle"] as? String == "ben" && $0["name"] as? String == "Ben Okafor" })
        #expect(members.allSatisfy { $0["id"] as? Int != nil })
        let text = try box.ok("member", "list")
        #expect(text.stdout.contains("Ana Lima-Silva") && text.stdout.contains("ben"))
    }

    @Test func memberErrors() throws {
        let box = try Sandbox.withBoard()
        try box.ok("member", "add", "Ana", "--handle", "ana", "--discipline", "business")
        let short = try box.baton("member", "add", "B", "--handle", "b", "--discipline", "it")
        #expect(short.status == 65)
        #expect(short.stderr.contains("'b'"))
        let long = try box.baton("member", "add", "B", "--handle", "abcd", "--discipline", "it")
        #expect(long.status == 65)
        let taken = try box.baton("member", "add", "Another", "--handle", "ana", "--discipline", "it")
        #expect(taken.status == 65)
        #expect(taken.stderr.contains("'ana'"))
        #expect(try box.baton("member", "add", "C", "--handle", "cc", "--discipline", "sales").status == 64)
        #expect(try box.baton("member", "add", "C", "--handle", "cc").status == 64)
        #expect(try box.baton("member", "add", "", "--handle", "cc", "--discipline", "it").status == 65)
        let unknown = try box.baton("member", "edit", "qq", "--name", "X")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("'qq'") && unknown.stderr.contains("ana (Ana)"))
        #expect(try box.jsonArray("member", "list", "--json").count == 2)
    }

    @Test func stagesAddRenameMoveWipRoleRemove() throws {
        let box = try Sandbox.withBoard()
        try box.ok("stage", "add", "Review", "--wip", "3", "--at", "4", "--role", "active")
        func stages() throws -> [[String: Any]] { try box.jsonArray("stage", "list", "--json") }
        #expect(try stages().compactMap { $0["name"] as? String } == ["Backlog", "Ready", "Doing", "Review", "Done"])
        #expect(try stages()[3]["wipLimit"] as? Int == 3)
        try box.ok("stage", "rename", "review", "QA")
        try box.ok("stage", "move", "QA", "1")
        #expect(try stages().compactMap { $0["name"] as? String } == ["QA", "Backlog", "Ready", "Doing", "Done"])
        #expect(try stages().compactMap { $0["position"] as? Int } == [0, 1, 2, 3, 4])
        try box.ok("stage", "wip", "QA", "2")
        #expect(try stages()[0]["wipLimit"] as? Int == 2)
        try box.ok("stage", "wip", "QA", "none")
        #expect(try stages()[0]["wipLimit"] == nil)
        try box.ok("stage", "role", "QA", "done")
        #expect(try stages()[0]["role"] as? String == "done")
        try box.ok("stage", "remove", "QA")
        #expect(try stages().compactMap { $0["name"] as? String } == ["Backlog", "Ready", "Doing", "Done"])
        let text = try box.ok("stage", "list")
        #expect(text.lines.count == 4)
        #expect(text.stdout.contains("Doing") && text.stdout.contains("active"))
    }

    @Test func stageErrors() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "x", "--stage", "Doing")
        let dup = try box.baton("stage", "add", "doing")
        #expect(dup.status == 65, "\(dup.transcript)")
        let rename = try box.baton("stage", "rename", "Doign", "Busy")
        #expect(rename.status == 65)
        #expect(rename.stderr.contains("'Doign'") && rename.stderr.contains("Backlog, Ready, Doing, Done"))
        #expect(try box.baton("stage", "rename", "Ready", "Done").status == 65)
        let position = try box.baton("stage", "move", "Ready", "9")
        #expect(position.status == 65)
        #expect(position.stderr.contains("1 to 4"), "\(position.stderr)")
        #expect(try box.baton("stage", "move", "Ready", "0").status == 65)
        #expect(try box.baton("stage", "wip", "Ready", "0").status == 65)
        #expect(try box.baton("stage", "wip", "Ready", "lots").status == 64)
        #expect(try box.baton("stage", "add", "Z", "--wip", "0").status == 65)
        #expect(try box.baton("stage", "role", "Ready", "waiting").status == 64)
        let full = try box.baton("stage", "remove", "Doing")
        #expect(full.status == 65)
        #expect(full.stderr.contains("Doing"))
        #expect(try box.baton("stage", "remove", "Nope").status == 65)
        #expect(try box.jsonArray("stage", "list", "--json").count == 4)
    }

    @Test func stageAddAtAPositionPastTheEndIsRefused() throws {
        let box = try Sandbox.withBoard()
        let far = try box.baton("stage", "add", "Far", "--at", "9")
        let zero = try box.baton("stage", "add", "Zero", "--at", "0")
        #expect(far.status == 65, "\(far.transcript)")
        #expect(zero.status == 65, "\(zero.transcript)")
    }

    @Test func historyOfARemovedStageKeepsItsName() throws {
        let box = try Sandbox.withBoard()
        try box.ok("stage", "add", "Review")
        try box.ok("stage", "wip", "Review", "2")
        try box.ok("stage", "remove", "Review")
        let log = try box.ok("log", "--limit", "3").lines
        #expect(log.count == 3)
        #expect(log[0].contains("Review") && log[2].contains("Review"))
        #expect(log[1].contains("Review"), "\(log[1])")
    }

    @Test func stageRoleChangeIsRecordedAsARoleChange() throws {
        let box = try Sandbox.withBoard()
        try box.ok("stage", "role", "Ready", "active")
        let last = try #require(try box.jsonArray("log", "--json", "--limit", "1").first)
        let change = try #require(last["change"] as? [String: Any])
        #expect(change["field"] as? String == "role")
        let kind = change["kind"] as? String
        #expect(kind != "stage.renamed" && kind?.hasPrefix("stage.") == true, "\(change)")
        #expect(change["before"] as? String == "queue")
        #expect(change["after"] as? String == "active")
        let log = try box.ok("log", "--limit", "1")
        #expect(log.stdout.contains("Ready") && log.stdout.contains("active"), "\(log.stdout)")
        #expect(try box.jsonArray("stage", "list", "--json")[1]["role"] as? String == "active")
    }

    @Test func boardRename() throws {
        let box = try Sandbox.withBoard()
        let result = try box.ok("rename", "Claims squad")
        #expect(result.stdout.contains("Claims squad"))
        #expect(try box.ok("show").lines.first?.contains("· Claims squad ·") == true)
        let empty = try box.baton("rename", "")
        #expect(empty.status == 65)
        #expect(try box.baton("rename", "a\u{1B}b").status == 65)
        #expect(try box.ok("show").lines.first?.contains("· Claims squad ·") == true)
    }
}
