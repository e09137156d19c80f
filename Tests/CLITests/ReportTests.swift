import Foundation
import Testing

/// `baton report flow` and `baton report outcomes` on a board imported with a history whose times
/// are set relative to now.
@Suite("reports")
struct ReportTests {
    static func stamp(_ daysAgo: Double, from now: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: now.addingTimeInterval(-daysAgo * 86_400))
    }

    /// #1 Backlog→Doing→Done (2 days, 8 days ago); #2 Doing→Done (4 days, 2 days ago); #3 blocked in
    /// Doing, serving no outcome; #4 30 days in Backlog; #5 done then back in Doing 6 days ago.
    static func board() throws -> Sandbox {
        let box = try Sandbox.withBoard()
        let export = try box.ok("export", "--format", "json")
        var document = try #require(try JSONSerialization.jsonObject(with: export.stdoutData) as? [String: Any])
        let now = Date()
        let t = { (daysAgo: Double) in stamp(daysAgo, from: now) }
        document["outcomes"] = [
            [
                "id": 1, "title": "Faster onboarding", "metric": "onboarding time", "unit": "days",
                "baseline": 10, "target": 3, "current": 7, "targetDate": "2099-01-01",
                "history": [
                    ["at": t(40), "value": 10, "by": 1], ["at": t(20), "value": 8, "by": 1],
                    ["at": t(1), "value": 7, "by": 1],
                ],
            ]
        ]
        func item(_ n: Int, _ stage: Int, since: Double, created: Double, outcome: Int?, blocked: Bool = false)
            -> [String: Any]
        {
            var item: [String: Any] = [
                "number": n, "title": "Item \(n)", "notes": "", "kind": "work", "owners": [1], "involved": [],
                "expedite": false, "stage": stage, "position": n, "revision": 1, "archived": false,
                "createdBy": 1, "createdAt": t(created), "updatedBy": 1, "updatedAt": t(since), "stageSince": t(since),
            ]
            if let outcome { item["outcome"] = outcome }
            if blocked { item["blocked"] = ["reason": "waiting for legal", "since": t(2), "by": 1] }
            return item
        }
        document["items"] = [
            item(1, 4, since: 8, created: 20, outcome: 1), item(2, 4, since: 2, created: 6, outcome: 1),
            item(3, 3, since: 3, created: 3, outcome: nil, blocked: true),
            item(4, 1, since: 30, created: 30, outcome: 1),
            item(5, 3, since: 6, created: 9, outcome: 1),
        ]
        document["nextItemNumber"] = 6
        var events = try #require(document["events"] as? [[String: Any]])
        var seq = (events.last?["seq"] as? Int) ?? 0
        func event(_ daysAgo: Double, _ change: [String: Any]) {
            seq += 1
            events.append(["seq": seq, "at": t(daysAgo), "account": "ana", "member": 1, "change": change])
        }
        func created(_ n: Int, _ stage: Int, _ daysAgo: Double) {
            event(
                daysAgo,
                ["kind": "item.created", "item": n, "entity": "stage", "entityID": stage, "after": "Item \(n)"])
        }
        func moved(_ n: Int, _ from: Int, _ to: Int, _ daysAgo: Double) {
            event(
                daysAgo,
                ["kind": "item.moved", "item": n, "field": "stage", "before": String(from), "after": String(to)])
        }
        created(4, 1, 30)
        created(1, 1, 20)
        moved(1, 1, 3, 10)
        moved(1, 3, 4, 8)
        created(5, 3, 9)
        moved(5, 3, 4, 7)
        created(2, 3, 6)
        moved(5, 4, 3, 6)
        created(3, 3, 3)
        event(2, ["kind": "item.blocked", "item": 3, "field": "blocked", "after": "waiting for legal"])
        moved(2, 3, 4, 2)
        document["events"] = events
        let file = box.path("history.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: file))
        try box.ok("init", "flow.baton", "--name", "Flow squad")
        try box.ok("--board", "flow.baton", "import", file)
        return box
    }

    @Test func flowReportAsJSON() throws {
        let box = try Self.board()
        let report = try box.jsonObject("report", "flow", "--board", "flow.baton", "--weeks", "4", "--format", "json")
        #expect(report["board"] as? String == "Squad")
        let cycle = try #require(report["cycleTime"] as? [String: Any])
        #expect(cycle["finished"] as? Int == 2)
        #expect(cycle["medianDays"] as? Double == 3, "2 and 4 days")
        #expect(cycle["percentile85Days"] as? Double == 4)
        let weeks = try #require(report["throughput"] as? [[String: Any]])
        #expect(weeks.count == 4)
        #expect(weeks.compactMap { $0["finished"] as? Int }.reduce(0, +) == 2)
        let ages = try #require(report["ages"] as? [[String: Any]])
        #expect(ages.map { $0["stage"] as? String } == ["Backlog", "Ready", "Doing", "Done"])
        let overBacklog = try #require(ages[0]["overLimit"] as? [[String: Any]])
        #expect(overBacklog.compactMap { $0["item"] as? Int } == [4])
        let overDoing = try #require(ages[2]["overLimit"] as? [[String: Any]])
        #expect(
            overDoing.compactMap { $0["item"] as? Int } == [5],
            "#5 entered Doing again 6 days ago; blocked #3 is 3 days old")
        let flow = try #require(report["cumulativeFlow"] as? [String: Any])
        #expect(flow["stages"] as? [String] == ["Backlog", "Ready", "Doing", "Done"])
        let days = try #require(flow["days"] as? [[String: Any]])
        #expect(days.count == 28)
        #expect(days.last?["counts"] as? [Int] == [1, 0, 2, 2])
        #expect(days[days.count - 5]["counts"] as? [Int] == [1, 0, 2, 1], "four days ago: #2 and #5 in Doing, #1 done")
    }

    @Test func flowReportAsTextAndMarkdown() throws {
        let box = try Self.board()
        let text = try box.ok(
            "report", "flow", "--board", "flow.baton", "--weeks", "2", "--width", "40", "--height", "10")
        #expect(text.stdout.contains("Flow of Squad, the last 2 weeks"))
        #expect(text.stdout.contains("1 past 14d: #4 30d"))
        #expect(text.stdout.contains("2 items finished: median 3.0 days, 85th percentile 4.0 days"))
        #expect(text.stdout.contains("█ Backlog  ▓ Ready  ▒ Doing  ░ Done"))
        #expect(text.stdout.contains("\n5┤") && text.stdout.contains("\n0└"), "\(text.stdout)")
        #expect(!text.stdoutData.containsEscape)
        let markdown = try box.ok("report", "flow", "--board", "flow.baton", "--format", "markdown")
        #expect(markdown.stdout.hasPrefix("# Flow: Squad"))
        #expect(markdown.stdout.contains("| Backlog | 1 | 14d | 1 | #4 30d |"))
        #expect(markdown.stdout.contains("## Throughput per week") && markdown.stdout.contains("```text"))
        let strict = try box.ok("report", "flow", "--board", "flow.baton", "--older-than", "2.5")
        #expect(strict.stdout.contains("2 past 2d: #5 6d, #3 3d (blocked)"), "\(strict.stdout)")
    }

    @Test func outcomesReport() throws {
        let box = try Self.board()
        let report = try box.jsonObject("report", "outcomes", "--board", "flow.baton", "--json")
        let outcome = try #require((report["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["title"] as? String == "Faster onboarding")
        #expect(outcome["trend"] as? [Double] == [10, 8, 7])
        #expect(outcome["finishedLast7Days"] as? Int == 1 && outcome["finishedLast30Days"] as? Int == 2)
        #expect((outcome["daysLeft"] as? Int ?? 0) > 20_000)
        let items = try #require(outcome["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["open"] as? Int } == [1, 0, 1, 2])
        let unlinked = try #require(report["unlinkedActiveWork"] as? [[String: Any]])
        #expect(
            unlinked.count == 1 && unlinked[0]["stage"] as? String == "Doing" && unlinked[0]["items"] as? [Int] == [3])
        let text = try box.ok("report", "outcomes", "--board", "flow.baton")
        #expect(text.stdout.contains("1. Faster onboarding"))
        #expect(text.stdout.contains("Trend: █▃▁  10 → 8 → 7"))
        #expect(text.stdout.contains("Open items: Backlog 1 · Ready 0 · Doing 1 · Done 2"))
        #expect(text.stdout.contains("Finished: 1 in the last 7 days, 2 in the last 30 days"))
        #expect(text.stdout.contains("days left"))
        #expect(text.stdout.contains("1 item in Doing serves no outcome: #3"))
        let markdown = try box.ok("report", "outcomes", "--board", "flow.baton", "--format", "markdown")
        #expect(
            markdown.stdout.contains("## 1. Faster onboarding")
                && markdown.stdout.contains("## Active work serving no outcome"))
    }

    @Test func emptyBoardsAndBadOptions() throws {
        let box = try Sandbox.withBoard()
        let flow = try box.ok("report", "flow")
        #expect(flow.stdout.contains("no item with a cycle time finished in these weeks"))
        let outcomes = try box.ok("report", "outcomes")
        #expect(
            outcomes.stdout.contains("There are no outcomes yet")
                && outcomes.stdout.contains("All active work serves an outcome."))
        #expect(try box.baton("report", "flow", "--weeks", "0").status == 64)
        #expect(try box.baton("report", "flow", "--weeks", "105").status == 64)
        #expect(try box.baton("report", "flow", "--format", "html").status == 64)
        #expect(try box.baton("report", "flow", "--width", "5").status == 64)
        #expect(try box.baton("report", "flow", "--older-than", "-1").status == 64)
        #expect(try box.baton("report", "flow", "--board", box.path("missing.baton")).status == 66)
    }
}
