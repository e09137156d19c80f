/// Reading theme files: `ROLE FG BG ATTRS` lines.

extension Theme {
    /// Parses a theme file: one `ROLE FG BG ATTRS` line per role, `#` comments, blank lines.
    ///
    /// ROLE is a `StyleRole` raw value; FG and BG are `default`, a colour name (`black` …
    /// `white`, `bright-black` … `bright-white`) or a number 0-255; ATTRS is `-` or a
    /// comma-separated list of bold, dim, underline, reverse, italic. Words are not case
    /// sensitive. Roles the file does not mention look like `normal`. The first bad line throws a
    /// `ThemeError` carrying its line number.
    public static func parse(_ text: String, name: String) throws -> Theme {
        var styles: [StyleRole: ThemeStyle] = [:]
        var definedOn: [StyleRole: Int] = [:]
        // Character.isNewline also matches "\r\n" (one Character), so CRLF files number lines right.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.isEmpty { continue }
            func fail(_ message: String) -> ThemeError { ThemeError(line: number, message: message) }

            guard words.count >= 4 else {
                let found = words.count == 1 ? "1 field" : "\(words.count) fields"
                throw fail(
                    "expected 4 fields ROLE FG BG ATTRS but found \(found) ('\(words.joined(separator: " "))'); write '-' for no attributes."
                )
            }
            guard let role = StyleRole(rawValue: words[0].lowercased()) else {
                let roles = StyleRole.allCases.map(\.rawValue)
                throw fail(
                    "unknown role '\(words[0])'\(suggestion(for: words[0], among: roles)); roles are \(roles.joined(separator: ", "))."
                )
            }
            if let first = definedOn[role] {
                throw fail("role '\(role.rawValue)' is already defined on line \(first); define each role once.")
            }
            let foreground = try colour(words[1], layer: "foreground", line: number)
            let background = try colour(words[2], layer: "background", line: number)
            var style = ThemeStyle(foreground: foreground, background: background)
            try applyAttributes(words[3...].joined(separator: ","), to: &style, line: number)
            styles[role] = style
            definedOn[role] = number
        }
        return Theme(name: name, styles: styles)
    }

    private static func colour(_ word: String, layer: String, line: Int) throws -> ThemeColor {
        if let colour = ThemeColor(word: word) { return colour }
        if !word.isEmpty,
            word.allSatisfy(\.isASCIIDigit)
                || (word.first == "-" && word.dropFirst().allSatisfy(\.isASCIIDigit) && word.count > 1)
        {
            throw ThemeError(line: line, message: "\(layer) colour \(word) is out of range; colour numbers are 0-255.")
        }
        let names = ["default"] + ThemeColor.names
        throw ThemeError(
            line: line,
            message:
                "unknown \(layer) colour '\(word)'\(suggestion(for: word, among: names)); colours are \(names.joined(separator: ", ")) or a number 0-255."
        )
    }

    /// ATTRS: `-`, or attribute names separated by commas (spaces after the commas are tolerated).
    private static func applyAttributes(_ text: String, to style: inout ThemeStyle, line: Int) throws {
        let words = text.split(separator: ",").map { $0.lowercased() }
        if words == ["-"] { return }
        for word in words {
            switch word {
            case "bold": style.bold = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            case "italic": style.italic = true
            case "-":
                let others = words.filter { $0 != "-" }.joined(separator: ",")
                throw ThemeError(
                    line: line, message: "'-' means no attributes and cannot be combined with '\(others)'.")
            default:
                let names = ThemeStyle.attributeNames
                throw ThemeError(
                    line: line,
                    message:
                        "unknown attribute '\(word)'\(suggestion(for: word, among: names)); attributes are \(names.joined(separator: ", ")) separated by commas, or '-' for none."
                )
            }
        }
    }

    /// ` (did you mean 'x'?)` for the closest candidate within two edits, else nothing.
    private static func suggestion(for word: String, among candidates: [String]) -> String {
        let word = word.lowercased()
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
