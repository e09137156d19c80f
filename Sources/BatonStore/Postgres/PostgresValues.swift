import CLibpq
import Foundation

/// The rows of one result, read by row and column as text; freed with the value.
final class PostgresRows {
    private let result: OpaquePointer
    private let pq: baton_libpq

    init(_ result: OpaquePointer, _ pq: baton_libpq) {
        self.result = result
        self.pq = pq
    }

    deinit { pq.PQclear(result) }

    var count: Int { Int(pq.PQntuples(result)) }

    func isNull(_ row: Int, _ column: Int32) -> Bool { pq.PQgetisnull(result, Int32(row), column) == 1 }

    func optionalText(_ row: Int, _ column: Int32) -> String? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        let count = Int(pq.PQgetlength(result, Int32(row), column))
        return bytes.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    func text(_ row: Int, _ column: Int32) -> String { optionalText(row, column) ?? "" }

    /// What a column holds, from its type: whole numbers (flags too), reals, or text.
    enum Kind { case integer, real, text }

    func kind(of column: Int32) -> Kind {
        switch pq.PQftype(result, column) {
        case 16, 20, 21, 23: return .integer  // boolean, bigint, smallint, integer
        case 700, 701, 1700: return .real  // real, double precision, numeric
        default: return .text
        }
    }

    /// An integer column (also a boolean: `t` is 1), or nil for NULL.
    func optionalInt(_ row: Int, _ column: Int32) -> Int64? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        switch bytes.pointee {
        case CChar(UInt8(ascii: "t")): return 1
        case CChar(UInt8(ascii: "f")): return 0
        default: return strtoll(bytes, nil, 10)
        }
    }

    func optionalDouble(_ row: Int, _ column: Int32) -> Double? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        return strtod(bytes, nil)
    }
}

/// Parameters in libpq's binary format: each value's bytes, its type and its length.
struct EncodedParameters {
    private static let int8 = Oid(20), float8 = Oid(701), text = Oid(25)
    private var bytes: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []
    private var types: [Oid] = []
    private var nulls: [Bool] = []

    init(_ parameters: [SQLValue]) {
        for parameter in parameters {
            offsets.append(bytes.count)
            nulls.append(parameter == .null)
            switch parameter {
            case .null: types.append(0)  // the server infers the type of a NULL
            case .int(let value): append(value.bigEndian, type: Self.int8)
            case .double(let value): append(value.bitPattern.bigEndian, type: Self.float8)
            case .text(let value):
                bytes += value.utf8
                types.append(Self.text)
            }
            lengths.append(Int32(bytes.count - offsets.last!))
        }
        bytes.append(0)  // never an empty buffer
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T, type: Oid) {
        withUnsafeBytes(of: value) { bytes += $0 }
        types.append(type)
    }

    /// Calls `body` with the arrays `PQexecParams` takes (a nil value for NULL, every value binary).
    func withPointers<R>(
        _ body: (
            UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        let formats = [Int32](repeating: 1, count: types.count)
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.indices.map { nulls[$0] ? nil : base + offsets[$0] }
            return body(types, values, lengths, formats)
        }
    }
}
