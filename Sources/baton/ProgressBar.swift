import Foundation

/// A progress bar on standard error for long work (a copy, an import, an export), drawn only
/// when standard error is a terminal: pipes and logs get nothing. Redrawn at most every 50 ms
/// and when the figure changes, then cleared when the work is done.
final class ProgressBar {
    private let label: String
    private let isShown: Bool
    private var lastDrawn = Date.distantPast
    private var lastText = ""
    static let width = 30

    /// A bar that says `label` ("Copying") before its figures.
    init(_ label: String, shown: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.isShown = shown
    }

    /// Runs `work` with a bar that says `label`, cleared when it ends, however it ends.
    static func showing<T>(_ label: String, _ work: (ProgressBar) throws -> T) rethrows -> T {
        let bar = ProgressBar(label)
        defer { bar.finish() }
        return try work(bar)
    }

    /// `done` of `total` units are finished.
    func update(_ done: Int, of total: Int) {
        guard isShown else { return }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDrawn) >= 0.05 else { return }
        let text = Self.line(label, done, total)
        guard text != lastText else { return }
        lastDrawn = now
        lastText = text
        FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
    }

    /// Clears the bar, leaving the line for what is printed next.
    func finish() {
        guard isShown, !lastText.isEmpty else { return }
        lastText = ""
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The bar's text: `Copying [#########.............] 31%  12,000 of 38,000 rows`.
    static func line(_ label: String, _ done: Int, _ total: Int) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        return "\(label) [\(bar)] \(percent)%  \(grouped(done)) of \(grouped(total)) rows"
    }

    private static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
