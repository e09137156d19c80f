import Foundation
import Testing

@testable import BatonTUI

/// A scratch folder, removed at the end of the test.
private final class ScratchFolder {
    let path: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        path = base.appendingPathComponent("baton-theme-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relative` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String = "", executable: Bool = false) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
        return full
    }

    @discardableResult
    func folder(_ relative: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }
}

@Suite struct ThemeLoaderTests {
    // MARK: Search paths

    @Test func searchOrderIsUserThenBesideTheExecutableThenShareThenTheCheckout() throws {
        let scratch = try ScratchFolder()
        let root = scratch.path
        try scratch.write("Package.swift", "// swift-tools-version: 6.0")
        let executable = try scratch.write(".build/debug/baton", executable: true)
        let paths = ThemeLoader.searchPaths(
            executable: executable,
            environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/ann"])
        #expect(
            paths == [
                "/cfg/baton/themes",
                root + "/.build/debug/themes",
                root + "/.build/share/baton/themes",
                root + "/themes",
            ])
    }

    @Test func withoutXDGConfigHomeTheUserFolderIsUnderHome() {
        let paths = ThemeLoader.searchPaths(executable: "/opt/baton/bin/baton", environment: ["HOME": "/home/ann"])
        #expect(paths == ["/home/ann/.config/baton/themes", "/opt/baton/bin/themes", "/opt/baton/share/baton/themes"])
    }

    @Test func emptyOrRelativeXDGConfigHomeIsIgnored() {
        for value in ["", "relative/config"] {
            let paths = ThemeLoader.searchPaths(
                executable: "/usr/local/bin/baton",
                environment: ["XDG_CONFIG_HOME": value, "HOME": "/home/ann/"])
            #expect(paths.first == "/home/ann/.config/baton/themes")
            #expect(paths.contains("/usr/local/share/baton/themes"))
        }
    }

    @Test func withoutHomeOrXDGThereIsNoUserFolder() {
        let paths = ThemeLoader.searchPaths(executable: "/usr/bin/baton", environment: [:])
        #expect(paths == ["/usr/bin/themes", "/usr/share/baton/themes"])
    }

    @Test func aBareExecutableNameIsLookedUpInPath() throws {
        let scratch = try ScratchFolder()
        let bin = try scratch.folder("bin")
        try scratch.write("other/baton", "not executable")
        try scratch.write("prefix/bin/baton", executable: true)
        let environment = ["PATH": "\(bin):\(scratch.path)/other:\(scratch.path)/prefix/bin"]
        let paths = ThemeLoader.searchPaths(executable: "baton", environment: environment)
        #expect(paths == [scratch.path + "/prefix/bin/themes", scratch.path + "/prefix/share/baton/themes"])
    }

