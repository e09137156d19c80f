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
                // The keys of the first screen or prompt that has the command (with the generic
                // ones), then those the dialogs, the setup and `generic` add.
                guard let mode = helpOrder.first(where: { !s.keymap.keys(for: command, in: $0).isEmpty }) else {
                    continue
                }
                let keys = keyList(command, mode: mode, s.keymap)
                guard s.width >= 60 else {
                    lines += [[("  " + keys, .footerKey)], [("      " + command.help, .normal)]]
                    continue
                }
                // Keys too long for their column get a line of their own above the help.
                let long = DisplayText.width(of: keys) > keyWidth - 2
                if long { lines.append([("  " + keys, .footerKey)]) }
                lines.append([
                    ("  " + DisplayText.fit(long ? "" : keys, to: keyWidth - 2) + " ", .footerKey),
                    (command.help, .normal), (s.width >= 100 ? "  " + command.rawValue : "", .dim),
                ])
            }
        }
        return lines
    }

    /// The modes in the order the help screen looks for a command's keys.
    static let helpOrder: [KeyMode] = [
        .board, .detail, .outcomes, .help, .flow, .balance, .archive, .standup, .prompt, .notes, .picker, .conflict,
        .confirm,
        .setup, .generic,
    ]

    /// The keys of `command` in `mode`, then the further keys other modes bind to it, such as
    /// `enter · notes: ctrl-d`.
    static func keyList(_ command: Command, mode: KeyMode, _ keymap: Keymap) -> String {
        let main = keymap.keys(for: command, in: mode)
        let others = KeyMode.allCases.filter { $0 != mode }.compactMap { other -> String? in
            let more = keymap.ownKeys(for: command, in: other).filter { !main.contains($0) }
            return more.isEmpty ? nil : "\(other.rawValue): " + more.map(\.name).joined(separator: " ")
        }
        return ([main.map(\.name).joined(separator: " ")] + others).joined(separator: " · ")
    }
}

extension String {
    /// Padded or cut to exactly `width` columns.
    func fit(_ width: Int) -> String { DisplayText.fit(self, to: width) }
}
