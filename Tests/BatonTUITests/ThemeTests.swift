import Foundation
import Testing

@testable import BatonTUI

/// The repository and its shipped themes, for the theme tests.
enum ThemeFiles {
    static let names = ["default", "light", "high-contrast", "mono"]

    /// The repository root, found by walking up from this file to the folder holding Package.swift.
    static func root(_ file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        Issue.record("no Package.swift above \(file)")
        return url
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root().appendingPathComponent("themes/\(name).theme"), encoding: .utf8)
    }

    static func theme(_ name: String) throws -> Theme {
        try Theme.parse(try text(name), name: name)
    }
}

/// The error `text` throws when parsed, or nil.
private func parseError(_ text: String) -> ThemeError? {
    do {
        _ = try Theme.parse(text, name: "test")
        return nil
    } catch let error as ThemeError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite struct ThemeTests {
    // MARK: Shipped themes

    @Test(arguments: ThemeFiles.names)
    func shippedThemeParsesAndDefinesEveryRole(name: String) throws {
        let theme = try ThemeFiles.theme(name)
        #expect(theme.name == name)
        let missing = StyleRole.allCases.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name).theme does not define \(missing.map(\.rawValue))")
        #expect(theme.styles.count == StyleRole.allCases.count)
    }

    @Test(arguments: ThemeFiles.names)
    func shippedThemeStartsWithACommentHeaderExplainingTheFormat(name: String) throws {
        let text = try ThemeFiles.text(name)
        #expect(text.hasPrefix("#"))
        for word in ["ROLE", "FG", "BG", "ATTRS", "bright-white", "0-255", "bold", "reverse", "italic"] {
            #expect(text.contains(word), "\(name).theme header does not mention \(word)")
        }
    }

    @Test func shippedThemesAreExactlyTheFourPromised() throws {
        let folder = ThemeFiles.root().appendingPathComponent("themes").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".theme") }
        #expect(Set(files) == Set(ThemeFiles.names.map { $0 + ".theme" }))
    }

    @Test func monoThemeHasNoColours() throws {
        let theme = try ThemeFiles.theme("mono")
        for (role, style) in theme.styles {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(role)")
        }
    }

    @Test func highContrastThemeUsesOnlyTheSixteenStandardColours() throws {
        let theme = try ThemeFiles.theme("high-contrast")
        for (role, style) in theme.styles {
            for colour in [style.foreground, style.background] {
                if case .index(let index) = colour { #expect(index < 16, "\(role)") }
            }
        }
        #expect(theme.degraded(toColours: 16) == theme)
    }

    /// The look a demanding user expects, checked at 256, 16 and 8 colours and without colour.
    @Test(arguments: ThemeFiles.names, [256, 16, 8, 0])
    func shippedThemeKeepsItsPromises(name: String, colours: Int) throws {
        let theme = try ThemeFiles.theme(name).degraded(toColours: colours)
        func differ(_ a: StyleRole, _ b: StyleRole) {
            #expect(
                theme.style(a) != theme.style(b),
                "\(name) at \(colours) colours: \(a.rawValue) looks like \(b.rawValue)")
        }
        differ(.ownerBusiness, .ownerIT)
        differ(.involvedBusiness, .involvedIT)
        differ(.involvedBusiness, .ownerBusiness)
        differ(.involvedIT, .ownerIT)
        differ(.cardSelected, .card)
        differ(.cardSelected, .normal)
        differ(.stageTitleSelected, .stageTitle)
        differ(.selection, .normal)
        differ(.cardExpedite, .card)
        differ(.blocked, .card)
        differ(.stageOverLimit, .stageTitle)
        differ(.headerAlert, .header)
        differ(.footerKey, .footer)
        differ(.messageError, .message)
        differ(.promptCursor, .prompt)
        differ(.ageOld, .age)
        differ(.progressDone, .progressTodo)

        let selected = theme.style(.cardSelected)
        #expect(selected.reverse || selected.background != .terminalDefault, "\(name): selected card has no highlight")
        #expect(theme.style(.ownerBusiness).bold && theme.style(.ownerIT).bold, "\(name): owners are not bold")
        #expect(
            !theme.style(.involvedBusiness).bold && !theme.style(.involvedIT).bold, "\(name): involved members are bold"
        )
        #expect(theme.style(.blocked).bold)
        #expect(theme.style(.footerKey).bold)
        if name != "mono" && colours >= 8 {
            let red: Set<ThemeColor> = [.index(1), .index(9)]
            let blocked = theme.degraded(toColours: 8).style(.blocked)
            #expect(red.contains(blocked.foreground) || red.contains(blocked.background), "\(name): blocked is not red")
        }
    }

    @Test func darkThemesShowBusinessInYellowAndITInCyanOnEightColours() throws {
        for name in ["default", "high-contrast"] {
            let theme = try ThemeFiles.theme(name).degraded(toColours: 8)
            #expect(theme.style(.ownerBusiness).foreground == .index(3), "\(name)")
            #expect(theme.style(.ownerIT).foreground == .index(6), "\(name)")
        }
        let light = try ThemeFiles.theme("light").degraded(toColours: 8)
        #expect(light.style(.ownerBusiness).background == .index(3))
        #expect(light.style(.ownerIT).background == .index(6))
    }

    // MARK: Built-in themes

    @Test func builtInDefaultEqualsTheShippedDefaultFile() throws {
        #expect(Theme.builtInDefault == (try ThemeFiles.theme("default")))
    }

    @Test func builtInMonoEqualsTheShippedMonoFile() throws {
        #expect(Theme.builtInMono == (try ThemeFiles.theme("mono")))
    }

    @Test func builtInsAreListedByName() {
        #expect(Theme.builtIns["default"] == Theme.builtInDefault)
        #expect(Theme.builtIns["mono"] == Theme.builtInMono)
    }

    // MARK: Parsing

    @Test func parsesColoursByNameAndNumberAndAttributes() throws {
        let theme = try Theme.parse(
            """
            normal default default -
            card.selected bright-white 25 bold,reverse
            owner.it cyan black underline,italic,dim
            blocked 196 bright-black bold
            """, name: "mine")
        #expect(theme.name == "mine")
        #expect(theme.styles[.normal] == ThemeStyle())
        #expect(
            theme.styles[.cardSelected]
                == ThemeStyle(foreground: .index(15), background: .index(25), bold: true, reverse: true))
        #expect(
            theme.styles[.ownerIT]
                == ThemeStyle(foreground: .index(6), background: .index(0), dim: true, underline: true, italic: true))
        #expect(theme.styles[.blocked] == ThemeStyle(foreground: .index(196), background: .index(8), bold: true))
        #expect(theme.styles.count == 4)
    }

    @Test func everyColourNameHasItsPaletteIndex() throws {
        for (index, name) in ThemeColor.names.enumerated() {
            #expect(ThemeColor(word: name) == .index(index))
            #expect(ThemeColor.index(index).word == name)
        }
        #expect(ThemeColor.names.count == 16)
        #expect(ThemeColor(word: "default") == .terminalDefault)
        #expect(ThemeColor(word: "0") == .index(0))
        #expect(ThemeColor(word: "255") == .index(255))
        #expect(ThemeColor(word: "256") == nil)
        #expect(ThemeColor(word: "-1") == nil)
        #expect(ThemeColor(word: "+5") == nil)
        #expect(ThemeColor.index(214).word == "214")
    }

    @Test func commentsAndBlankLinesAreIgnored() throws {
        let theme = try Theme.parse(
            """
            # a theme
              # an indented comment

            card red default bold   # a comment after a line
            \t
            footer.key yellow default -#no space before the comment
            """, name: "t")
        #expect(
            theme.styles == [
                .card: ThemeStyle(foreground: .index(1), bold: true),
                .footerKey: ThemeStyle(foreground: .index(3)),
            ])
    }

    @Test func emptyTextGivesAnEmptyThemeThatLooksNormal() throws {
        let theme = try Theme.parse("# nothing\n\n", name: "empty")
        #expect(theme.styles.isEmpty)
        #expect(theme.style(.cardSelected) == ThemeStyle())
    }

    @Test func rolesNotDefinedFallBackToNormal() throws {
        let theme = try Theme.parse("normal white black bold", name: "t")
        #expect(theme.style(.card) == ThemeStyle(foreground: .index(7), background: .index(0), bold: true))
    }

    @Test func toleratesTabsCRLFByteOrderMarkCaseAndSpacesAfterCommas() throws {
        let theme = try Theme.parse(
            "\u{FEFF}# x\r\ncard\tRED\tDefault\tBold, Underline\r\nblocked red default -\r\n", name: "t")
        #expect(theme.styles[.card] == ThemeStyle(foreground: .index(1), bold: true, underline: true))
        #expect(theme.styles[.blocked] == ThemeStyle(foreground: .index(1)))
        // Line numbers still count CRLF lines right.
        #expect(parseError("# x\r\n\r\ncard red nope -\r\n")?.line == 3)
    }

    // MARK: Errors

    @Test func unknownRoleNamesTheWordTheLineAndTheRoles() throws {
        let error = try #require(parseError("# header\ncard red default -\n\ncard.selcted red default bold\n"))
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("line 4: unknown role 'card.selcted'"))
        #expect(error.description.contains("did you mean 'card.selected'?"))
        for role in StyleRole.allCases {
            #expect(error.description.contains(role.rawValue))
        }
        expectOneSentence(error)
    }

    @Test func unknownColourNamesTheLayerTheWordAndTheColours() throws {
        let foreground = try #require(parseError("card redd default -"))
        #expect(foreground.line == 1)
        #expect(foreground.description.hasPrefix("line 1: unknown foreground colour 'redd' (did you mean 'red'?)"))
        #expect(foreground.description.contains("bright-white"))
        #expect(foreground.description.contains("0-255"))
        expectOneSentence(foreground)

        let background = try #require(parseError("\n\ncard red purple -"))
        #expect(background.description.hasPrefix("line 3: unknown background colour 'purple'"))
        expectOneSentence(background)
    }

    @Test func colourNumbersOutOfRangeAreRejected() throws {
        let high = try #require(parseError("card 256 default -"))
        #expect(high.description == "line 1: foreground colour 256 is out of range; colour numbers are 0-255.")
        let negative = try #require(parseError("card red -1 -"))
        #expect(negative.description == "line 1: background colour -1 is out of range; colour numbers are 0-255.")
    }

    @Test func unknownAttributeNamesTheWordAndTheAttributes() throws {
        let error = try #require(parseError("card red default bold\nblocked red default bold,blink"))
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("line 2: unknown attribute 'blink'"))
        for name in ["bold", "dim", "underline", "reverse", "italic", "'-'"] {
            #expect(error.description.contains(name))
        }
        expectOneSentence(error)

        let typo = try #require(parseError("card red default undrline"))
        #expect(typo.description.contains("did you mean 'underline'?"))
    }

    @Test func dashCannotBeCombinedWithAttributes() throws {
        let error = try #require(parseError("card red default -,bold"))
        #expect(error.description == "line 1: '-' means no attributes and cannot be combined with 'bold'.")
    }

    @Test func missingFieldsAreReportedWithTheLine() throws {
        let three = try #require(parseError("# theme\ncard red default"))
        #expect(
            three.description
                == "line 2: expected 4 fields ROLE FG BG ATTRS but found 3 fields ('card red default'); write '-' for no attributes."
        )
        let one = try #require(parseError("card"))
        #expect(one.description.hasPrefix("line 1: expected 4 fields ROLE FG BG ATTRS but found 1 field ('card')"))
        expectOneSentence(one)
    }

    @Test func aRoleDefinedTwiceIsAnError() throws {
        let error = try #require(parseError("card red default -\n# again\ncard blue default -"))
        #expect(error.description == "line 3: role 'card' is already defined on line 1; define each role once.")
    }

    @Test func theFirstBadLineIsReported() throws {
        let error = try #require(parseError("card nope default -\nblocked red default nope"))
        #expect(error.line == 1)
    }

    @Test func errorDescriptionNamesTheFileWhenKnown() {
        #expect(ThemeError(file: "/t/x.theme", line: 3, message: "bad.").description == "/t/x.theme:3: bad.")
        #expect(ThemeError(line: 3, message: "bad.").description == "line 3: bad.")
        #expect(ThemeError(file: "/t/x.theme", message: "bad.").description == "/t/x.theme: bad.")
        #expect(ThemeError(message: "bad.").description == "bad.")
    }

    func expectOneSentence(_ error: ThemeError, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = error.description
        #expect(text.hasSuffix("."), sourceLocation: sourceLocation)
        #expect(!text.dropLast().contains(". "), "more than one sentence: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
    }

    // MARK: Degrading

    @Test func twoHundredFiftySixColoursOrMoreLeaveTheThemeAlone() throws {
        let theme = try ThemeFiles.theme("default")
        #expect(theme.degraded(toColours: 256) == theme)
        #expect(theme.degraded(toColours: 16_777_216) == theme)
    }

    func degrade(
        _ foreground: ThemeColor, _ background: ThemeColor = .terminalDefault, bold: Bool = false,
        to colours: Int
    ) -> ThemeStyle {
        let theme = Theme(
            name: "t", styles: [.card: ThemeStyle(foreground: foreground, background: background, bold: bold)])
        return theme.degraded(toColours: colours).styles[.card]!
    }

    @Test func eightColoursMapEachIndexToTheNearestBasicColour() {
        let expectations: [(Int, Int)] = [
            (1, 1), (7, 7),  // basic colours stay
            (9, 1), (11, 3), (12, 4), (14, 6), (15, 7),  // bright ones lose their brightness
            (196, 1), (160, 1), (52, 1),  // reds
            (214, 3), (208, 3), (136, 3), (228, 3),  // amber, orange, olive, light yellow
            (34, 2), (77, 2), (28, 2),  // greens
            (45, 6), (30, 6), (117, 6), (31, 6),  // cyans and teals
            (26, 4), (21, 4), (17, 4), (111, 4),  // blues
            (207, 5), (127, 5), (133, 5),  // magentas
            (16, 0), (232, 0), (234, 0),  // near black
            (231, 7), (255, 7), (252, 7),  // near white
        ]
        for (from, to) in expectations {
            #expect(degrade(.index(from), to: 8).foreground == .index(to), "\(from) should become \(to)")
        }
    }

    @Test func eightColoursTurnMidGreyTextIntoDimDefaultText() {
        for grey in [8, 238, 240, 244, 246, 249, 250] {
            #expect(degrade(.index(grey), to: 8) == ThemeStyle(foreground: .terminalDefault, dim: true), "\(grey)")
        }
    }

    @Test func eightColoursTurnGreyBackgroundsIntoBlackOrWhite() {
        #expect(degrade(.index(16), .index(236), to: 8).background == .index(0))
        #expect(degrade(.index(16), .index(252), to: 8).background == .index(7))
    }

    @Test func degradingKeepsAttributesAndTheDefaultColour() {
        let style = ThemeStyle(
            foreground: .terminalDefault, background: .index(214), bold: true, dim: true,
            underline: true, reverse: true, italic: true)
        let theme = Theme(name: "t", styles: [.badge: style])
        let degraded = theme.degraded(toColours: 8).styles[.badge]!
        #expect(
            degraded
                == ThemeStyle(
                    foreground: .terminalDefault, background: .index(3), bold: true, dim: true,
                    underline: true, reverse: true, italic: true))
        #expect(theme.degraded(toColours: 8).name == "t")
    }

    @Test func degradingNeverLeavesTextTheColourOfItsBackground() {
        #expect(degrade(.index(196), .index(160), to: 8) == ThemeStyle(foreground: .index(7), background: .index(1)))
        #expect(degrade(.index(228), .index(214), to: 8) == ThemeStyle(foreground: .index(0), background: .index(3)))
        #expect(degrade(.index(252), .index(255), to: 8) == ThemeStyle(foreground: .index(0), background: .index(7)))
    }

    @Test func sixteenColoursKeepTheStandardOnesAndMapTheRest() {
        #expect(degrade(.index(9), to: 16).foreground == .index(9))
        #expect(degrade(.index(3), to: 16).foreground == .index(3))
        #expect(degrade(.index(196), to: 16).foreground == .index(9))
        #expect(degrade(.index(160), to: 16).foreground == .index(1))
        #expect(degrade(.index(214), to: 16).foreground == .index(11))
        #expect(degrade(.index(244), to: 16).foreground == .index(8))
        #expect(degrade(.index(252), to: 16).foreground == .index(7))
        #expect(degrade(.index(231), to: 16).foreground == .index(15))
        #expect(degrade(.index(16), to: 16).foreground == .index(0))
    }

    @Test(arguments: [0, 1, 2, 7])
    func monochromeHasNoColoursAtAll(colours: Int) throws {
        for name in ThemeFiles.names {
            let theme = try ThemeFiles.theme(name).degraded(toColours: colours)
            for (role, style) in theme.styles {
                #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(name) \(role)")
            }
        }
    }

    @Test func monochromeTurnsBackgroundHighlightsIntoReverse() throws {
        let theme = try ThemeFiles.theme("default").degraded(toColours: 0)
        #expect(theme.style(.header).reverse)
        #expect(theme.style(.header).bold)
        #expect(theme.style(.footer).reverse)
        #expect(theme.style(.cardSelected) == ThemeStyle(bold: true, reverse: true))
    }

    @Test func monochromeTurnsGreyTextIntoDimText() throws {
        let theme = try ThemeFiles.theme("default").degraded(toColours: 0)
        for role in [StyleRole.border, .dim, .cardDim, .number, .age, .label, .progressTodo] {
            #expect(theme.style(role) == ThemeStyle(dim: true), "\(role.rawValue)")
        }
        #expect(theme.style(.card) == ThemeStyle())
        #expect(theme.style(.normal) == ThemeStyle())
        let light = try ThemeFiles.theme("light").degraded(toColours: 0)
        #expect(light.style(.border) == ThemeStyle(dim: true))
    }

    @Test func monochromeKeepsSelectionsAndAlertsDistinguishable() {
        // A theme relying on colour alone: every role is plain text in some colour.
        var styles: [StyleRole: ThemeStyle] = [:]
        for (index, role) in StyleRole.allCases.enumerated() {
            styles[role] = ThemeStyle(foreground: .index(index + 1))
        }
        let theme = Theme(name: "colour-only", styles: styles).degraded(toColours: 0)
        for role in [StyleRole.cardSelected, .stageTitleSelected, .selection] {
            #expect(theme.style(role).reverse, "\(role.rawValue)")
        }
        #expect(theme.style(.promptCursor) != theme.style(.prompt))
        for role in [StyleRole.headerAlert, .stageOverLimit, .blocked, .cardExpedite, .messageError, .ageOld] {
            #expect(theme.style(role).bold, "\(role.rawValue)")
            #expect(theme.style(role) != theme.style(.normal), "\(role.rawValue)")
        }
        #expect(theme.style(.pairingGap) != theme.style(.card))
        #expect(theme.style(.stageOverLimit) != theme.style(.stageTitle))
        #expect(theme.style(.footerKey) != theme.style(.footer))
        #expect(theme.style(.ownerIT) != theme.style(.ownerBusiness))
    }

    @Test func monochromeOfAnEmptyThemeStillMarksSelectionsAndAlerts() {
        let theme = Theme(name: "empty", styles: [:]).degraded(toColours: 0)
        #expect(theme.style(.cardSelected).reverse)
        #expect(theme.style(.blocked).bold)
        #expect(theme.style(.normal) == ThemeStyle())
    }

    @Test func monochromeOfTheMonoThemeChangesNothing() throws {
        let mono = try ThemeFiles.theme("mono")
        #expect(mono.degraded(toColours: 0) == mono)
        #expect(mono.degraded(toColours: 8) == mono)
    }
}
