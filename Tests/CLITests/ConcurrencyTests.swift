import Foundation
import Testing

@Suite("concurrent writers", .serialized)
struct ConcurrencyTests {
    static let processes = 8
    static let itemsPerProcess = 200

    @Test(.timeLimit(.minutes(10)), arguments: Backend.allCases)
    func eightWritersLoseNothing(_ backend: Backend) throws {
        let box = try Sandbox.withBoard()
        let board = try backend.board(in: box)
        let onBoard = board.map { ["--board", $0] } ?? []
        let binary = try Paths.requireBinary()
        // Each writer is a shell loop: add an item, then move it (by the number add printed) to Done.
        let script = """
            i=1
            while [ $i -le \(Self.itemsPerProcess) ]; do
              n=$("$BATON" item add "writer $W item $i") || { echo "add $W/$i failed" >&2; exit 1; }
              "$BATON" item move "$n" Done >/dev/null || { echo "move $W/$i ($n) failed" >&2; exit 1; }
              i=$((i + 1))
            done
            """
        let started = Date()
        let writers = try (1...Self.processes).map { w in
            try box.spawn("/bin/sh", ["-c", script], env: ["BATON": binary, "W": "\(w)", "BATON_BOARD": board])
        }
        let results = try writers.map { try $0.wait(timeout: 540) }
        let seconds = Date().timeIntervalSince(started)
        print(
            "CLITests (\(backend)): \(Self.processes) writers x \(Self.itemsPerProcess) items (add + move) took \(String(format: "%.1f", seconds)) s"
        )
        for (w, result) in results.enumerated() {
            #expect(result.status == 0, "writer \(w + 1): exit \(result.status), stderr: \(result.stderr.suffix(2000))")
            #expect(!result.stderr.contains("busy"), "writer \(w + 1) saw a busy error: \(result.stderr)")
        }

        let total = Self.processes * Self.itemsPerProcess
        let items = try box.jsonArray(["item", "list", "--json"] + onBoard)
        #expect(items.count == total)
        let numbers = items.compactMap { $0["number"] as? Int }
        let missingNumbers = Set(1...total).subtracting(numbers).sorted()
        #expect(missingNumbers.isEmpty, "missing numbers: \(missingNumbers.prefix(20))")
        #expect(numbers.count == Set(numbers).count, "some numbers appear twice")
        #expect(numbers.max() == total)
        let titles = items.compactMap { $0["title"] as? String }
        var expected: Set<String> = []
        for w in 1...Self.processes { for i in 1...Self.itemsPerProcess { expected.insert("writer \(w) item \(i)") } }
        let missingTitles = expected.subtracting(titles).sorted()
        #expect(missingTitles.isEmpty, "\(missingTitles.count) titles missing, e.g. \(missingTitles.prefix(5))")
        #expect(titles.count == Set(titles).count, "some titles appear twice")
        let notDone = items.filter { $0["stage"] as? String != "Done" }.compactMap { $0["number"] as? Int }
        #expect(notDone.isEmpty, "not moved: \(notDone.prefix(20))")

        let events = try box.jsonArray(["log", "--json"] + onBoard)
        let kinds = events.compactMap { ($0["change"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.filter { $0 == "item.created" }.count == total)
        #expect(kinds.filter { $0 == "item.moved" }.count == total)
        let seqs = events.compactMap { $0["seq"] as? Int }
        #expect(Set(seqs).count == seqs.count, "event sequence numbers are unique")

        let check = try box.baton(["check"] + onBoard)
        #expect(check.status == 0, "\(check.transcript)")
    }
}
