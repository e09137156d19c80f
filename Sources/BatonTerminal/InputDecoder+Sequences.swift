import BatonTUI

extension InputParser {
    /// Keys of `ESC [ n ~` sequences.
    static let tildeKeys: [String: Key] = [
        "1": .home, "7": .home, "4": .end, "8": .end, "3": .delete, "5": .pageUp, "6": .pageDown,
        "11": .function(1), "12": .function(2), "13": .function(3), "14": .function(4),
        "15": .function(5), "17": .function(6), "18": .function(7), "19": .function(8),
        "20": .function(9), "21": .function(10), "23": .function(11), "24": .function(12),
    ]

    /// Keys of `ESC [ params letter` sequences.
    static let letterKeys: [String: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
        "1;2A": .shiftUp, "1;2B": .shiftDown, "1;2C": .shiftRight, "1;2D": .shiftLeft,
        "1A": .up, "1B": .down, "1C": .right, "1D": .left, "1H": .home, "1F": .end,
    ]

    /// After ESC [: reads parameters up to the final byte and maps the sequence, or drops it.
    mutating func csi() {
        var parameters = ""
        while let code = peek(), (0x20...0x3F).contains(code), let scalar = Unicode.Scalar(code) {
            parameters.unicodeScalars.append(scalar)
            index += 1
        }
        guard let final = peek(), (0x40...0x7E).contains(final), let scalar = Unicode.Scalar(final) else {
            return  // incomplete: dropped
        }
        index += 1
        if final == 0x7E {
            if parameters == "200" {
                paste = []
            } else if let key = Self.tildeKeys[parameters] {
                events.append(.key(key))
            }
        } else if let key = Self.letterKeys[parameters + String(scalar)] {
            events.append(.key(key))
        }
    }

    /// Inside a bracketed paste: collects text until `ESC [ 201 ~`.
    mutating func pasteStep(_ item: RawInput) {
        if item.isKeyCode {
            if item.code == keyCodes.resize {
                events.append(.resize)
            } else if keyCodes.keys[item.code] == .enter {
                paste?.append("\n")
            }
            return
        }
        if item.code == 27, isPasteEnd() {
            index += 5
            finishPaste()
            return
        }
        if let scalar = Unicode.Scalar(item.code) { paste?.append(scalar) }
        if let count = paste?.count, count >= Self.pasteLimit {
            finishPaste()
            paste = []
        }
    }

    /// Whether `[201~` follows the current position.
    private func isPasteEnd() -> Bool {
        let marker: [UInt32] = [0x5B, 0x32, 0x30, 0x31, 0x7E]
        return marker.enumerated().allSatisfy { peek($0.offset) == $0.element }
    }

    /// Emits the collected paste with line ends normalised to "\n".
    private mutating func finishPaste() {
        guard let scalars = paste else { return }
        paste = nil
        var text = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in scalars {
            if scalar == "\n", afterReturn {
                afterReturn = false
                continue
            }
            afterReturn = scalar == "\r"
            text.append(afterReturn ? "\n" : scalar)
        }
        if !text.isEmpty { events.append(.key(.paste(String(text)))) }
    }
}
