import BatonCore
import Foundation

/// The settings of `~/.config/baton/config`.
public struct Config: Equatable, Sendable {
    /// `age STAGE DAYS`: how long an item may stay in a stage before its age is a warning.
    public struct AgeLimit: Equatable, Sendable {
        public var stage: String
        public var days: Double
        /// The line it was written on, for reporting a stage that does not exist.
        public var line: Int
    }

    /// `theme NAME`, and the line it is on.
    public var theme: String?
    public var themeLine: Int?
    /// `mouse on` or `mouse off`.
    public var mouse = true
    public var ageLimits: [AgeLimit] = []
    /// `limit N`: open items in active stages one person can carry before the balance screen
    /// flags it.
    public var personalLimit = 3

    public init() {}

    /// The `age` lines as limits on `board`'s stages, and a problem for each line naming a stage
    /// the board does not have.
    public func ageLimits(for board: Board, file: String) -> (AgeLimits, [String]) {
        var limits = AgeLimits()
        var problems: [String] = []
        for entry in ageLimits {
            if let stage = board.stages.first(where: { $0.name.lowercased() == entry.stage.lowercased() }) {
                limits.perStage[stage.id] = entry.days * 86_400
            } else {
                let names = board.stages.map(\.name).joined(separator: ", ")
                problems.append("\(file):\(entry.line): there is no stage named '\(entry.stage)'; stages are \(names).")
            }
        }
        return (limits, problems)
    }
}

/// Reads a `config` file: one setting per line, `#` comments, blank lines. Bad lines are
/// reported and skipped; the file is never rewritten.
public enum ConfigFile {
    /// The settings in `text` and every problem found, as `FILE:LINE: sentence`.
    public static func parse(_ text: String, file: String) -> (Config, [String]) {
        var config = Config()
        var problems: [String] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = (raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if let problem = apply(line, number: index + 1, to: &config) {
                problems.append("\(file):\(index + 1): \(problem)")
            }
        }
        return (config, problems)
    }

    /// Applies one line; returns what is wrong with it, if anything.
    static func apply(_ line: String, number: Int, to config: inout Config) -> String? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words[0] {
        case "theme":
            guard words.count == 2 else { return "expected `theme NAME`, such as `theme light`." }
            config.theme = words[1]
            config.themeLine = number
        case "mouse":
            guard words.count == 2, words[1] == "on" || words[1] == "off" else {
                return "expected `mouse on` or `mouse off`."
            }
            config.mouse = words[1] == "on"
        case "age":
            guard words.count >= 3, let days = Double(words.last!), days > 0, days.isFinite else {
                return "expected `age STAGE DAYS` with DAYS above 0, such as `age Doing 3`."
            }
            config.ageLimits.append(
                Config.AgeLimit(stage: words.dropFirst().dropLast().joined(separator: " "), days: days, line: number))
        case "limit":
            guard words.count == 2, let limit = Int(words[1]), limit >= 1 else {
                return "expected `limit N` with N at least 1, such as `limit 3`."
            }
            config.personalLimit = limit
        default:
            return "unknown setting '\(words[0])'; settings are theme, mouse, age and limit."
        }
        return nil
    }
}

/// The text of a settings file (`config`, `keys`), or why it cannot be used.
public enum SettingsText {
    /// `data` as text; nil without a problem when there is no file (`exists` false). A file that
    /// cannot be read or is not UTF-8 text is ignored with a problem naming it.
    public static func decode(_ data: Data?, file: String, exists: Bool) -> (text: String?, problem: String?) {
        guard let data else {
            return (nil, exists ? "\(file): cannot be read, so it was ignored; check its permissions." : nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, "\(file): is not UTF-8 text, so it was ignored; save it as UTF-8.")
        }
        return (text, nil)
    }
}
