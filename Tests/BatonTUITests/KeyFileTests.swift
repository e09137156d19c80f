import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Keymap and key files")
struct KeyFileTests {
    @Test func defaultsCoverEveryCommand() {
        let map = Keymap.standard
        for command in Command.allCases {
            let bound = KeyMode.allCases.contains { !map.keys(for: command, in: $0).isEmpty }
            #expect(bound, "\(command.rawValue) has no key in any mode")
        }
        #expect(map.command(for: .character("L"), in: .board) == .moveItemRight)
        #expect(map.command(for: .enter, in: .outcomes) == .recordValue)
        #expect(map.command(for: .character("n"), in: .help) == nil)
    }

    /// Keys every screen shares live once, in `generic`; a screen's own binding overrides them.
    @Test func genericBindingsAreTheFallbackOfEveryMode() {
        let (map, problems) = KeyFile.apply("bind generic ctrl-q quit\nbind flow q help\n", file: "keys")
        #expect(problems.isEmpty, "\(problems)")
        for mode in KeyMode.allCases where mode.fallback == .generic {
            #expect(map.command(for: .ctrl("q"), in: mode) == .quit, "ctrl-q quits in \(mode.rawValue)")
        }
        #expect(map.command(for: .character("q"), in: .conflict) == nil, "a dialog answers only its own keys")
        #expect(map.command(for: .character("q"), in: .confirm) == nil)
        #expect(map.command(for: .character("q"), in: .flow) == .help, "flow's own binding wins")
        #expect(map.command(for: .character("q"), in: .detail) == .quit)
        #expect(map.keys(for: .quit, in: .flow).map(\.name) == ["ctrl-q"], "q is taken in flow")
        #expect(map.keys(for: .quit, in: .detail).map(\.name) == ["q", "ctrl-q"])
        #expect(map.ownKeys(for: .quit, in: .detail).isEmpty, "listings show each binding once, in generic")
        #expect(Keymap.standard.ownKeys(for: .help, in: .board).isEmpty)
        #expect(Keymap.standard.ownKeys(for: .help, in: .generic).map(\.name) == ["?"])
        var s = TUI.state(TUI.squad(), keymap: map)
        #expect(press(&s, .ctrl("q")) == [.quit])
    }

    @Test func keyNamesRoundTrip() {
        for name in [
            "a", "A", "?", "space", "enter", "esc", "tab", "backtab", "up", "pagedown", "shift-left", "ctrl-k", "alt-b",
            "f1", "f12", "home", "delete",
        ] {
            guard let key = Key(name: name) else {
                Issue.record("\(name) does not parse")
                continue
            }
            #expect(Key(name: key.name) == key, "\(name) → \(key.name)")
        }
        #expect(Key(name: "CTRL-K") == .ctrl("k"))
        #expect(Key(name: "Escape") == .escape)
        #expect(Key(name: "f13") == nil)
        #expect(Key(name: "ctrl-") == nil)
        #expect(Key(name: "xy") == nil)
    }

    @Test func rebindingKeepsUntouchedDefaults() {
        let text = """
            # my keys
            bind board x quit

            bind board ctrl-n new-item   # trailing comment
            bind detail space select-down
            """
        let (map, problems) = KeyFile.apply(text, file: "keys")
        #expect(problems.isEmpty, "\(problems)")
        #expect(map.command(for: .character("x"), in: .board) == .quit)
        #expect(map.command(for: .ctrl("n"), in: .board) == .newItem)
        #expect(map.command(for: .character("n"), in: .board) == .newItem, "the default key still works")
        #expect(map.command(for: .character(" "), in: .detail) == .selectDown)
        #expect(map.command(for: .character("x"), in: .detail) == .toggleExpedite, "other modes keep x")
        #expect(map.command(for: .character("L"), in: .board) == .moveItemRight)
        #expect(map.command(for: .character("q"), in: .board) == .quit)

        var s = TUI.state(TUI.squad(), keymap: map)
        #expect(press(&s, named: "x") == [.quit])
        var t = TUI.state(TUI.squad(), keymap: map)
        press(&t, .ctrl("n"))
        #expect(t.prompt?.purpose == .newItem(stage: TUI.backlog))
    }

    @Test func helpAndHintsFollowTheKeymap() {
        let (map, _) = KeyFile.apply("bind board N new-item\nbind board n help\n", file: "keys")
        var s = TUI.state(TUI.squad(), width: 120, height: 40, keymap: map)
        #expect(View.render(s).find("N new") != nil, "the footer shows the rebound key")
        press(&s, named: "n")
        #expect(s.screen == .help)
        let help = View.render(s)
        guard let row = help.find("New item in the current stage") else {
            Issue.record("new-item missing from help")
            return
        }
        let line = help.lines[row.y]
        #expect(line.contains("N "), "help line for new-item: \(line)")
    }

    @Test func problemsNameFileAndLine() {
        let text = """
            bind bored x quit
            bind board ctrl-xy quit
            bind board x fly
            bind board x
            unbind board x quit
            bind board Z quit
            bind board Z help
            bind help Z quit
            """
        let (map, problems) = KeyFile.apply(text, file: "/home/ana/.config/baton/keys")
        #expect(problems.count == 6, "\(problems)")
        guard problems.count == 6 else { return }
        #expect(problems[0].hasPrefix("/home/ana/.config/baton/keys:1: unknown mode 'bored'"))
        #expect(problems[0].contains("board, detail, outcomes, help"))
        #expect(problems[1].hasPrefix("/home/ana/.config/baton/keys:2: unknown key 'ctrl-xy'"))
        #expect(problems[2].hasPrefix("/home/ana/.config/baton/keys:3: unknown command 'fly'"))
        #expect(problems[3].hasPrefix("/home/ana/.config/baton/keys:4: expected `bind MODE KEY COMMAND`"))
        #expect(problems[4].hasPrefix("/home/ana/.config/baton/keys:5: expected `bind MODE KEY COMMAND`"))
        #expect(problems[5].hasPrefix("/home/ana/.config/baton/keys:7: Z in board is already bound on line 6"))
        for problem in problems { #expect(problem.hasSuffix("."), "\(problem)") }
        #expect(map.command(for: .character("Z"), in: .board) == .help, "the later binding wins")
        #expect(map.command(for: .character("Z"), in: .help) == .quit, "the same key in another mode is no duplicate")
        #expect(map.command(for: .character("x"), in: .board) == .toggleExpedite, "bad lines change nothing")
    }

    @Test func windowsLineEndingsAndTabsAreAccepted() {
        let (map, problems) = KeyFile.apply("bind\tboard\tx\tquit\r\nbind board y help\r\n", file: "keys")
        #expect(problems.isEmpty, "\(problems)")
        #expect(map.command(for: .character("x"), in: .board) == .quit)
        #expect(map.command(for: .character("y"), in: .board) == .help)
    }

    @Test func anEmptyFileIsTheDefaults() {
        let (map, problems) = KeyFile.apply("", file: "keys")
        #expect(problems.isEmpty)
        #expect(map == .standard)
    }
}
