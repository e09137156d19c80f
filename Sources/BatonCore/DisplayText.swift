/// glibc's `wcwidth`, which its headers hide from Swift behind feature macros.
@_silgen_name("wcwidth")
private func systemWCWidth(_ character: Int32) -> Int32

/// Makes other people's text safe and measurable for a terminal.
///
/// Board text is data from other people: control characters, bidi overrides and invisible
/// characters are replaced by visible placeholders before anything is drawn, and widths are
/// counted per grapheme cluster so that truncation never splits one.
public enum DisplayText {
    /// The text with every character that could act on a terminal replaced by a visible placeholder.
    ///
    /// C0 controls become their Control Pictures (␛, ␊ ...), DEL becomes ␡, C1 controls, bidi
    /// controls and invisible format characters become `�`. Line breaks are kept only when
    /// `keepNewlines` is set.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsReplacement($0, keepNewlines: keepNewlines) }) else {
            return text
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsReplacement(scalar, keepNewlines: keepNewlines) {
                scalars.append(placeholder(for: scalar))
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    static func needsReplacement(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        if keepNewlines && scalar == "\n" { return false }
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        return isInvisibleFormat(v)
    }

    /// Bidi embeddings, overrides and isolates, marks, and other invisible formatting characters.
    static func isInvisibleFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F,
            0xFEFF, 0xFFF9...0xFFFB, 0x00AD, 0x180E, 0x2028, 0x2029, 0xE0000...0xE007F:
            return true
        default:
            return false
        }
    }

    static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v)! }
        if v == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }

    /// Columns a sanitised character takes in a terminal: the sum of its scalars' `wcwidth`,
    /// leaving out joiners, variation selectors and skin-tone modifiers. Terminals disagree on the
    /// sequences those build (one glyph or several, one column or two), so a character is drawn as
    /// its parts (`cells(of:)`): a ZWJ family of three takes six columns in every terminal.
    public static func width(of character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars where !isIgnoredForWidth(scalar.value) {
            total += max(0, Int(systemWCWidth(Int32(bitPattern: scalar.value))))
        }
        return total
    }

    /// The terminal cells of a sanitised character, left to right: each is a scalar that takes
    /// columns, with the zero-width scalars (combining marks) that follow it, and its width.
    /// Joiners, variation selectors and skin-tone modifiers are left out, so that what the
    /// terminal is sent is exactly as wide as `width(of:)` says.
    public static func cells(of character: Character) -> [(text: String, width: Int)] {
        var cells: [(text: String, width: Int)] = []
        for scalar in character.unicodeScalars where !isIgnoredForWidth(scalar.value) {
            let w = max(0, Int(systemWCWidth(Int32(bitPattern: scalar.value))))
            if w > 0 || cells.isEmpty {
                cells.append((String(scalar), w))
            } else {
                cells[cells.count - 1].text.unicodeScalars.append(scalar)
            }
        }
        return cells
    }

    /// Columns a sanitised string takes in a terminal.
    public static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// Zero-width joiners, variation selectors and skin-tone modifiers: terminals disagree on them.
    static func isIgnoredForWidth(_ v: UInt32) -> Bool {
        v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
            || (0xE0100...0xE01EF).contains(v)
    }

    /// The text cut to at most `columns` columns, ending in `…` when it was cut; never splits a character.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > columns - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// The text truncated or padded with spaces to exactly `columns` columns.
    public static func fit(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - width(of: cut)))
    }

    /// The text split into lines of at most `columns` columns, breaking at spaces where possible;
    /// a word longer than a line is broken, starting on the current line.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let w = width(of: word)
            if used > 0 && used + 1 + w <= columns {
                line += " " + word
                used += 1 + w
            } else if used == 0 && w <= columns {
                line = word
                used = w
            } else {
                // A word longer than a whole line starts where the line is, so no line is left nearly empty.
                if used > 0 && w > columns && used + 2 <= columns {
                    line += " "
                    used += 1
                } else if used > 0 {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                for character in word {
                    let cw = width(of: character)
                    if used > 0 && used + cw > columns {
                        lines.append(line)
                        line = ""
                        used = 0
                    }
                    line.append(character)
                    used += cw
                }
            }
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
