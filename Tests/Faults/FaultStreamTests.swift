import BatonTestSupport
import Foundation
import Testing

/// baton started with standard input, output or error closed: no crash, the right exit code, and
/// nothing it would have printed ends up in the board (a closed descriptor 1 or 2 would otherwise
/// be the number the next opened file gets).
@Suite("closed standard streams at start", .serialized)
struct FaultStreamTests {
    /// Shell redirections that close descriptors before baton starts.
    static let closings = ["<&-", ">&-", "2>&-", "<&- >&- 2>&-"]

    /// Runs baton with `arguments` through `sh -c 'exec baton … CLOSING'`.
    private func baton(_ box: Sandbox, closing: String, _ arguments: [String]) throws -> CLIResult {
        try box.run(
            "/bin/sh", ["-c", "exec \"$BATON\" \"$@\" \(closing)", "sh"] + arguments,
            env: ["BATON": try Paths.requireBinary()])
    }

    /// The board and its sidecars, as one blob of bytes.
    private func boardBytes(_ box: Sandbox) -> Data {
        ([box.boardPath] + sidecars(of: box.boardPath)).reduce(into: Data()) { $0 += box.bytes($1) ?? Data() }
    }

    @Test(
        "commands that succeed, print or fail with a stream closed neither crash nor write their output into the board",
        arguments: closings)
    func closedStream(closing: String) throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-streams")
        let marker = "Marker \(UUID().uuidString.prefix(8))"
        let commands: [(arguments: [String], status: Int32)] = [
            (["item", "add", marker], 0),
            (["show"], 0),
            (["export", "--format", "json"], 0),
            (["check"], 0),
            (["item", "show", "999"], 65),
            (["item", "add", ""], 65),
            (["item", "move", "1", "Nowhere"], 65),
        ]
        for command in commands {
            let result = try baton(box, closing: closing, command.arguments)
            #expect(result.status == command.status, "\(command.arguments) with \(closing): \(result.transcript)")
        }
        let stored = boardBytes(box)
        for printed in ["baton:", "There is no", "Backlog (", "\"format\"", ": OK ("] {
            #expect(
                stored.range(of: Data(printed.utf8)) == nil, "“\(printed)” was written into the board with \(closing)")
        }
        try expectSound(box)
        let board = try ExportedBoard(box)
        #expect(board.titles == [marker], "with \(closing)")
        #expect(board.count(event: "item.created", after: marker) == 1)
    }
}
