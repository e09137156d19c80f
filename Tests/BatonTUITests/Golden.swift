import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// The folder of golden frames, beside this file.
let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// A frame as a golden file: the text grid, a `--- roles ---` line, then the role grid.
func goldenText(_ frame: Frame) -> String {
    (frame.lines + ["--- roles ---"] + frame.roleLines).joined(separator: "\n") + "\n"
}

/// Compares `frame` with `Golden/<name>.txt`. With `BATON_RECORD_GOLDEN=1` it writes the file
/// instead and records an issue, so that a recording run never passes silently.
func assertGolden(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = goldenFolder.appendingPathComponent(name + ".txt")
    let actual = goldenText(frame)
    if ProcessInfo.processInfo.environment["BATON_RECORD_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "Recorded golden frame \(name).txt; run again without BATON_RECORD_GOLDEN to check it.",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("Could not write golden frame \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "Golden frame \(url.path) is missing; look at the frame and record it with `BATON_RECORD_GOLDEN=1 swift test --filter BatonTUITests`.",
            sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var differences: [String] = []
    for row in 0..<max(want.count, got.count) {
        let w = row < want.count ? want[row] : "<none>", g = row < got.count ? got[row] : "<none>"
        if w != g { differences.append("line \(row + 1):\n  expected |\(w)|\n  actual   |\(g)|") }
    }
    let report: String =
        "Frame differs from golden \(name).txt (\(differences.count) lines; re-record with BATON_RECORD_GOLDEN=1 if the change is intended):\n"
        + differences.prefix(8).joined(separator: "\n")
    Issue.record("\(report)", sourceLocation: sourceLocation)
}

/// A terminal size, for parameterised tests.
struct Size: Sendable, CustomStringConvertible {
    let width: Int, height: Int
    init(_ width: Int, _ height: Int) {
        self.width = width
        self.height = height
    }
    var description: String { "\(width)x\(height)" }
    static let golden = [Size(80, 24), Size(120, 40), Size(40, 12)]
}

// MARK: Looking at frames

extension Frame {
    /// The first place where the cells spell `text` (wide characters counted once), as (x, y).
    func find(_ text: String, from start: (x: Int, y: Int) = (0, 0)) -> (x: Int, y: Int)? {
        let wanted = Array(text).map(String.init)
        for y in start.y..<height {
            let row = (0..<width).map { self[$0, y].text }
            let columns = row.indices.filter { !row[$0].isEmpty }
            let texts = columns.map { row[$0] }
            guard texts.count >= wanted.count else { continue }
            for i in 0...(texts.count - wanted.count) where Array(texts[i..<i + wanted.count]) == wanted {
                if y == start.y && columns[i] < start.x { continue }
                return (columns[i], y)
            }
        }
        return nil
    }

    /// The roles of `count` cells starting at (x, y).
    func roles(x: Int, y: Int, count: Int) -> [StyleRole] {
        (x..<min(width, x + count)).map { self[$0, y].role }
    }

    /// Every cell's text joined, for "does it appear anywhere" checks.
    var allText: String { lines.joined(separator: "\n") }

    /// Problems with wide characters: one in the last column, or not followed by its continuation.
    var wideProblems: [String] {
        var problems: [String] = []
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    if x == 0 || DisplayText.width(of: self[x - 1, y].text) != 2 {
                        problems.append("(\(x),\(y)) is a continuation without a wide character before it")
                    }
                } else if DisplayText.width(of: cell.text) == 2 {
                    if x == width - 1 {
                        problems.append("(\(x),\(y)) '\(cell.text)' is wide in the last column")
                    } else if !self[x + 1, y].isContinuation {
                        problems.append("(\(x),\(y)) '\(cell.text)' has no continuation")
                    }
                } else if cell.text.count != 1 {
                    problems.append("(\(x),\(y)) holds \(cell.text.count) characters")
                }
            }
        }
        return problems
    }

    /// Cells whose text could act on a terminal: C0, DEL, C1, or bidi and invisible format characters.
    var unsafeCells: [String] {
        var found: [String] = []
        for y in 0..<height {
            for x in 0..<width {
                for scalar in self[x, y].text.unicodeScalars where isUnsafe(scalar) {
                    found.append("(\(x),\(y)) U+\(String(scalar.value, radix: 16, uppercase: true))")
                }
            }
        }
        return found
    }
}

func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        || v == 0x200B || v == 0x200E || v == 0x200F || v == 0xFEFF
}
