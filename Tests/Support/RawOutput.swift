import Foundation

/// Decodes raw terminal output as UTF-8 without trusting it: the scalars it holds, and the
/// offsets of bytes that belong to no valid UTF-8 sequence.
public struct RawOutput {
    public let bytes: [UInt8]
    public private(set) var scalars: [Unicode.Scalar] = []
    public private(set) var strayBytes: [(offset: Int, byte: UInt8)] = []

    public init(_ data: Data) {
        bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let length = Self.sequenceLength(bytes[i])
            if length == 0 || i + length > bytes.count
                || !bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            {
                strayBytes.append((i, bytes[i]))
                i += 1
                continue
            }
            var value = UInt32(length == 1 ? bytes[i] : bytes[i] & (0xFF >> (length + 1)))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } else { strayBytes.append((i, bytes[i])) }
            i += length
        }
    }

    /// The file's bytes (empty when it does not exist).
    public init(file: String) {
        self.init(FileManager.default.contents(atPath: file) ?? Data())
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    public func contains(_ sequence: [UInt8]) -> Bool { occurrences(of: sequence) > 0 }

    public func occurrences(of sequence: [UInt8]) -> Int { offsets(of: sequence).count }

    /// Offsets at which `sequence` starts.
    public func offsets(of sequence: [UInt8]) -> [Int] {
        guard !sequence.isEmpty, sequence.count <= bytes.count else { return [] }
        return (0...(bytes.count - sequence.count)).filter {
            bytes[$0] == sequence[0] && bytes[$0..<($0 + sequence.count)].elementsEqual(sequence)
        }
    }
}
