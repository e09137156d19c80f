import BatonTestSupport
import Foundation
import Testing

/// Problems in the user's settings files never stop the board from opening: the first shows on
/// the message line, and all of them, with file and line, are printed when the board closes.
@Suite("end to end: settings problems")
struct SettingsTests {
    @Test(.timeLimit(.minutes(1)))
    func badSettingsAreReportedAndTheBoardStillOpens() throws {
        let box = try boardSandbox()
        let folder = box.configHome.appendingPathComponent("baton")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config"), keys = folder.appendingPathComponent("keys")
        try Data("theme nope\nmouse sometimes\n".utf8).write(to: config)
        let notText = Data([0x71, 0x75, 0x69, 0x74, 0x20, 0xff, 0xfe, 0x0a])
        try notText.write(to: keys)
        let log = box.path("stderr.txt")
        let command =
            [TmuxSession.envPrefix(box)] + [try Paths.requireBinary(), "--board", box.boardPath].map(shellQuote)
        let script = TmuxSession.script(running: command.joined(separator: " ") + " 2>" + shellQuote(log), sandbox: box)
        let tmux = try TmuxSession(sandbox: box, width: 220, script: script)
        defer { tmux.kill() }
        let screen = try tmux.waitFor("Backlog 0")
        #expect(
            screen.contains("is not UTF-8 text, so it was ignored"), "the first problem on the message line:\n\(screen)"
        )
        #expect(screen.contains("(and 2 more, all printed when you quit)"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let printed = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            printed == [
                "\(keys.path): is not UTF-8 text, so it was ignored; save it as UTF-8.",
                "\(config.path):2: expected `mouse on` or `mouse off`.",
                "\(config.path):1: unknown theme 'nope'; available themes are default, high-contrast, light, mono.",
            ])
        // baton never rewrites the user's files.
        #expect(try Data(contentsOf: keys) == notText)
        #expect(try String(contentsOf: config, encoding: .utf8) == "theme nope\nmouse sometimes\n")
    }
}
