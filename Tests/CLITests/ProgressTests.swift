import Foundation
import Testing

/// Long work shows a progress bar on standard error when that is a terminal, and nothing in
/// pipes or logs. The terminal is `script`'s pseudo-terminal, whose recording keeps every byte.
@Suite("progress bars")
struct ProgressTests {
    /// Runs baton with `arguments` on a pseudo-terminal; returns its status and all it wrote there.
    private func onTerminal(_ box: Sandbox, _ arguments: [String]) throws -> (status: Int32, bytes: String) {
        let command = ([try Paths.requireBinary()] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let recording = box.path("typescript")
        let result = try box.run("/usr/bin/script", ["-qfec", command, recording])
        return (result.status, try String(contentsOfFile: recording, encoding: .utf8))
    }

    @Test func importExportAndCopyShowABarOnATerminalAndClearIt() throws {
        let box = try Sandbox.withBoard(sample: true)
        try box.ok("export", "--output", "sample.json")
        try box.ok("init", "copy.baton")
        for (arguments, label) in [
            (["import", box.path("sample.json"), "--board", box.path("copy.baton")], "Importing"),
            (["export", "--board", box.path("copy.baton"), "--output", box.path("again.json")], "Reading"),
            (["copy", box.path("copy.baton"), box.path("second.baton")], "Copying"),
        ] {
            let (status, bytes) = try onTerminal(box, arguments)
            #expect(status == 0, "\(arguments): \(bytes)")
            #expect(bytes.contains("\r\(label) [....."), "the bar starts empty: \(bytes)")
            #expect(bytes.contains("] 100%"), "and ends full: \(bytes)")
            let cleared = try #require(bytes.range(of: "\r\u{1B}[K", options: .backwards), "cleared: \(bytes)")
            #expect(!bytes[cleared.upperBound...].contains(label), "nothing of the bar after it is cleared")
        }
        #expect(
            try box.ok("export", "--board", "copy.baton").stdoutData
                == (try Data(contentsOf: URL(fileURLWithPath: box.path("again.json")))))
    }

    @Test func pipesAndLogsGetNoBar() throws {
        let box = try Sandbox.withBoard(sample: true)
        let export = try box.ok("export", "--output", "sample.json")
        try box.ok("init", "copy.baton")
        let imported = try box.ok("import", "sample.json", "--board", "copy.baton")
        let copied = try box.ok("copy", "copy.baton", "second.baton")
        for result in [export, imported, copied] { #expect(result.stderr.isEmpty, "\(result.stderr)") }
    }
}
