import Foundation
import Testing

/// Issue 4's store test: 8 processes × 500 mixed operations on one board at once. Each process is a
/// small shell script driving the binary (one operation = one run of baton), acting as its own
/// member (`--as`), and writing a log line per run: what it did, the exit code, the first line of
/// stdout and of stderr. Afterwards the logs are held against the history (`log --json`) and the
/// final board. Beside ConcurrencyTests (add + move only), which it extends with edits of different
/// fields, same-field edits based on a revision (some refused with exit 75), reorders and comments.
@Suite("mixed concurrent writers", .serialized)
struct MixedConcurrencyTests {
    static let processes = 8
    /// Each cycle is 10 runs, so 50 cycles are 500 operations per process (4000 in all; about
    /// 80 s on 2 cores for the debug build).
    static let cycles = 50
    static let runsPerCycle = 10
    static let sharedItems = 4
    static let handles = ["wa", "wb", "wc", "wd", "we", "wf", "wg", "wh"]

    /// One cycle of a writer, $W (1-8) acting as $H. Items 1-4 are shared by all writers; each
    /// cycle also adds one item of the writer's own. Values written are unique ("w3-17 notes"),
    /// except kinds, so that every event can be traced to the run that asked for it.
    ///
    ///  1. add an own item                       6. edit the kind of shared item t (no revision)
    ///  2. read shared item s (its revision)      7. move the own item to Ready, Doing or Done
    ///  3. edit s's title based on that revision  8. comment on t
    ///  4. edit s's notes (no revision)           9. reorder s (up, down, top, bottom)
    ///  5. edit s's title based on the same, now  10. by turns: move t; retitle the own item;
    ///     stale, revision: always refused            change the own item's kind
    static let script = #"""
        set -u
        NL='
        '
        : > "$LOG"
        ERR="$LOG.stderr"
        # log OP ITEM FIELD VALUE: one tab-separated line for the run just made.
        log() {
          first=${out%%"$NL"*}
          err=""
          IFS= read -r err < "$ERR" || true
          printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$rc" "$first" "$err" >> "$LOG"
        }
        # run OP ITEM FIELD VALUE ARGS...: runs baton as $H with ARGS and logs it.
        run() {
          op=$1; item=$2; field=$3; value=$4; shift 4
          out=$("$BATON" --as "$H" "$@" 2>"$ERR"); rc=$?
          log "$op" "$item" "$field" "$value"
        }
        kinds="work opportunity concern limitation"
        nth() { shift "$1"; echo "$1"; }
        i=1
        while [ "$i" -le "$CYCLES" ]; do
          s=$(( (i + W) % 4 + 1 ))
          t=$(( (i * 3 + W + 1) % 4 + 1 ))
          run add - title "w$W-$i" item add "w$W-$i"
          n=${first#?}
          out=$("$BATON" --as "$H" item show "$s" --json 2>"$ERR"); rc=$?
          rev=${out#*\"revision\" : }; rev=${rev%%,*}
          log read "$s" revision "$rev"
          run edit-rev "$s" title "w$W-$i fresh" item edit "$s" --title "w$W-$i fresh" --revision "$rev"
          run edit "$s" notes "w$W-$i notes" item edit "$s" --notes "w$W-$i notes"
          run edit-rev "$s" title "w$W-$i stale" item edit "$s" --title "w$W-$i stale" --revision "$rev"
          k=$(nth $(( (i + W) % 4 + 1 )) $kinds)
          run edit "$t" kind "$k" item edit "$t" --kind "$k"
          st=$(nth $(( (i + W) % 3 + 1 )) Ready Doing Done)
          run move "$n" stage "$st" item move "$n" "$st"
          run comment "$t" comment "w$W-$i comment" comment "$t" "w$W-$i comment"
          step=$(nth $(( (i * W) % 4 + 1 )) up down top bottom)
          run reorder "$s" position "$step" item reorder "$s" "$step"
          case $(( i % 3 )) in
            0) st=$(nth $(( (i + W) % 4 + 1 )) Backlog Ready Doing Done)
               run move "$t" stage "$st" item move "$t" "$st" ;;
            1) run edit "$n" title "w$W-$i renamed" item edit "$n" --title "w$W-$i renamed" ;;
            2) k=$(nth $(( (i + W + 2) % 4 + 1 )) $kinds)
               run edit "$n" kind "$k" item edit "$n" --kind "$k" ;;
          esac
          i=$((i + 1))
        done
        rm -f "$ERR"
        """#

    /// One line of a writer's log.
    struct Run: CustomStringConvertible {
        var writer: Int, op: String, item: String, field: String, value: String
        var status: Int32, stdout: String, stderr: String
        init?(writer: Int, line: Substring) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let status = Int32(f[4]) else { return nil }
            self.writer = writer
            op = f[0]
            item = f[1]
            field = f[2]
            value = f[3]
            self.status = status
            stdout = f[5]
            stderr = f[6]
        }
        var description: String {
            "w\(writer) \(op) #\(item) \(field)=\(value) → exit \(status) [\(stdout)] [\(stderr)]"
        }
        /// Whether baton said the run changed nothing (so that no event is expected).
        var changedNothing: Bool {
            stdout.contains("already had those values") || stdout.contains("is already in")
                || stdout.contains("stays where it is")
        }
    }

    /// An event, reduced to what a run can be matched by.
    struct Trace: Equatable, CustomStringConvertible {
        var kind: String, item: Int?, field: String?, after: String?
        var description: String { "\(kind) #\(item.map(String.init) ?? "-") \(field ?? "-")=\(after ?? "*")" }
        /// Equal, where an unknown `after` (a reorder's new position) matches any.
        func matches(_ other: Trace) -> Bool {
            kind == other.kind && item == other.item && field == other.field
                && (after == nil || other.after == nil || after == other.after)
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func eightMixedWritersLoseNothing() throws {
        let box = try Sandbox.withBoard()
        let binary = try Paths.requireBinary()
        for (w, handle) in Self.handles.enumerated() {
            try box.ok(
                "member", "add", "Writer \(w + 1)", "--handle", handle, "--discipline", w % 2 == 0 ? "it" : "business")
        }
        for s in 1...Self.sharedItems {
            let added = try box.ok("item", "add", "shared \(s)")
            try #require(added.itemNumber == s)
        }
        let setupEvents = try box.jsonArray("log", "--json").count
        let stageIDs = Dictionary(
            uniqueKeysWithValues: try box.jsonArray("stage", "list", "--json").compactMap { stage in
                (stage["name"] as? String).flatMap { name in (stage["id"] as? Int).map { (name, $0) } }
            })
        let memberIDs = Dictionary(
            uniqueKeysWithValues: try box.jsonArray("member", "list", "--json").compactMap { member in
                (member["handle"] as? String).flatMap { handle in (member["id"] as? Int).map { (handle, $0) } }
            })

        let logs = (1...Self.processes).map { box.path("writer-\($0).log") }
        let started = Date()
        let writers = try (1...Self.processes).map { w in
            try box.spawn(
                "/bin/sh", ["-c", Self.script],
                env: [
                    "BATON": binary, "W": "\(w)", "H": Self.handles[w - 1], "CYCLES": "\(Self.cycles)",
                    "LOG": logs[w - 1],
                ])
        }
        let results = try writers.map { try $0.wait(timeout: 540) }
        let seconds = Date().timeIntervalSince(started)
        for (w, result) in results.enumerated() {
            try #require(result.status == 0, "writer \(w + 1) script failed: \(result.transcript)")
        }

        // The logs: every run there, and only exit 0 or, for an edit based on a revision, exit 75
        // with a conflict message.
        var runs: [[Run]] = []
        for (w, path) in logs.enumerated() {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\n")
            let parsed = lines.compactMap { Run(writer: w + 1, line: $0) }
            #expect(parsed.count == lines.count, "writer \(w + 1) wrote unreadable log lines")
            try #require(parsed.count == Self.cycles * Self.runsPerCycle, "writer \(w + 1) logged \(parsed.count) runs")
            runs.append(parsed)
        }
        let all = runs.flatMap { $0 }
        let total = all.count
        let perSecond = Double(total) / seconds
        print(
            "CLITests: \(Self.processes) writers x \(Self.cycles * Self.runsPerCycle) mixed operations = \(total) runs in "
                + "\(String(format: "%.1f", seconds)) s: \(String(format: "%.1f", perSecond)) operations per second")

        let refused = all.filter { $0.status == 75 }
        let unexpected = all.filter { !($0.status == 0 || ($0.status == 75 && $0.op == "edit-rev")) }
        #expect(
            unexpected.isEmpty,
            "\(unexpected.count) runs with an unexpected exit code, e.g.\n\(unexpected.prefix(10).map(\.description).joined(separator: "\n"))"
        )
        let notConflicts = refused.filter { !$0.stderr.contains("changed by someone else") }
        #expect(
            notConflicts.isEmpty,
            "refusals without a conflict message:\n\(notConflicts.prefix(10).map(\.description).joined(separator: "\n"))"
        )
        let stale = all.filter { $0.op == "edit-rev" && $0.value.hasSuffix(" stale") }
        #expect(
            stale.allSatisfy { $0.status == 75 },
            "an edit based on a revision the writer itself had made stale was accepted")
        let freshAccepted = all.filter { $0.op == "edit-rev" && $0.value.hasSuffix(" fresh") && $0.status == 0 }.count
        #expect(freshAccepted > 0, "no same-field edit based on a just-read revision got through")
        let readsFailed = all.filter { $0.op == "read" && Int($0.value) == nil }
        #expect(readsFailed.isEmpty, "reads without a revision: \(readsFailed.prefix(5))")
        print("CLITests: \(refused.count) same-field edits refused as conflicts, \(freshAccepted) accepted")

        // The history: after the setup, exactly the events the acknowledged runs asked for,
        // each writer's in the order it made them, and nothing from refused runs.
        let events = try box.jsonArray("log", "--json")
        let seqs = events.compactMap { $0["seq"] as? Int }
        #expect(seqs.count == events.count && Set(seqs).count == seqs.count, "event sequence numbers are unique")
        #expect(seqs == seqs.sorted(), "log --json is in sequence order")
        let changes = events.dropFirst(setupEvents)
        func trace(_ event: [String: Any]) -> Trace {
            let change = event["change"] as? [String: Any] ?? [:]
            return Trace(
                kind: change["kind"] as? String ?? "?", item: change["item"] as? Int,
                field: change["field"] as? String, after: change["after"] as? String)
        }
        for (w, writerRuns) in runs.enumerated() {
            let member = try #require(memberIDs[Self.handles[w]])
            let expected: [Trace] = writerRuns.compactMap { run in
                guard run.status == 0, !run.changedNothing else { return nil }
                switch run.op {
                case "add":
                    return Trace(kind: "item.created", item: Int(run.stdout.dropFirst()), field: nil, after: run.value)
                case "edit", "edit-rev":
                    return Trace(kind: "item.edited", item: Int(run.item), field: run.field, after: run.value)
                case "move":
                    return Trace(
                        kind: "item.moved", item: Int(run.item), field: "stage",
                        after: stageIDs[run.value].map(String.init))
                case "comment": return Trace(kind: "comment.added", item: Int(run.item), field: nil, after: run.value)
                case "reorder": return Trace(kind: "item.reordered", item: Int(run.item), field: "position", after: nil)
                default: return nil
                }
            }
            let recorded = changes.filter { $0["member"] as? Int == member }.map(trace)
            let firstMismatch = zip(expected, recorded).enumerated().first { !$0.element.0.matches($0.element.1) }
            #expect(
                recorded.count == expected.count && firstMismatch == nil,
                "writer \(w + 1): \(expected.count) acknowledged changes, \(recorded.count) events; first difference at \(firstMismatch.map { "\($0.offset): expected \($0.element.0), recorded \($0.element.1)" } ?? "the end")"
            )
        }
        let writerIDs = Set(Self.handles.compactMap { memberIDs[$0] })
        let strangers = changes.filter { !writerIDs.contains($0["member"] as? Int ?? -1) }
        #expect(strangers.isEmpty, "\(strangers.count) events by no writer")
        let afters = Set(changes.compactMap { ($0["change"] as? [String: Any])?["after"] as? String })
        let leaked = refused.filter { afters.contains($0.value) }
        #expect(leaked.isEmpty, "refused edits that left an event: \(leaked.prefix(5))")

        // No lost update: per item and field, each event starts from the previous one's value,
        // and the board ends with the last one's.
        let items = try box.jsonArray("item", "list", "--json")
        #expect(items.count == Self.sharedItems + Self.processes * Self.cycles)
        let stageNames = Dictionary(uniqueKeysWithValues: stageIDs.map { (String($0.value), $0.key) })
        var history: [Int: [String: [(before: String?, after: String?)]]] = [:]
        for event in changes {
            guard let change = event["change"] as? [String: Any], let item = change["item"] as? Int else { continue }
            switch change["kind"] as? String {
            case "item.edited", "item.moved":
                guard let field = change["field"] as? String else { continue }
                history[item, default: [:]][field, default: []].append(
                    (change["before"] as? String, change["after"] as? String))
            default: continue
            }
        }
        var lost: [String] = []
        for item in items {
            guard let number = item["number"] as? Int else { continue }
            for (field, steps) in history[number] ?? [:] {
                for (a, b) in zip(steps, steps.dropFirst()) where a.after != b.before {
                    lost.append(
                        "#\(number) \(field): an event went from \(b.before ?? "nil") though the one before set \(a.after ?? "nil")"
                    )
                }
                guard let last = steps.last?.after else { continue }
                let final: String?
                switch field {
                case "stage": final = (item["stage"] as? String).flatMap { stageIDs[$0] }.map(String.init)
                default: final = item[field] as? String
                }
                if final != last {
                    lost.append(
                        "#\(number) \(field) is \(final.flatMap { stageNames[$0] ?? $0 } ?? "nil"), but the last acknowledged write set \(last)"
                    )
                }
            }
        }
        #expect(lost.isEmpty, "\(lost.count) lost updates, e.g.\n\(lost.prefix(10).joined(separator: "\n"))")

        // Every acknowledged comment is on its item exactly once.
        for s in 1...Self.sharedItems {
            let texts = (try box.item(s)["comments"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            let acknowledged = all.filter { $0.op == "comment" && $0.status == 0 && $0.item == "\(s)" }.map(\.value)
            #expect(
                texts.sorted() == acknowledged.sorted(),
                "#\(s): \(acknowledged.count) comments acknowledged, \(texts.count) on the item")
        }

        let check = try box.baton("check")
        #expect(check.status == 0, "\(check.transcript)")
    }
}
