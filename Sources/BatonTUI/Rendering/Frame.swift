import BatonCore

/// One terminal cell: a grapheme cluster (empty for the right half of a wide one) and its role.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: StyleRole

    public init(text: String = " ", role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }

    /// The right half of a two-column character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells plus the cursor: what a view draws and a backend shows.
///
/// Every string is sanitised and clipped here, so no text can reach the terminal as a control
/// sequence or spill over a border, and no wide character is ever split.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be, or `nil` to hide it.
    public var cursor: (x: Int, y: Int)?
    /// On a scrolling text screen: the largest scroll offset that still shows something new
    /// (the view clamps to it; the loop hands it to `update` as `Msg.scrollLimit`).
    public var scrollLimit: Int?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y) in `role`, at most `limit` columns (default: to the right edge).
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for character in DisplayText.sanitize(text) {
            let w = DisplayText.width(of: character)
            if w == 0 { continue }
            if column + w > end { break }
            if character.unicodeScalars.count == 1 {
                place(String(character), width: w, x: column, y: y, role: role)
            } else {
                var cellX = column
                for cell in DisplayText.cells(of: character) where cell.width > 0 {
                    place(cell.text, width: cell.width, x: cellX, y: y, role: role)
                    cellX += cell.width
                }
            }
            column += w
        }
        return column - x
    }

    /// One cell of text `width` (1 or 2) columns wide at (x, y); nothing left of the frame.
    private mutating func place(_ text: String, width w: Int, x: Int, y: Int, role: StyleRole) {
        guard x >= 0 else { return }
        clearWide(at: x, y: y)
        self[x, y] = Cell(text: text, role: role)
        if w == 2 {
            clearWide(at: x + 1, y: y)
            self[x + 1, y] = Cell(text: "", role: role)
        }
    }

    /// Fills a rectangle with spaces in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { self[column, row] = Cell(text: " ", role: role) }
        }
    }

    /// Sets the role of a rectangle without changing its text.
    public mutating func paint(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { self[column, row].role = role }
        }
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        if self[x, y].isContinuation, x > 0 { self[x - 1, y].text = " " }
        if x + 1 < width, self[x + 1, y].isContinuation { self[x + 1, y].text = " " }
    }

    /// The frame's text, one string per row (wide characters once, trailing spaces kept).
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }
    }

    /// The frame's roles, one letter per cell (see `StyleRole.code`).
    public var roleLines: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y].role.code }) }
    }
}
