import Foundation
import Testing

@testable import BatonTUI

@Suite("The config file")
struct ConfigFileTests {
    @Test func everySettingIsRead() {
        let text = """
            # my settings
            theme light   # for the bright room

            mouse off
            age Code review 2.5
            limit 4
            """
        let (config, problems) = ConfigFile.parse(text, file: "config")
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.theme == "light" && config.themeLine == 2)
        #expect(config.mouse == false)
        #expect(config.ageLimits == [Config.AgeLimit(stage: "Code review", days: 2.5, line: 5)])
        #expect(config.personalLimit == 4)
        #expect(ConfigFile.parse("mouse on\n", file: "c").0.mouse)
    }

    @Test func anEmptyFileKeepsTheDefaults() {
        let (config, problems) = ConfigFile.parse("\n  \n# nothing\n", file: "config")
        #expect(config == Config() && problems.isEmpty)
        #expect(config.mouse && config.personalLimit == 3 && config.theme == nil)
    }

    @Test func badLinesAreReportedWithFileAndLineAndSkipped() {
        let text = "theme\nmouse maybe\nage Doing\nage Doing -1\nlimit 0\nlimit many\ncolours 256\nlimit 5\n"
        let (config, problems) = ConfigFile.parse(text, file: "/home/ana/.config/baton/config")
        #expect(
            problems == [
                "/home/ana/.config/baton/config:1: expected `theme NAME`, such as `theme light`.",
                "/home/ana/.config/baton/config:2: expected `mouse on` or `mouse off`.",
                "/home/ana/.config/baton/config:3: expected `age STAGE DAYS` with DAYS above 0, such as `age Doing 3`.",
                "/home/ana/.config/baton/config:4: expected `age STAGE DAYS` with DAYS above 0, such as `age Doing 3`.",
                "/home/ana/.config/baton/config:5: expected `limit N` with N at least 1, such as `limit 3`.",
                "/home/ana/.config/baton/config:6: expected `limit N` with N at least 1, such as `limit 3`.",
                "/home/ana/.config/baton/config:7: unknown setting 'colours'; settings are theme, mouse, age and limit.",
            ])
        #expect(config.personalLimit == 5 && config.mouse && config.ageLimits.isEmpty, "good lines still count")
    }

    @Test func filesThatAreNotTextAreIgnoredWithASentence() {
        #expect(
            SettingsText.decode(Data("bind board x quit\n".utf8), file: "keys", exists: true) == (
                "bind board x quit\n", nil
            ))
        #expect(
            SettingsText.decode(Data([0x62, 0xFF, 0xFE]), file: "/k/keys", exists: true)
                == (nil, "/k/keys: is not UTF-8 text, so it was ignored; save it as UTF-8."))
        #expect(
            SettingsText.decode(nil, file: "/k/config", exists: true)
                == (nil, "/k/config: cannot be read, so it was ignored; check its permissions."))
        #expect(SettingsText.decode(nil, file: "/k/config", exists: false) == (nil, nil), "no file is no problem")
    }

    @Test func problemsShowInTheMessageLineAtStart() {
        var s = TUI.state(TUI.squad())
        _ = App.update(&s, .opened(session: "s", problems: []))
        #expect(s.message == nil)
        _ = App.update(
            &s, .opened(session: "s", problems: ["config:1: unknown theme 'nope'.", "keys:2: unknown key 'xx'."]))
        #expect(
            s.message
                == Message("config:1: unknown theme 'nope'. (and 1 more, all printed when you quit)", isError: true))
        _ = App.update(&s, .opened(session: "s", problems: ["keys: is not UTF-8 text."]))
        #expect(s.message == Message("keys: is not UTF-8 text.", isError: true))
    }
}
