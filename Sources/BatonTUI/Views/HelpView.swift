import BatonCore

/// Every command with its keys and help text, generated from the command table and the keymap.
enum HelpView {
    static func lines(_ s: AppState) -> [StyledLine] {
        let keyWidth = min(22, max(8, s.width / 3))
        var lines: [StyledLine] = [
            [("Keys", .title), ("  (change them in ~/.config/baton/keys: bind MODE KEY COMMAND)", .dim)]
        ]
        for group in Command.Group.allCases {
            lines += [[], [(group.rawValue, .label)]]
            for command in Command.allCases where command.group == group {
                // The board's keys where it has the command (they include the generic ones).
                let modes = (KeyMode.allCases.filter { $0 != .generic } + [.generic]).filter {
                    !s.keymap.keys(for: command, in: $0).isEmpty
                }
                guard let mode = modes.first else { continue }
                let keys = s.keymap.keys(for: command, in: mode).map(\.name).joined(separator: " ")
                if s.width < 60 {
                    lines += [[("  " + keys, .footerKey)], [("      " + command.help, .normal)]]
                } else {
                    lines.append([
                        ("  " + DisplayText.fit(keys, to: keyWidth - 2) + " ", .footerKey),
                        (command.help, .normal), (s.width >= 100 ? "  " + command.rawValue : "", .dim),
                    ])
                }
            }
        }
        lines += [
            [], [("In prompts", .label)],
            [("  enter / esc".fit(keyWidth), .footerKey), ("save / cancel (notes: ctrl-d saves)", .normal)],
            [("  ctrl-a ctrl-e".fit(keyWidth), .footerKey), ("start / end of line; home and end too", .normal)],
            [
                ("  ctrl-k ctrl-u ctrl-w".fit(keyWidth), .footerKey),
                ("delete to end / to start / the word before", .normal),
            ],
            [("  alt-b alt-f".fit(keyWidth), .footerKey), ("word left / right", .normal)],
        ]
        return lines
    }
}

extension String {
    /// Padded or cut to exactly `width` columns.
    func fit(_ width: Int) -> String { DisplayText.fit(self, to: width) }
}
