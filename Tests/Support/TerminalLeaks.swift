import Foundation

/// Finds, in bytes sent to a terminal, what could act on the terminal although board text
/// was meant to be shown: escape sequences a curses program never sends by itself, C1 and bidi
/// controls, invisible characters, NUL and bytes outside UTF-8. Each finding is a short
/// description with its offset, for a test's failure message.
extension RawOutput {
    /// For the output of a full-screen program: its own cursor moves, attributes and modes are
    /// fine; string sequences (OSC, DCS, APC, PM, SOS), status and device queries (CSI … n,
    /// CSI … c), window operations other than the title stack save and restore of `smcup` and
    /// `rmcup` (CSI 22;0;0 t, CSI 23;0;0 t) and any of `signatures` are not.
    public func terminalLeaks(signatures: [[UInt8]] = []) -> [String] {
        var found = scalarLeaks() + escapeLeaks()
        for signature in signatures {
            for offset in offsets(of: signature) {
                found.append("\(Self.describe(signature)) at \(offset)")
            }
        }
        return found
    }

    /// For plain text output (a listing, a report, an export): no escape sequence at all, no
    /// control character but line feeds (and carriage returns before them when `crlf`), and
    /// none of `terminalLeaks`'s characters.
    public func textLeaks(crlf: Bool = false) -> [String] {
        var found = scalarLeaks()
        for (offset, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x7F {
            if byte == 0x0A || byte == 0x00 { continue }
            if crlf, byte == 0x0D, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A { continue }
            found.append("control byte 0x\(String(byte, radix: 16)) at \(offset)")
        }
        return found
    }

    /// NUL, BEL, C1 controls, bidi controls, invisible characters (not the joiners of emoji and
    /// scripts), bytes outside UTF-8.
    private func scalarLeaks() -> [String] {
        var found = strayBytes.map { "byte 0x\(String($0.byte, radix: 16)) outside UTF-8 at \($0.offset)" }
        for scalar in scalars where Self.isForbidden(scalar.value) {
            found.append("U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        return found
    }

    static func isForbidden(_ v: UInt32) -> Bool {
        switch v {
        case 0x00, 0x07, 0x80...0x9F, 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// The SGR sequences (CSI … m) that set a foreground or background colour (30–38, 40–48,
    /// 90–97, 100–107); 39 and 49, back to the terminal's own colours, do not count.
    public func colourSequences() -> [String] {
        offsets(of: [0x1B, UInt8(ascii: "[")]).compactMap { controlSequence(at: $0 + 2) }.filter { csi in
            guard csi.last == "m" else { return false }
            let parameters = csi.dropLast().split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }
            let colours = [30...38, 40...48, 90...97, 100...107]
            return parameters.contains { parameter in colours.contains { $0.contains(parameter) } }
        }
    }

    /// Escape sequences no curses program sends on its own.
    private func escapeLeaks() -> [String] {
        var found: [String] = []
        for offset in offsets(of: [0x1B]) where offset + 1 < bytes.count {
            let kind = bytes[offset + 1]
            if [UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X")].contains(
                kind)
            {
                found.append("string sequence ESC \(Character(Unicode.Scalar(kind))) at \(offset)")
            } else if kind == UInt8(ascii: "["), let csi = controlSequence(at: offset + 2), !Self.isHarmless(csi) {
                found.append("control sequence ESC [\(csi) at \(offset)")
            }
        }
        return found
    }

    /// The parameters and final byte of the control sequence whose parameters start at `start`.
    private func controlSequence(at start: Int) -> String? {
        var end = start
        while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
        guard end < bytes.count, (0x40...0x7E).contains(bytes[end]) else { return nil }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    static func isHarmless(_ csi: String) -> Bool {
        switch csi.last {
        case "n", "c": return false
        case "t": return csi == "22;0;0t" || csi == "23;0;0t"
        default: return true
        }
    }

    static func describe(_ bytes: [UInt8]) -> String {
        bytes.map {
            $0 == 0x1B ? "ESC" : $0 < 0x20 || $0 >= 0x7F ? "\\x\(String($0, radix: 16))" : String(UnicodeScalar($0))
        }.joined()
    }
}
