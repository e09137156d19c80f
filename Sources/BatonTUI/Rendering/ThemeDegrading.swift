/// Themes on terminals with fewer colours: 256 → 16 → 8 → monochrome.

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
            distinguish(
                role, from: context, by: [{ $0.reverse.toggle() }, { $0.bold = true }, { $0.underline = true }])
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
        distinguish(
            .involvedBusiness, from: .ownerBusiness,
            by: [
                {
                    $0.bold = false
                    $0.dim = true
                }
            ])
        distinguish(
            .involvedIT, from: .ownerIT,
            by: [
                {
                    $0.bold = false
                    $0.dim = true
                }
            ])
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
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
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
        if high == c.r {
            h = 60 * ((g - b) / chroma)
        } else if high == c.g {
            h = 60 * (2 + (b - r) / chroma)
        } else {
            h = 60 * (4 + (r - g) / chroma)
        }
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
        let steps: [(Double, Int)] =
            isBackground ? [(0.25, 0), (0.55, 8), (0.85, 7)] : [(0.2, 0), (0.6, 8), (0.85, 7)]
        return steps.first { l < $0.0 }?.1 ?? 15
    }
}
