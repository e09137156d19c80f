import BatonTUI

/// How a theme style looks on a terminal with a given number of colours: colour indices
/// (-1 is the terminal's default) and attributes. Pure, so it can be tested without a terminal.
struct ResolvedStyle: Hashable, Sendable {
    var foreground: Int = -1
    var background: Int = -1
    var bold = false
    var dim = false
    var underline = false
    var reverse = false
    var italic = false

    /// Resolves `style` for a terminal with `colours` colours (256, 8, or 0 for monochrome).
    init(_ style: ThemeStyle, colours: Int) {
        bold = style.bold
        dim = style.dim
        underline = style.underline
        reverse = style.reverse
        italic = style.italic
        foreground = ColourDegradation.degrade(style.foreground, colours: colours)
        background = ColourDegradation.degrade(style.background, colours: colours)
        if foreground >= 0, foreground == background, style.foreground != style.background {
            foreground = background == 0 ? 7 : 0
        }
    }
}

/// Maps the 256 indexed colours onto what a terminal offers.
enum ColourDegradation {
    /// The colour index to use for `colour` with `colours` colours; -1 for the default colour.
    static func degrade(_ colour: ThemeColor, colours: Int) -> Int {
        guard case .index(let index) = colour, (0...255).contains(index), colours >= 8 else { return -1 }
        return index < colours ? index : toEight(index)
    }

    /// The nearest of the 8 basic colours (bit 0 red, bit 1 green, bit 2 blue) to `index`.
    static func toEight(_ index: Int) -> Int {
        switch index {
        case 0..<8: return index
        case 8..<16: return index - 8
        case 16..<232:
            let cube = index - 16
            return fromComponents(red: cube / 36, green: cube / 6 % 6, blue: cube % 6)
        default:
            let level = 8 + 10 * (index - 232)
            return level < 0x40 ? 0 : 7
        }
    }

    /// Components 0...5 of the colour cube to a basic colour: bright components count; a dark
    /// colour keeps its dominant hue rather than turning black.
    private static func fromComponents(red: Int, green: Int, blue: Int) -> Int {
        let components = [red, green, blue]
        var colour = 0
        for (bit, value) in components.enumerated() where value >= 3 { colour |= 1 << bit }
        if colour == 0, let strongest = components.max(), strongest > 0 {
            for (bit, value) in components.enumerated() where value == strongest { colour |= 1 << bit }
        }
        return colour
    }
}

/// Hands out curses colour pairs lazily, one per foreground/background combination.
struct ColourPairs: Sendable {
    /// Pairs the terminal offers (pair 0 is the default colours and never reassigned).
    let limit: Int
    private(set) var pairs: [Pair: Int16] = [:]

    /// A foreground/background combination (-1: default colour).
    struct Pair: Hashable, Sendable {
        var foreground: Int
        var background: Int
    }

    init(limit: Int) {
        self.limit = min(max(limit, 0), Int(Int16.max))
    }

    /// The pair number for `foreground` on `background`, and whether it is new (so the caller
    /// must `init_pair` it). Pair 0 when both are default or when the pairs ran out.
    mutating func pair(foreground: Int, background: Int) -> (number: Int16, isNew: Bool) {
        if foreground < 0, background < 0 { return (0, false) }
        let key = Pair(foreground: foreground, background: background)
        if let number = pairs[key] { return (number, false) }
        let next = pairs.count + 1
        guard next < limit else { return (0, false) }
        pairs[key] = Int16(next)
        return (Int16(next), true)
    }

    /// Forgets every pair (after the terminal's colours were reset).
    mutating func reset() {
        pairs = [:]
    }
}
