/// Reads a `keys` file: one `bind MODE KEY COMMAND` per line, `#` comments, blank lines.
public enum KeyFile {
    /// The default keymap with the file's bindings applied, and every problem found as
    /// `FILE:LINE: sentence`. Bad lines are skipped; the file itself is never rewritten.
    public static func apply(_ text: String, file: String, to base: Keymap = .standard) -> (Keymap, [String]) {
        var keymap = base
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.isEmpty else { continue }
            let place = "\(file):\(index + 1)"
            switch parse(words) {
            case .success(let (mode, key, command)):
                if mode.takesText, case .character = key {
                    problems.append(
                        "\(place): \(key.name) is typed in \(mode.rawValue); bind a ctrl-, alt- or named key there instead."
                    )
                    continue
                }
                let slot = "\(mode.rawValue) \(key.name)"
                if let first = seen[slot] {
                    problems.append(
                        "\(place): \(key.name) in \(mode.rawValue) is already bound on line \(first); the later binding wins."
                    )
                }
                seen[slot] = index + 1
                keymap.bind(mode, key, command)
            case .failure(let problem):
                problems.append("\(place): \(problem.message)")
            }
        }
        return (keymap, problems)
    }

    struct Problem: Error { let message: String }

    static func parse(_ words: [String]) -> Result<(KeyMode, Key, Command), Problem> {
        guard words.count == 4, words[0] == "bind" else {
            return .failure(
                Problem(message: "expected `bind MODE KEY COMMAND`, found '\(words.joined(separator: " "))'."))
        }
        guard let mode = KeyMode(rawValue: words[1]) else {
            return .failure(
                Problem(
                    message:
                        "unknown mode '\(words[1])'; modes are \(KeyMode.allCases.map(\.rawValue).joined(separator: ", "))."
                ))
        }
        guard let key = Key(name: words[2]) else {
            return .failure(
                Problem(
                    message:
                        "unknown key '\(words[2])'; use a character or a name such as enter, esc, tab, up, shift-left, pagedown, ctrl-k, f1, space."
                ))
        }
        guard let command = Command(rawValue: words[3]) else {
            return .failure(Problem(message: "unknown command '\(words[3])'; `baton keys` lists the commands."))
        }
        return .success((mode, key, command))
    }
}
