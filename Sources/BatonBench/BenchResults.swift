import Foundation

/// One column of the table: boards of one size, kept in one backend.
struct Column: Hashable, Comparable {
    let backend: Backend
    let items: Int

    /// Board files first, then boards in PostgreSQL; smaller boards first within each.
    static func < (a: Column, b: Column) -> Bool {
        (a.backend == .postgres ? 1 : 0, a.items) < (b.backend == .postgres ? 1 : 0, b.items)
    }

    var title: String { backend == .file ? "\(items) items" : "PostgreSQL, \(items) items" }
}

/// Every sample of every run, and the figures made of them: the median over the runs.
struct BenchResults {
    let runs: Int
    let presses: Int
    private var samples: [Column: [Metric: [Double]]] = [:]

    init(runs: Int, presses: Int) {
        self.runs = runs
        self.presses = presses
    }

    mutating func add(_ figures: [Metric: Double], items: Int, backend: Backend) {
        for (metric, value) in figures where value.isFinite {
            samples[Column(backend: backend, items: items), default: [:]][metric, default: []].append(value)
        }
    }

    private var columns: [Column] { samples.keys.sorted() }

    /// The metrics with a figure in at least one column.
    private var measured: [Metric] {
        Metric.allCases.filter { metric in columns.contains { figure(metric, $0) != nil } }
    }

    private func figure(_ metric: Metric, _ column: Column) -> Double? {
        samples[column]?[metric].map(\.median)
    }

    /// The figures beside their budgets, one column per board size and backend, ✗ where a budget is missed.
    func table() -> String {
        let header = ["figure (median of \(runs) runs)", "budget"] + columns.map(\.title)
        var rows = [header]
        for metric in measured {
            rows.append(
                [metric.label + " (\(metric.unit))", budgetText(metric)]
                    + columns.map { column in
                        guard let value = figure(metric, column) else { return "–" }
                        return format(value, metric) + (within(value, metric, column.backend) ? "  " : " ✗")
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
            + "\nPresses of each measured key: \(presses); changes by another writer, and keys 40 ms away: "
            + "\(presses / 5)."
    }

    /// The budget of a board file, and that of a board in PostgreSQL where it differs.
    private func budgetText(_ metric: Metric) -> String {
        let sign = metric.higherIsBetter ? "≥ " : "≤ "
        guard let file = metric.budget(on: .file) else { return "–" }
        let text = sign + format(file, metric)
        guard columns.contains(where: { $0.backend == .postgres }), let postgres = metric.budget(on: .postgres),
            postgres != file
        else { return text }
        return text + " (PG " + sign + format(postgres, metric) + ")"
    }

    private func within(_ value: Double, _ metric: Metric, _ backend: Backend) -> Bool {
        guard let budget = metric.budget(on: backend) else { return true }
        return metric.higherIsBetter ? value >= budget : value <= budget
    }

    private func format(_ value: Double, _ metric: Metric) -> String {
        switch metric.unit {
        case "bytes", "writes/s": String(Int(value.rounded()))
        case "% core": String(format: "%.2f", value)
        default: String(format: "%.1f", value)
        }
    }

    /// Writes every figure with its backend, budget, verdict and samples as JSON.
    func write(to path: String) throws {
        struct Entry: Encodable {
            let items: Int, backend: Backend, metric: String, label: String, unit: String
            let value: Double, budget: Double?, withinBudget: Bool, samples: [Double]
        }
        struct Document: Encodable { let runs: Int, presses: Int, date: String, results: [Entry] }
        let entries = columns.flatMap { column in
            Metric.allCases.compactMap { metric -> Entry? in
                guard let values = samples[column]?[metric], let value = figure(metric, column) else { return nil }
                return Entry(
                    items: column.items, backend: column.backend, metric: metric.rawValue, label: metric.label,
                    unit: metric.unit, value: value, budget: metric.budget(on: column.backend),
                    withinBudget: within(value, metric, column.backend), samples: values)
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
