import Foundation
import Testing

@Suite("init and board discovery")
struct InitAndDiscoveryTests {
    @Test func initCreatesAnEmptyBoardWithFourStages() throws {
        let box = try Sandbox()
        let result = try box.baton("init")
        #expect(result.status == 0, "\(result.transcript)")
        #expect(result.stdout.contains(box.boardPath))
        #expect(FileManager.default.fileExists(atPath: box.boardPath))
        let stages = try box.jsonArray("stage", "list", "--json")
        #expect(stages.compactMap { $0["name"] as? String } == ["Backlog", "Ready", "Doing", "Done"])
        #expect(stages.compactMap { $0["role"] as? String } == ["queue", "queue", "active", "done"])
        #expect(try box.jsonArray("item", "list", "--json").isEmpty)
    }

    @Test func initTakesAPathAndAName() throws {
        let box = try Sandbox()
        try box.ok("init", "other.baton", "--name", "Payments squad")
        let show = try box.baton("show", "--board", "other.baton")
        #expect(show.status == 0)
        #expect(show.lines.first?.contains("· Payments squad ·") == true, "\(show.stdout)")
    }

    @Test func initRefusesAnExistingBoardAndLeavesItUnchanged() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "Keep me")
        let before = try #require(box.bytes(box.boardPath))
        let result = try box.baton("init")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("baton: "))
        #expect(result.stderr.contains(box.boardPath))
        #expect(box.bytes(box.boardPath) == before)
        #expect(try box.jsonArray("item", "list", "--json").count == 1)
    }

    @Test func initRefusesAnyExistingFile() throws {
        let box = try Sandbox()
        let path = box.path("notes.txt")
        try Data("my precious notes\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try box.baton("init", "notes.txt")
        #expect(result.status == 65)
        #expect(box.bytes(path) == Data("my precious notes\n".utf8))
    }

    @Test func sampleBoardHasASquadOutcomesAndItemsEverywhere() throws {
        let box = try Sandbox.withBoard(sample: true)
        let members = try box.jsonArray("member", "list", "--json")
        let disciplines = Set(members.compactMap { $0["discipline"] as? String })
        #expect(disciplines == ["business", "it"])
        #expect(members.count >= 4)
        #expect(try box.jsonArray("outcome", "list", "--json").count == 3)

        let stages = try box.shownStages()
        #expect(stages.count == 4)
        for stage in stages {
            let items = stage["items"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty, "stage \(stage["name"] ?? "?") is empty")
        }
        let items = try box.jsonArray("item", "list", "--json")
        #expect(items.filter { $0["blocked"] as? String != nil }.count >= 1)
        #expect(items.filter { $0["expedite"] as? Bool == true }.count >= 1)
        #expect(try box.jsonArray("item", "list", "--blocked", "--json").count >= 1)

        var comments = 0
        for item in items {
            let number = try #require(item["number"] as? Int)
            comments += (try box.item(number)["comments"] as? [[String: Any]] ?? []).count
        }
        #expect(comments >= 1)
        let check = try box.baton("check")
        #expect(check.status == 0, "\(check.transcript)")
    }

    @Test func boardFlagIsUsed() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(atPath: box.path("elsewhere"), withIntermediateDirectories: true)
        try box.ok("init", "elsewhere/b.baton", "--name", "Flagged")
        let show = try box.baton("show", "--board", box.path("elsewhere/b.baton"))
        #expect(show.status == 0)
        #expect(show.lines.first?.contains("· Flagged ·") == true, "\(show.stdout)")
        // Nothing was created as a default board.
        #expect(!FileManager.default.fileExists(atPath: box.dataHome.appendingPathComponent("baton/board.baton").path))
    }

    @Test func environmentVariableIsUsedAndTheFlagWins() throws {
        let box = try Sandbox()
        try box.ok("init", "env.baton", "--name", "FromEnv")
        try box.ok("init", "flag.baton", "--name", "FromFlag")
        let env = try box.baton(["show"], env: ["BATON_BOARD": box.path("env.baton")])
        #expect(env.status == 0)
        #expect(env.lines.first?.contains("· FromEnv ·") == true, "\(env.stdout)")
        let both = try box.baton(["show", "--board", "flag.baton"], env: ["BATON_BOARD": box.path("env.baton")])
        #expect(both.lines.first?.contains("· FromFlag ·") == true, "\(both.stdout)")
    }

    @Test func nearestBoardUpwardsIsFound() throws {
        let box = try Sandbox.withBoard()
        let deep = box.root.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let add = try box.baton(["item", "add", "From below"], cwd: deep)
        #expect(add.status == 0, "\(add.transcript)")
        let items = try box.jsonArray("item", "list", "--json")
        #expect(items.compactMap { $0["title"] as? String } == ["From below"])
        // The environment variable beats the nearest board.
        try box.ok("init", "a/env.baton", "--name", "Env")
        let viaEnv = try box.baton(
            ["item", "list", "--json"], cwd: deep, env: ["BATON_BOARD": box.path("a/env.baton")])
        #expect(viaEnv.status == 0)
        #expect((try JSONSerialization.jsonObject(with: viaEnv.stdoutData) as? [Any])?.isEmpty == true)
    }

    @Test func defaultBoardIsCreatedOnFirstUse() throws {
        let box = try Sandbox()
        // Discovery walks up from the sandbox: a stray board.baton above it would spoil this test.
        var folder = box.root.deletingLastPathComponent()
        while folder.path != "/" {
            try #require(
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent("board.baton").path),
                "a board.baton above the sandbox at \(folder.path) hides the default board")
            folder = folder.deletingLastPathComponent()
        }
        let cwd = box.root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        let add = try box.baton(["item", "add", "First thing"], cwd: cwd)
        #expect(add.status == 0, "\(add.transcript)")
        #expect(add.itemNumber == 1)
        let defaultBoard = box.dataHome.appendingPathComponent("baton/board.baton").path
        #expect(FileManager.default.fileExists(atPath: defaultBoard))
        let list = try box.baton(["item", "list", "--json"], cwd: box.home)
        let items = try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]]
        #expect(items?.first?["title"] as? String == "First thing")
    }

    @Test func missingBoardFlagGives66WithAHint() throws {
        let box = try Sandbox()
        for args in [
            ["show", "--board", "missing.baton"], ["item", "add", "x", "--board", "missing.baton"],
            ["check", "--board", "missing.baton"],
        ] {
            let result = try box.baton(args)
            #expect(result.status == 66, "\(args): \(result.transcript)")
            #expect(result.stderr.hasPrefix("baton: "))
            #expect(result.stderr.contains("missing.baton"))
            #expect(result.stderr.contains("baton init"))
        }
        #expect(!FileManager.default.fileExists(atPath: box.path("missing.baton")))
        let env = try box.baton(["show"], env: ["BATON_BOARD": box.path("gone.baton")])
        #expect(env.status == 66, "\(env.transcript)")
    }

    @Test(arguments: ["text", "empty"])
    func nonBoardFilesAreRefusedAndLeftAlone(kind: String) throws {
        let box = try Sandbox()
        let path = box.path("\(kind).baton")
        let content = kind == "text" ? Data("These are my notes, not a board.\n".utf8) : Data()
        try content.write(to: URL(fileURLWithPath: path))
        for args in [["show"], ["item", "add", "x"], ["check"], ["item", "list", "--json"]] {
            let result = try box.baton(args + ["--board", path])
            #expect(result.status == 65, "\(args): \(result.transcript)")
            #expect(result.stderr.hasPrefix("baton: "))
            #expect(result.stderr.contains(path))
            #expect(box.bytes(path) == content)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.root.path).filter {
            $0.hasPrefix("\(kind).baton")
        }
        #expect(leftovers == ["\(kind).baton"])
    }
}
