import Foundation

/// Finds theme files and reads them.
///
/// A theme is a file `NAME.theme` in one of the search paths; the first path holding it wins,
/// so a user's `~/.config/baton/themes/default.theme` shadows the shipped one. The themes
/// `default` and `mono` are also compiled in (`Theme.builtInDefault`, `Theme.builtInMono`) and
/// are used when no file of that name exists anywhere.
public enum ThemeLoader {
    /// Where baton looks for themes, most important first:
    ///
    /// 1. `$XDG_CONFIG_HOME/baton/themes` (when set to an absolute path), else
    ///    `~/.config/baton/themes` (from `$HOME`);
    /// 2. the folder `themes` beside the executable;
    /// 3. `<executable's folder>/../share/baton/themes` (an installed prefix such as /usr/local);
    /// 4. the `themes` folder of the source checkout: the first folder, walking up from the
    ///    executable, that holds `Package.swift` (so `.build/debug/baton` finds the repo's themes).
    ///
    /// `executable` may be absolute, relative to the current folder, or a bare name looked up
    /// in `$PATH` (as in `argv[0]`). When it is reached through a symbolic link, the folders of
    /// both the link and its target are searched (link first). Paths are returned normalised
    /// and without duplicates; they need not exist.
    public static func searchPaths(executable: String, environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            paths.append(normalise(config + "/baton/themes"))
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            paths.append(normalise(home + "/.config/baton/themes"))
        }
        if let invoked = locate(executable: executable, environment: environment) {
            let resolved = URL(fileURLWithPath: invoked).resolvingSymlinksInPath().path
            let folders = unique([parent(of: invoked), parent(of: normalise(resolved))])
            paths += folders.map { $0 + "/themes" }
            paths += folders.map { normalise($0 + "/../share/baton/themes") }
            paths += folders.compactMap { checkoutRoot(above: $0) }.map { $0 + "/themes" }
        }
        return unique(paths.map(normalise))
    }

    /// The theme called `name` from the first of `paths` holding `NAME.theme`, else the
    /// built-in theme of that name.
    ///
    /// `name` may also be a path to a theme file (anything containing `/`), and a trailing
    /// `.theme` is ignored. A file that exists but does not parse is an error (it does not fall
    /// through to the next path), and so is a name no path knows: its message lists the
    /// available themes.
    public static func load(name: String, paths: [String]) throws -> Theme {
        if name.contains("/") {
            return try read(file: name, name: themeName(ofFile: name))
        }
        let name = name.hasSuffix(".theme") ? String(name.dropLast(6)) : name
        if let file = file(for: name, paths: paths) {
            return try read(file: file, name: name)
        }
        if let builtIn = Theme.builtIns[name] { return builtIn }
        let names = available(paths: paths).joined(separator: ", ")
        if name.isEmpty {
            throw ThemeError(message: "the theme name is empty; available themes are \(names).")
        }
        throw ThemeError(message: "unknown theme '\(name)'; available themes are \(names).")
    }

    /// The file `load(name:paths:)` would read for `name`, or nil (built-in or unknown).
    public static func file(for name: String, paths: [String]) -> String? {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        for folder in paths {
            let file = folder + "/" + name + ".theme"
            if isRegularFile(file) { return file }
        }
        return nil
    }

    /// The names of all themes in `paths` plus the built-in ones, sorted, each once.
    public static func available(paths: [String]) -> [String] {
        var names = Set(Theme.builtIns.keys)
        for folder in paths {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries where entry.hasSuffix(".theme") && entry.count > 6 && !entry.hasPrefix(".") {
                if isRegularFile(folder + "/" + entry) { names.insert(String(entry.dropLast(6))) }
            }
        }
        return names.sorted()
    }

    /// The theme baton should draw with, never failing: `name` (nil means `default`) from
    /// `searchPaths`, degraded to `colours`. `NO_COLOR` (set and not empty) means no colours.
    /// Without colours the `default` theme is replaced by the hand-made `mono` theme. When the
    /// theme cannot be loaded, the built-in default (degraded likewise) comes back with the
    /// problem to show the user.
    public static func resolve(
        name: String?, colours: Int, executable: String,
        environment: [String: String]
    ) -> (theme: Theme, problem: ThemeError?) {
        let colours = NoColour.isRequested(in: environment) ? 0 : colours
        var name = name ?? "default"
        if colours < 8, name == "default" || name == "default.theme" { name = "mono" }
        let paths = searchPaths(executable: executable, environment: environment)
        do {
            return (try load(name: name, paths: paths).degraded(toColours: colours), nil)
        } catch let error as ThemeError {
            return (Theme.builtInDefault.degraded(toColours: colours), error)
        } catch {
            return (Theme.builtInDefault.degraded(toColours: colours), ThemeError(message: "\(error)"))
        }
    }

    // MARK: - Helpers

    static func read(file: String, name: String) throws -> Theme {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let reason = isRegularFile(file) ? "it cannot be read" : "there is no such file"
            throw ThemeError(file: file, message: "cannot load the theme because \(reason).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: file, message: "the theme file is not UTF-8 text.")
        }
        do {
            return try Theme.parse(text, name: name)
        } catch var error as ThemeError {
            error.file = file
            throw error
        }
    }

    static func themeName(ofFile file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.hasSuffix(".theme") ? String(last.dropLast(6)) : last
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The absolute, normalised path of the executable, looking a bare name up in `$PATH`.
    static func locate(executable: String, environment: [String: String]) -> String? {
        guard !executable.isEmpty else { return nil }
        if executable.hasPrefix("/") { return normalise(executable) }
        let here = FileManager.default.currentDirectoryPath
        if executable.contains("/") { return normalise(here + "/" + executable) }
        for folder in (environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            let folder = folder.isEmpty ? here : (folder.hasPrefix("/") ? String(folder) : here + "/" + folder)
            let candidate = normalise(folder + "/" + executable)
            if isRegularFile(candidate), FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The first folder from `folder` upwards holding `Package.swift`.
    static func checkoutRoot(above folder: String) -> String? {
        var current = folder
        while true {
            if isRegularFile(current + "/Package.swift") { return current }
            if current == "/" || current.isEmpty { return nil }
            current = parent(of: current)
        }
    }

    static func parent(of path: String) -> String {
        var parts = path.split(separator: "/")
        guard !parts.isEmpty else { return "/" }
        parts.removeLast()
        return "/" + parts.joined(separator: "/")
    }

    /// Removes `.`, `..`, repeated and trailing slashes, without touching the file system.
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
