import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sandbox with an empty `init` board (Backlog, Ready, Doing, Done) and two more members.
func boardSandbox(sample: Bool = false) throws -> Sandbox {
    let box = try Sandbox.withBoard(sample: sample, prefix: "baton-e2e")
    try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
    try box.ok("member", "add", "Bo Chen", "--handle", "bo", "--discipline", "it")
    return box
}

/// The screen's rows, without the status message row (second from the bottom), which differs
/// between two moments for reasons of its own.
func rowsWithoutMessage(_ screen: String) -> [String] {
    var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if rows.last == "" { rows.removeLast() }
    if rows.count >= 2 { rows.remove(at: rows.count - 2) }
    return rows
}

/// The row of `screen` that contains `text`, if any.
func row(containing text: String, in screen: String) -> String? {
    screen.split(separator: "\n").map(String.init).first { $0.contains(text) }
}

/// How many column separators come before `text` on its row: 0 for the first stage, 1 for the second ...
func column(of text: String, in screen: String) -> Int? {
    guard let line = row(containing: text, in: screen), let range = line.range(of: text) else { return nil }
    return line[..<range.lowerBound].filter { $0 == "│" }.count
}

/// Whether the four stage headers of the `init` board are on the screen, side by side.
func showsBoardHeaders(_ screen: String) -> Bool {
    guard let line = row(containing: " Backlog ", in: screen) else { return false }
    return ["│ Ready ", "│ Doing ", "│ Done "].allSatisfy { line.contains($0) }
}

func pause(_ seconds: Double) { usleep(useconds_t(seconds * 1_000_000)) }

/// Runs `body` and returns how long it took, in seconds.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// Decodes raw terminal output as UTF-8 without trusting it: the scalars it holds, and the
/// offsets of bytes that belong to no valid UTF-8 sequence.
struct RawOutput {
    let bytes: [UInt8]
    var scalars: [Unicode.Scalar] = []
    var strayBytes: [(offset: Int, byte: UInt8)] = []

    init(_ data: Data) {
        bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            if length == 0 || i + length > bytes.count
                || !bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                strayBytes.append((i, b)); i += 1; continue
            }
            var value = UInt32(length == 1 ? b : b & (0xFF >> (length + 1)))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } else { strayBytes.append((i, b)) }
            i += length
        }
    }

    func contains(_ sequence: [UInt8]) -> Bool { occurrences(of: sequence) > 0 }

    func occurrences(of sequence: [UInt8]) -> Int {
        guard !sequence.isEmpty, sequence.count <= bytes.count else { return 0 }
        var count = 0
        for start in 0...(bytes.count - sequence.count) where bytes[start] == sequence[0] {
            if Array(bytes[start..<(start + sequence.count)]) == sequence { count += 1 }
        }
        return count
    }

    /// Offsets at which `sequence` starts.
    func offsets(of sequence: [UInt8]) -> [Int] {
        guard !sequence.isEmpty, sequence.count <= bytes.count else { return [] }
        return (0...(bytes.count - sequence.count)).filter { bytes[$0..<($0 + sequence.count)].elementsEqual(sequence) }
    }
}
