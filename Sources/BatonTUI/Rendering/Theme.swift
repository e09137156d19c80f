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

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, italic: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
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

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
