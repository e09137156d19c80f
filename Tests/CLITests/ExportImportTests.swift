import Foundation
import Testing

@Suite("export, import and check")
struct ExportImportTests {
    @Test func jsonExportImportRoundTripIsByteIdentical() throws {
        let box = try Sandbox.withBoard(sample: true)
        let first = try box.ok("export", "--format", "json")
        try first.stdoutData.write(to: URL(fileURLWithPath: box.path("sample.json")))
        try box.ok("init", "copy.baton", "--name", "Something else")
        let imported = try box.ok("import", "sample.json", "--board", "copy.baton")
        #expect(imported.stdout.contains("12 items"), "\(imported.stdout)")
        let second = try box.ok("export", "--board", "copy.baton")
        #expect(second.stdoutData == first.stdoutData, "re-export differs from the original export")
        #expect(try box.baton("check", "--board", "copy.baton").status == 0)
        let items = try box.jsonArray("item", "list", "--json", "--board", "copy.baton")
        #expect(items.count == 12)
    }

    @Test func importFromStandardInput() throws {
        let box = try Sandbox.withBoard(sample: true)
        let export = try box.ok("export")
        try box.ok("init", "piped.baton")
        let result = try box.baton(["import", "-", "--board", "piped.baton"], stdin: export.stdout)
        #expect(result.status == 0, "\(result.transcript)")
        #expect(try box.jsonArray("outcome", "list", "--json", "--board", "piped.baton").count == 3)
    }

    @Test func importIntoABoardWithItemsIsRefused() throws {
        let box = try Sandbox.withBoard(sample: true)
        try box.ok("export", "--output", "sample.json")
        try box.ok("init", "busy.baton")
        try box.ok("item", "add", "Already here", "--board", "busy.baton")
        let before = try box.ok("export", "--board", "busy.baton").stdoutData
        let result = try box.baton("import", "sample.json", "--board", "busy.baton")
        #expect(result.status == 65, "\(result.transcript)")
        #expect(result.stderr.hasPrefix("baton: "))
        #expect(result.stderr.contains("items"))
        #expect(try box.ok("export", "--board", "busy.baton").stdoutData == before)
    }

    @Test func importRefusesFilesThatAreNotExports() throws {
        let box = try Sandbox.withBoard()
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: box.path("other.json")))
        try Data("not json at all".utf8).write(to: URL(fileURLWithPath: box.path("junk.txt")))
        for file in ["other.json", "junk.txt"] {
            let result = try box.baton("import", file)
            #expect(result.status == 65, "\(file): \(result.transcript)")
            #expect(result.stderr.contains(file))
        }
        #expect(try box.baton("import", "missing.json").status != 0)
        #expect(try box.jsonArray("item", "list", "--json").isEmpty)
    }

    @Test func markdownAndCSVExportsContainTheItems() throws {
        let box = try Sandbox.withBoard(sample: true)
        let titles = try box.jsonArray("item", "list", "--json").compactMap { $0["title"] as? String }
        #expect(titles.count == 12)
        let markdown = try box.ok("export", "--format", "markdown").stdout
        #expect(markdown.hasPrefix("# Claims squad") || markdown.hasPrefix("# Squad"), "\(markdown.prefix(80))")
        for stage in ["## Backlog", "## Ready", "## Doing", "## Done"] { #expect(markdown.contains(stage)) }
        let csv = try box.ok("export", "--format", "csv").stdout
        // Records end with CRLF (RFC 4180); notes may hold bare line feeds inside quotes.
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(
            lines.first
                == "number,title,kind,stage,owners,involved,outcome,due,expedite,blocked,archived,revision,created_at,updated_at,notes"
        )
        #expect(lines.count == 13)
        for title in titles {
            #expect(markdown.contains(title), "markdown lacks \(title)")
            #expect(csv.contains(title), "csv lacks \(title)")
        }
    }

    @Test func csvQuotesFieldsWithCommasQuotesAndNewlines() throws {
        let box = try Sandbox.withBoard()
        try box.ok("item", "add", "Commas, \"quotes\" and more", "--notes", "two\nlines")
        let csv = try box.ok("export", "--format", "csv").stdout
        #expect(csv.contains("\"Commas, \"\"quotes\"\" and more\""), "\(csv)")
        #expect(csv.contains("\"two\nlines\""), "\(csv)")
    }

    @Test func outputOptionWritesTheFile() throws {
        let box = try Sandbox.withBoard(sample: true)
        let stdout = try box.ok("export", "--format", "markdown").stdoutData
        let long = try box.ok("export", "--format", "markdown", "--output", "board.md")
        #expect(long.stdout.isEmpty)
        #expect(box.bytes(box.path("board.md")) == stdout)
        let short = try box.baton("export", "--format", "csv", "-o", "board.csv")
        #expect(short.status == 0, "\(short.transcript)")
        #expect(box.bytes(box.path("board.csv"))?.isEmpty == false)
        let nowhere = try box.baton("export", "--output", box.path("no/such/folder/x.json"))
        #expect(nowhere.status == 74, "\(nowhere.transcript)")
        #expect(nowhere.stderr.hasPrefix("baton: "))
    }

    @Test func checkReportsAHealthyBoard() throws {
        let box = try Sandbox.withBoard(sample: true)
        let text = try box.baton("check")
        #expect(text.status == 0, "\(text.transcript)")
        #expect(text.stdout.contains("OK"))
        #expect(text.stdout.contains(box.boardPath))
        let json = try box.jsonObject("check", "--json")
        #expect(json["ok"] as? Bool == true)
        #expect(json["problems"] as? [Any] != nil && (json["problems"] as? [Any])?.isEmpty == true)
        #expect(json["board"] as? String == box.boardPath)
    }
}
