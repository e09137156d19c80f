import Foundation

/// Every sample of every run, and the figures made of them: the median over the runs.
struct BenchResults {
    let runs: Int
    let presses: Int
    private var samples: [Int: [Metric: [Double]]] = [:]

    init(runs: Int, presses: Int) {
        self.runs = runs
        self.presses = presses
    }

    mutating func add(_ figures: [Metric: Double], items: Int) {
        for (metric, value) in figures where value.isFinite {
            samples[items, default: [:]][metric, default: []].append(value)
        }
    }

    private var sizes: [Int] { samples.keys.sorted() }

    private func figure(_ metric: Metric, _ items: Int) -> Double? {
        samples[items]?[metric].map(\.median)
    }

    /// The figures beside their budgets, one column per board size, ✗ where a budget is missed.
    func table() -> String {
        let header = ["figure (median of \(runs) runs)", "budget"] + sizes.map { "\($0) items" }
        var rows = [header]
        for metric in Metric.allCases {
            let budget = metric.budget.map { (metric.higherIsBetter ? "≥ " : "≤ ") + format($0, metric) } ?? "–"
            rows.append(
                [metric.label + " (\(metric.unit))", budget]
                    + sizes.map { items in
                        guard let value = figure(metric, items) else { return "–" }
                        return format(value, metric) + (within(value, metric) ? "  " : " ✗")
                    })
        }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == 0
                    ? text.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ")
        }.joined(separator: "\n")
            + "\nPresses of each measured key: \(presses); changes by another writer: \(presses / 5)."
    }

    private func within(_ value: Double, _ metric: Metric) -> Bool {
        guard let budget = metric.budget else { return true }
        return metric.higherIsBetter ? value >= budget : value <= budget
    }

    private func format(_ value: Double, _ metric: Metric) -> String {
        switch metric.unit {
        case "bytes", "writes/s": String(Int(value.rounded()))
        case "% core": String(format: "%.2f", value)
        default: String(format: "%.1f", value)
        }
    }

    /// Writes every figure with its budget, verdict and samples as JSON.
    func write(to path: String) throws {
        struct Entry: Encodable {
            let items: Int, metric: String, label: String, unit: String
            let value: Double, budget: Double?, withinBudget: Bool, samples: [Double]
        }
        struct Document: Encodable { let runs: Int, presses: Int, date: String, results: [Entry] }
        let entries = sizes.flatMap { items in
            Metric.allCases.compactMap { metric -> Entry? in
                guard let values = samples[items]?[metric], let value = figure(metric, items) else { return nil }
                return Entry(
                    items: items, metric: metric.rawValue, label: metric.label, unit: metric.unit, value: value,
                    budget: metric.budget, withinBudget: within(value, metric), samples: values)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(
            runs: runs, presses: presses, date: ISO8601DateFormatter().string(from: Date()), results: entries)
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(document).write(to: url)
    }
}
