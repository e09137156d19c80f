import Foundation

/// A cumulative flow diagram drawn with block characters, for the command line and the TUI.
///
/// One band per stage, stacked with the last stage (done) at the bottom and the first stage on
/// top; each column is one day (or several days squeezed, the last of them shown); a cell
/// belongs to the band whose count range holds the cell's middle. Counts on the y-axis, dates
/// (`MM-DD`) under the x-axis, then a legend. Every cell knows its band, so a TUI can colour it.
public struct FlowDiagram: Equatable, Sendable {
    /// One character of the picture and the band (index into `CumulativeFlow.stages`) it shows.
    public struct Cell: Equatable, Sendable {
        public var character: Character
        /// The stage band, for plot cells and legend swatches; `nil` for axes, labels and blanks.
        public var band: Int?

        public init(_ character: Character, band: Int? = nil) {
            self.character = character
            self.band = band
        }
    }

    /// The picture, top to bottom; every row holds `width` cells (a wide character in a stage
    /// name counts as two columns, so such a legend row holds fewer cells).
    public var rows: [[Cell]]
    /// The rows of the plot area (not axes, labels or legend).
    public var plotRows: Range<Int>
    /// The columns of the plot area.
    public var plotColumns: Range<Int>

    /// The characters bands are drawn with, by band index modulo their count, so that bands
    /// stay apart without colour.
    public static let bandCharacters: [Character] = ["█", "▓", "▒", "░"]

    /// The diagram as lines of text, trailing spaces removed.
    public var lines: [String] {
        rows.map { row in
            var line = String(row.map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The diagram of `cfd` as lines of text fitting `width` columns and `height` rows.
    public static func render(_ cfd: CumulativeFlow, width: Int, height: Int) -> [String] {
        grid(cfd, width: width, height: height).lines
    }

    /// The diagram of `cfd` as cells, fitting `width` columns and `height` rows. The legend is
    /// dropped when it would leave the plot fewer than 3 rows; too small a size (fewer than 3
    /// rows, or no column for the plot) gives no rows at all.
    public static func grid(_ cfd: CumulativeFlow, width: Int, height: Int) -> FlowDiagram {
        let empty = FlowDiagram(rows: [], plotRows: 0..<0, plotColumns: 0..<0)
        let maxTotal = cfd.maxTotal
        let labelWidth = String(maxTotal).count
        let plotWidth = width - labelWidth - 1
        guard plotWidth >= 1, height >= 3 else { return empty }
        var legend = legendRows(cfd.stages, width: width)
        if height - 2 - legend.count < 3 { legend = [] }
        let plotHeight = height - 2 - legend.count

        var rows: [[Cell]] = []
        let bandsBottomUp = Array(cfd.stages.indices.reversed())
        for r in stride(from: plotHeight - 1, through: 0, by: -1) {
            var row = label(yLabel(row: r, plotHeight: plotHeight, maxTotal: maxTotal), width: labelWidth)
            let tick = r == plotHeight - 1 || (plotHeight >= 4 && r == (plotHeight - 1) / 2)
            row.append(Cell(tick ? "┤" : "│"))
            for c in 0..<plotWidth {
                guard let day = dayIndex(column: c, plotWidth: plotWidth, days: cfd.counts.count) else {
                    row.append(Cell(" "))
                    continue
                }
                let counts = cfd.counts[day]
                var cumulative = 0
                var band: Int?
                for index in bandsBottomUp where index < counts.count {
                    cumulative += counts[index]
                    // The cell's middle, (r + ½)·max/plotHeight, lies below the band's top.
                    if (2 * r + 1) * maxTotal < 2 * cumulative * plotHeight {
                        band = index
                        break
                    }
                }
                row.append(band.map { Cell(bandCharacters[$0 % bandCharacters.count], band: $0) } ?? Cell(" "))
            }
            rows.append(row)
        }
        rows.append(label("0", width: labelWidth) + [Cell("└")] + Array(repeating: Cell("─"), count: plotWidth))
        rows.append(Array(repeating: Cell(" "), count: labelWidth + 1) + dateRow(cfd.days, plotWidth: plotWidth))
        rows += legend
        return FlowDiagram(rows: rows, plotRows: 0..<plotHeight, plotColumns: (labelWidth + 1)..<width)
    }

    /// The day a column shows: with more days than columns, the last day of the column's share.
    static func dayIndex(column c: Int, plotWidth: Int, days: Int) -> Int? {
        guard days > 0 else { return nil }
        return days >= plotWidth ? (c + 1) * days / plotWidth - 1 : c * days / plotWidth
    }

    /// The count at the top of the top row, and at the middle tick; blank elsewhere.
    static func yLabel(row r: Int, plotHeight: Int, maxTotal: Int) -> String {
        if r == plotHeight - 1 { return String(maxTotal) }
        if plotHeight >= 4 && r == (plotHeight - 1) / 2 {
            return String(Int((Double(maxTotal) * Double(r + 1) / Double(plotHeight)).rounded()))
        }
        return ""
    }

    static func label(_ text: String, width: Int) -> [Cell] {
        (String(repeating: " ", count: max(0, width - text.count)) + text).map { Cell($0) }
    }

    /// The first date at the left, the last at the right, and the middle one when there is room.
    static func dateRow(_ days: [Day], plotWidth: Int) -> [Cell] {
        var row = Array(repeating: Character(" "), count: plotWidth)
        func put(_ day: Day, at start: Int) {
            for (offset, character) in String(day.description.dropFirst(5)).enumerated()
            where start + offset < plotWidth {
                row[start + offset] = character
            }
        }
        guard let first = days.first, let last = days.last, plotWidth >= 5 else { return row.map { Cell($0) } }
        put(first, at: 0)
        if days.count > 1, plotWidth >= 12 {
            put(last, at: plotWidth - 5)
            let middle = (plotWidth - 5) / 2
            if days.count > 2, middle >= 7, middle + 7 <= plotWidth - 5,
                let day = dayIndex(column: middle + 2, plotWidth: plotWidth, days: days.count)
            {
                put(days[day], at: middle)
            }
        }
        return row.map { Cell($0) }
    }

    /// `█ Backlog  ▓ Ready ...`, wrapped to `width`; names sanitised and cut to fit.
    static func legendRows(_ stages: [Stage], width: Int) -> [[Cell]] {
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var used = 0
        for (index, stage) in stages.enumerated() {
            let name = DisplayText.truncate(DisplayText.sanitize(stage.name), to: max(1, width - 2))
            let entryWidth = 2 + DisplayText.width(of: name)
            if used > 0 && used + 2 + entryWidth > width {
                rows.append(row + Array(repeating: Cell(" "), count: max(0, width - used)))
                row = []
                used = 0
            }
            if used > 0 {
                row += [Cell(" "), Cell(" ")]
                used += 2
            }
            row.append(Cell(bandCharacters[index % bandCharacters.count], band: index))
            row.append(Cell(" "))
            row += name.map { Cell($0) }
            used += entryWidth
        }
        if !row.isEmpty { rows.append(row + Array(repeating: Cell(" "), count: max(0, width - used))) }
        return rows
    }
}
