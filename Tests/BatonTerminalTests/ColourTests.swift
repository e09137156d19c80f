import BatonTUI
import Testing

@testable import BatonTerminal

@Suite struct ColourTests {
    @Test func indicesBelowTheTerminalsCountAreKept() {
        #expect(ColourDegradation.degrade(.index(208), colours: 256) == 208)
        #expect(ColourDegradation.degrade(.index(3), colours: 8) == 3)
        #expect(ColourDegradation.degrade(.terminalDefault, colours: 256) == -1)
    }

    @Test func degradeTo8() {
        #expect(ColourDegradation.degrade(.index(9), colours: 8) == 1)  // bright red → red
        #expect(ColourDegradation.degrade(.index(196), colours: 8) == 1)  // pure red
        #expect(ColourDegradation.degrade(.index(46), colours: 8) == 2)  // pure green
        #expect(ColourDegradation.degrade(.index(21), colours: 8) == 4)  // pure blue
        #expect(ColourDegradation.degrade(.index(226), colours: 8) == 3)  // yellow
        #expect(ColourDegradation.degrade(.index(231), colours: 8) == 7)  // white
        #expect(ColourDegradation.degrade(.index(16), colours: 8) == 0)  // black
        #expect(ColourDegradation.degrade(.index(52), colours: 8) == 1)  // dark red keeps its hue
        #expect(ColourDegradation.degrade(.index(232), colours: 8) == 0)  // near-black grey
        #expect(ColourDegradation.degrade(.index(245), colours: 8) == 7)  // grey
    }

    @Test func monochromeHasNoColourButKeepsAttributes() {
        let style = ThemeStyle(
            foreground: .index(196), background: .index(21), bold: true, underline: true, reverse: true)
        let resolved = ResolvedStyle(style, colours: 0)
        #expect(resolved.foreground == -1 && resolved.background == -1)
        #expect(resolved.bold && resolved.underline && resolved.reverse && !resolved.dim)
        #expect(ColourDegradation.degrade(.index(3), colours: 0) == -1)
    }

    @Test func invalidIndexIsDefault() {
        #expect(ColourDegradation.degrade(.index(300), colours: 256) == -1)
        #expect(ColourDegradation.degrade(.index(-2), colours: 8) == -1)
    }

    @Test func degradationNeverMakesTextInvisible() {
        let style = ThemeStyle(foreground: .index(250), background: .index(255))
        let resolved = ResolvedStyle(style, colours: 8)
        #expect(resolved.background == 7 && resolved.foreground == 0)
        #expect(ResolvedStyle(style, colours: 256).foreground == 250)
    }

    @Test func pairsAreAllocatedLazilyAndReused() {
        var pairs = ColourPairs(limit: 4)
        #expect(pairs.pair(foreground: -1, background: -1) == (0, false))
        #expect(pairs.pair(foreground: 1, background: -1) == (1, true))
        #expect(pairs.pair(foreground: 2, background: 0) == (2, true))
        #expect(pairs.pair(foreground: 1, background: -1) == (1, false))
        #expect(pairs.pair(foreground: 3, background: 0) == (3, true))
        #expect(pairs.pair(foreground: 4, background: 0) == (0, false))  // out of pairs: default colours
        pairs.reset()
        #expect(pairs.pair(foreground: 4, background: 0) == (1, true))
    }

    @Test func noPairsInMonochrome() {
        var pairs = ColourPairs(limit: 0)
        #expect(pairs.pair(foreground: 1, background: 2) == (0, false))
    }
}