    @Test func aSymbolicLinkSearchesBesideTheLinkThenBesideItsTarget() throws {
        let scratch = try ScratchFolder()
        let target = try scratch.write("opt/baton/bin/baton", executable: true)
        let link = try scratch.folder("local/bin") + "/baton"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let paths = ThemeLoader.searchPaths(executable: link, environment: [:])
        #expect(
            paths == [
                scratch.path + "/local/bin/themes",
                scratch.path + "/opt/baton/bin/themes",
                scratch.path + "/local/share/baton/themes",
                scratch.path + "/opt/baton/share/baton/themes",
            ])
    }

    @Test func theRepositoryBuildFindsTheRepositoryThemes() throws {
        let root = ThemeFiles.root().resolvingSymlinksInPath().path
        let paths = ThemeLoader.searchPaths(executable: root + "/.build/debug/baton", environment: [:])
        #expect(paths.last == root + "/themes")
        #expect(ThemeLoader.available(paths: paths) == ["default", "high-contrast", "light", "mono"])
        #expect(try ThemeLoader.load(name: "light", paths: paths) == (try ThemeFiles.theme("light")))
        #expect(ThemeLoader.file(for: "light", paths: paths) == root + "/themes/light.theme")
    }

    @Test func pathsAreNormalised() {
        #expect(ThemeLoader.normalise("/a/./b//c/../d/") == "/a/b/d")
        #expect(ThemeLoader.normalise("/../x") == "/x")
        #expect(ThemeLoader.parent(of: "/a/b") == "/a")
        #expect(ThemeLoader.parent(of: "/a") == "/")
        #expect(ThemeLoader.parent(of: "/") == "/")
    }

    // MARK: Loading

    @Test func theFirstPathHoldingTheThemeWins() throws {
        let scratch = try ScratchFolder()
        let first = try scratch.folder("first"), second = try scratch.folder("second")
        try scratch.write("first/calm.theme", "card green default -")
        try scratch.write("second/calm.theme", "card red default -")
        try scratch.write("second/loud.theme", "card red default bold")
        let paths = [scratch.path + "/missing", first, second]
        #expect(try ThemeLoader.load(name: "calm", paths: paths).styles[.card]?.foreground == .index(2))
        #expect(try ThemeLoader.load(name: "loud", paths: paths).styles[.card]?.bold == true)
        #expect(try ThemeLoader.load(name: "calm", paths: paths).name == "calm")
    }

    @Test func aUserThemeShadowsTheShippedOne() throws {
        let scratch = try ScratchFolder()
        try scratch.write("config/baton/themes/default.theme", "# mine\nnormal bright-green black bold\n")
        let shipped = ThemeFiles.root().appendingPathComponent("themes").path
        let paths = ThemeLoader.searchPaths(
            executable: ThemeFiles.root().path + "/.build/debug/baton",
            environment: ["XDG_CONFIG_HOME": scratch.path + "/config"])
        #expect(paths.first == scratch.path + "/config/baton/themes")
        let theme = try ThemeLoader.load(name: "default", paths: paths)
        #expect(theme.styles == [.normal: ThemeStyle(foreground: .index(10), background: .index(0), bold: true)])
        // Themes the user did not copy still come from the shipped folder.
        #expect(try ThemeLoader.load(name: "light", paths: paths) == (try ThemeFiles.theme("light")))
        #expect(try ThemeLoader.load(name: "default", paths: [shipped]) == Theme.builtInDefault)
    }

    @Test func aBrokenThemeFileIsReportedWithItsPathAndLineAndDoesNotFallThrough() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("user/default.theme", "normal default default -\ncard reed default -\n")
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.load(name: "default", paths: [scratch.path + "/user", ThemeFiles.root().path + "/themes"])
        }
        #expect(error.file == file)
        #expect(error.line == 2)
        #expect(error.description.hasPrefix(file + ":2: unknown foreground colour 'reed'"))
    }

    @Test func anUnknownThemeIsAnErrorListingTheAvailableNames() throws {
        let scratch = try ScratchFolder()
        try scratch.write("a/solarized.theme", "card yellow default -")
        try scratch.write("b/zenburn.theme", "card yellow default -")
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.load(name: "dracula", paths: [scratch.path + "/a", scratch.path + "/b"])
        }
        #expect(error.description == "unknown theme 'dracula'; available themes are default, mono, solarized, zenburn.")
        #expect(error.line == nil && error.file == nil)

        let shipped = try #require(throws: ThemeError.self) {
            try ThemeLoader.load(name: "hight-contrast", paths: [ThemeFiles.root().path + "/themes"])
        }
        #expect(
            shipped.description
                == "unknown theme 'hight-contrast'; available themes are default, high-contrast, light, mono.")
    }

    @Test func builtInThemesAreUsedWhenNoFileExists() throws {
        #expect(try ThemeLoader.load(name: "default", paths: []) == Theme.builtInDefault)
        #expect(try ThemeLoader.load(name: "mono", paths: ["/nonexistent/themes"]) == Theme.builtInMono)
        #expect(ThemeLoader.available(paths: []) == ["default", "mono"])
        #expect(ThemeLoader.file(for: "default", paths: []) == nil)
    }

    @Test func aThemeCanBeNamedByPathOrWithItsSuffix() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("elsewhere/night.theme", "card blue default -")
        #expect(try ThemeLoader.load(name: file, paths: []).name == "night")
        #expect(try ThemeLoader.load(name: file, paths: []).styles[.card]?.foreground == .index(4))
        #expect(try ThemeLoader.load(name: "night.theme", paths: [scratch.path + "/elsewhere"]).name == "night")
        let missing = try #require(throws: ThemeError.self) {
            try ThemeLoader.load(name: scratch.path + "/nope.theme", paths: [])
        }
        #expect(
            missing.description == scratch.path + "/nope.theme: cannot load the theme because there is no such file.")
    }

    @Test func aThemeFileThatIsNotUTF8IsReported() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/latin1.theme"
        try Data([0x63, 0x61, 0x72, 0x64, 0x20, 0xE9, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: file))
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.load(name: "latin1", paths: [scratch.path])
        }
        #expect(error.description == file + ": the theme file is not UTF-8 text.")
    }

    @Test func availableListsThemeFilesSortedAndUnique() throws {
        let scratch = try ScratchFolder()
        try scratch.write("a/zebra.theme")
        try scratch.write("a/default.theme")
        try scratch.write("a/notes.txt")
        try scratch.write("a/.hidden.theme")
        try scratch.write("a/.theme")
        try scratch.folder("a/folder.theme")
        try scratch.write("b/apple.theme")
        try scratch.write("b/zebra.theme")
        let names = ThemeLoader.available(paths: [scratch.path + "/a", scratch.path + "/b", scratch.path + "/c"])
        #expect(names == ["apple", "default", "mono", "zebra"])
    }

    // MARK: Resolving what to draw with

    @Test func resolveLoadsTheNamedThemeDegradedToTheTerminal() throws {
        let root = ThemeFiles.root().path
        let (theme, problem) = ThemeLoader.resolve(
            name: "light", colours: 8, executable: root + "/.build/debug/baton",
            environment: [:])
        #expect(problem == nil)
        #expect(theme == (try ThemeFiles.theme("light")).degraded(toColours: 8))
    }

    @Test func resolveUsesMonoForTheDefaultThemeWithoutColoursOrWithNoColor() throws {
        let root = ThemeFiles.root().path
        let executable = root + "/.build/debug/baton"
        #expect(
            ThemeLoader.resolve(name: nil, colours: 256, executable: executable, environment: [:]).theme
                == Theme.builtInDefault)
        #expect(
            ThemeLoader.resolve(name: nil, colours: 0, executable: executable, environment: [:]).theme
                == Theme.builtInMono)
        #expect(
            ThemeLoader.resolve(
                name: "default", colours: 256, executable: executable,
                environment: ["NO_COLOR": "1"]
            ).theme == Theme.builtInMono)
        // NO_COLOR set but empty does not count.
        #expect(
            ThemeLoader.resolve(
                name: nil, colours: 256, executable: executable,
                environment: ["NO_COLOR": ""]
            ).theme == Theme.builtInDefault)
        let light = ThemeLoader.resolve(
            name: "light", colours: 256, executable: executable, environment: ["NO_COLOR": "yes"]
        ).theme
        #expect(light == (try ThemeFiles.theme("light")).degraded(toColours: 0))
    }

    @Test func resolveFallsBackToTheBuiltInDefaultAndReportsTheProblem() {
        let (theme, problem) = ThemeLoader.resolve(
            name: "nope", colours: 8, executable: "/nonexistent/bin/baton",
            environment: [:])
        #expect(theme == Theme.builtInDefault.degraded(toColours: 8))
        #expect(problem?.description == "unknown theme 'nope'; available themes are default, mono.")
    }
}
