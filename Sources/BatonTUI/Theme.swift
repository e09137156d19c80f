/// A colour in a theme: the terminal's own default, or one of the 256 indexed colours.
public enum ThemeColor: Equatable, Hashable, Sendable {
    case terminalDefault
    case index(Int)
}

/// How one role looks.
public struct ThemeStyle: Equatable, Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var italic: Bool

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.dim = dim; self.underline = underline; self.reverse = reverse; self.italic = italic
    }
}

/// A named set of styles, one per role; roles it does not mention look `normal`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: ThemeStyle]

    public init(name: String, styles: [StyleRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role`, falling back to the `normal` role's style.
    public func style(_ role: StyleRole) -> ThemeStyle {
        styles[role] ?? styles[.normal] ?? ThemeStyle()
    }
}

// MARK: - Errors

/// A problem with a theme: a bad line in a theme file, or a theme that cannot be found or read.
///
/// `description` is one sentence, prefixed with the place: `FILE:LINE: …` when the file is known,
/// `line LINE: …` when only the line is.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The theme file, when known.
    public var file: String?
    /// The 1-based line in the theme file, when the problem is on a line.
    public var line: Int?
    /// The sentence itself, without the place.
    public var message: String

    public init(file: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (nil, line?): "line \(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        case (nil, nil): message
        }
    }
}

// MARK: - Colour and attribute names

extension ThemeColor {
    /// The colour names of the theme format, in palette order: index 0-15 (plus `default`).
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Reads a colour word of the theme format: `default`, a colour name, or a number 0-255.
    /// Returns `nil` for anything else.
    public init?(word: String) {
        let word = word.lowercased()
        if word == "default" {
            self = .terminalDefault
        } else if let index = ThemeColor.names.firstIndex(of: word) {
            self = .index(index)
        } else if !word.isEmpty, word.allSatisfy(\.isASCIIDigit), let number = Int(word), (0...255).contains(number) {
            self = .index(number)
        } else {
            return nil
        }
    }

    /// The colour as a word of the theme format (a name for 0-15, else the number).
    public var word: String {
        switch self {
        case .terminalDefault: "default"
        case .index(let index) where ThemeColor.names.indices.contains(index): ThemeColor.names[index]
        case .index(let index): String(index)
        }
    }
}

extension ThemeStyle {
    /// The attribute names of the theme format.
    public static let attributeNames = ["bold", "dim", "underline", "reverse", "italic"]

    /// The attributes as the ATTRS word of the theme format (`-` when none).
    public var attributesWord: String {
        let set = [bold, dim, underline, reverse, italic]
        let words = zip(ThemeStyle.attributeNames, set).filter(\.1).map(\.0)
        return words.isEmpty ? "-" : words.joined(separator: ",")
    }

    /// The same style without any colour.
    var withoutColours: ThemeStyle {
        var style = self
        style.foreground = .terminalDefault
        style.background = .terminalDefault
        return style
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

// MARK: - Parsing

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
                throw fail("expected 4 fields ROLE FG BG ATTRS but found \(found) ('\(words.joined(separator: " "))'); write '-' for no attributes.")
            }
            guard let role = StyleRole(rawValue: words[0].lowercased()) else {
                let roles = StyleRole.allCases.map(\.rawValue)
                throw fail("unknown role '\(words[0])'\(suggestion(for: words[0], among: roles)); roles are \(roles.joined(separator: ", ")).")
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
        if !word.isEmpty, word.allSatisfy(\.isASCIIDigit) || (word.first == "-" && word.dropFirst().allSatisfy(\.isASCIIDigit) && word.count > 1) {
            throw ThemeError(line: line, message: "\(layer) colour \(word) is out of range; colour numbers are 0-255.")
        }
        let names = ["default"] + ThemeColor.names
        throw ThemeError(line: line, message: "unknown \(layer) colour '\(word)'\(suggestion(for: word, among: names)); colours are \(names.joined(separator: ", ")) or a number 0-255.")
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
                throw ThemeError(line: line, message: "'-' means no attributes and cannot be combined with '\(others)'.")
            default:
                let names = ThemeStyle.attributeNames
                throw ThemeError(line: line, message: "unknown attribute '\(word)'\(suggestion(for: word, among: names)); attributes are \(names.joined(separator: ", ")) separated by commas, or '-' for none.")
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

// MARK: - Degrading to fewer colours

extension Theme {
    /// The theme for a terminal with `colours` colours.
    ///
    /// - 256 or more: unchanged.
    /// - 16-255: indices above 15 become the nearest of the 16 standard colours.
    /// - 8-15: every index becomes the nearest of the 8 basic colours (`bright-red` → `red`,
    ///   orange/amber → yellow, teal → cyan …). Greys become black or white when clearly dark or
    ///   light; a mid-grey foreground, which would be invisible on either a dark or a light
    ///   terminal if made black or white, becomes the terminal's own colour with `dim`.
    /// - below 8 (monochrome, also for `NO_COLOR`): no colours at all. A background highlight
    ///   becomes `reverse`, mid-grey text becomes `dim`, and the roles that must stay visible
    ///   are kept apart from the text around them: selections (`card.selected`, `stage.title.selected`, `selection`,
    ///   `prompt.cursor`) by reverse, alerts (`header.alert`, `stage.over-limit`, `blocked`,
    ///   `card.expedite`, `message.error`, `age.old`) by bold, then underline; footer keys,
    ///   `pairing-gap`, IT versus business people, involved members versus owners and the two
    ///   halves of a progress bar are kept apart by bold, dim or underline when only colour
    ///   told them apart.
    ///
    /// Bold, dim, underline, reverse and italic are always kept. A foreground that would end up
    /// the same colour as its background is replaced by black or white, whichever contrasts.
    public func degraded(toColours colours: Int) -> Theme {
        if colours >= 256 { return self }
        if colours < 8 { return monochrome() }
        let palette: ColourDegrader.Palette = colours >= 16 ? .sixteen : .eight
        var result = self
        for (role, style) in styles {
            result.styles[role] = ColourDegrader.degrade(style, to: palette)
        }
        return result
    }

    /// Roles whose whole point is to show where the user is.
    static let selectionRoles: [(role: StyleRole, context: StyleRole)] = [
        (.cardSelected, .card), (.stageTitleSelected, .stageTitle), (.selection, .normal), (.promptCursor, .prompt),
    ]

    /// Roles that warn, each with the role it is usually drawn next to or instead of.
    static let alertRoles: [(role: StyleRole, context: StyleRole)] = [
        (.headerAlert, .header), (.stageOverLimit, .stageTitle), (.blocked, .card), (.cardExpedite, .card),
        (.messageError, .message), (.ageOld, .age),
    ]

    private func monochrome() -> Theme {
        var result = self
        for role in StyleRole.allCases {
            guard let original = styles[role] else { continue }
            var style = original.withoutColours
            // A background other than the screen's own marks a bar, chip or highlight.
            if original.background != .terminalDefault, original.background != styles[.normal]?.background {
                style.reverse = true
            } else if role != .normal, ColourDegrader.isMidGrey(original.foreground) {
                // Grey text is the theme's way of saying "less important".
                style.dim = true
            }
            result.styles[role] = style
        }
        func distinguish(_ role: StyleRole, from context: StyleRole, by changes: [(inout ThemeStyle) -> Void]) {
            var style = result.style(role)
            for change in changes where style == result.style(context) || style == result.style(.normal) {
                change(&style)
            }
            result.styles[role] = style
        }
        for (role, context) in Theme.selectionRoles {
            var style = result.style(role)
            if role != .promptCursor { style.reverse = true }
            result.styles[role] = style
            distinguish(role, from: context, by: [{ $0.reverse.toggle() }, { $0.bold = true }, { $0.underline = true }])
        }
        for (role, context) in Theme.alertRoles {
            var style = result.style(role)
            style.bold = true
            result.styles[role] = style
            distinguish(role, from: context, by: [{ $0.underline = true }, { $0.reverse.toggle() }])
        }
        distinguish(.pairingGap, from: .card, by: [{ $0.underline = true }, { $0.bold = true }])
        distinguish(.footerKey, from: .footer, by: [{ $0.bold = true }, { $0.reverse.toggle() }])
        distinguish(.ownerIT, from: .ownerBusiness, by: [{ $0.underline = true }, { $0.italic = true }])
        distinguish(.involvedBusiness, from: .ownerBusiness, by: [{ $0.bold = false; $0.dim = true }])
        distinguish(.involvedIT, from: .ownerIT, by: [{ $0.bold = false; $0.dim = true }])
        distinguish(.involvedIT, from: .involvedBusiness, by: [{ $0.underline = true }, { $0.italic = true }])
        distinguish(.progressTodo, from: .progressDone, by: [{ $0.dim = true }])
        distinguish(.progressDone, from: .progressTodo, by: [{ $0.bold = true }, { $0.reverse.toggle() }])
        return result
    }
}

/// Maps 256-colour indices to the 16 or 8 standard colours.
enum ColourDegrader {
    enum Palette { case eight, sixteen }

    static func degrade(_ style: ThemeStyle, to palette: Palette) -> ThemeStyle {
        var result = style
        let (foreground, dimmed) = map(style.foreground, palette: palette, isBackground: false)
        result.foreground = foreground
        if dimmed { result.dim = true }
        result.background = map(style.background, palette: palette, isBackground: true).colour
        if case .index(let fg) = result.foreground, case .index(let bg) = result.background, fg == bg {
            result.foreground = .index(isDark(bg) ? (palette == .eight ? 7 : 15) : 0)
        }
        return result
    }

    /// The standard colour nearest `colour`; `dim` is set when a mid-grey foreground becomes
    /// the terminal's default colour.
    static func map(_ colour: ThemeColor, palette: Palette, isBackground: Bool) -> (colour: ThemeColor, dim: Bool) {
        guard case .index(let index) = colour else { return (colour, false) }
        switch palette {
        case .sixteen:
            if index < 16 { return (colour, false) }
            return (.index(nearestSixteen(rgb(index), isBackground: isBackground)), false)
        case .eight:
            if index < 8 { return (colour, false) }
            if index >= 9 && index < 16 { return (.index(index - 8), false) }
            return nearestEight(rgb(index), isBackground: isBackground)
        }
    }

    /// A grey neither near black nor near white: what themes use for secondary text.
    static func isMidGrey(_ colour: ThemeColor) -> Bool {
        guard case .index(let index) = colour, index == 8 || index >= 16 else { return false }
        let c = rgb(index)
        return hue(c) == nil && (0.2...0.8).contains(lightness(c))
    }

    static func isDark(_ index: Int) -> Bool { [0, 1, 4, 5, 8].contains(index) }

    /// xterm's RGB values for the 256 indexed colours.
    static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch index {
        case 0..<16: return basic[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// Hue in degrees (0 red, 60 yellow, 120 green, 180 cyan, 240 blue, 300 magenta), or nil for greys.
    static func hue(_ c: (r: Int, g: Int, b: Int)) -> Double? {
        let high = max(c.r, c.g, c.b), low = min(c.r, c.g, c.b)
        let chroma = Double(high - low)
        guard high - low >= 30 else { return nil }
        let r = Double(c.r), g = Double(c.g), b = Double(c.b)
        var h: Double
        if high == c.r { h = 60 * ((g - b) / chroma) } else if high == c.g { h = 60 * (2 + (b - r) / chroma) } else { h = 60 * (4 + (r - g) / chroma) }
        if h < 0 { h += 360 }
        return h
    }

    /// The basic chromatic colour (1-6) nearest in hue; ties go to the nearer colour in RGB.
    static func nearestHue(_ c: (r: Int, g: Int, b: Int), hue h: Double) -> Int {
        let hues: [(Double, Int)] = [(0, 1), (60, 3), (120, 2), (180, 6), (240, 4), (300, 5), (360, 1)]
        let distances = hues.map { (abs($0.0 - h), $0.1) }
        let best = distances.map(\.0).min()!
        let candidates = distances.filter { $0.0 - best < 0.001 }.map(\.1)
        return candidates.min { rgbDistance(c, rgb($0)) < rgbDistance(c, rgb($1)) }!
    }

    static func rgbDistance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        (a.r - b.r) * (a.r - b.r) + (a.g - b.g) * (a.g - b.g) + (a.b - b.b) * (a.b - b.b)
    }

    static func lightness(_ c: (r: Int, g: Int, b: Int)) -> Double {
        Double(max(c.r, c.g, c.b) + min(c.r, c.g, c.b)) / 510
    }

    static func nearestEight(_ c: (r: Int, g: Int, b: Int), isBackground: Bool) -> (colour: ThemeColor, dim: Bool) {
        if let h = hue(c) { return (.index(nearestHue(c, hue: h)), false) }
        let l = lightness(c)
        if isBackground { return (.index(l < 0.5 ? 0 : 7), false) }
        if l < 0.25 { return (.index(0), false) }
        if l > 0.8 { return (.index(7), false) }
        return (.terminalDefault, true)
    }

    static func nearestSixteen(_ c: (r: Int, g: Int, b: Int), isBackground: Bool) -> Int {
        if let h = hue(c) {
            let basic = nearestHue(c, hue: h)
            return max(c.r, c.g, c.b) >= 230 ? basic + 8 : basic
        }
        let l = lightness(c)
        let steps: [(Double, Int)] = isBackground ? [(0.25, 0), (0.55, 8), (0.85, 7)] : [(0.2, 0), (0.6, 8), (0.85, 7)]
        return steps.first { l < $0.0 }?.1 ?? 15
    }
}
