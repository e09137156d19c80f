import Foundation

/// The PostgreSQL engine's `SQLDatabase`: a connection inside a transaction, with the store's
/// `?` parameters numbered as PostgreSQL wants them (`$1`, `$2` …).
///
/// A server may be a network away, so statements travel together: those that return no rows
/// wait and go with the next one that does, or with COMMIT; reads declared by `prefetched` go
/// all at once. A change thus costs two round trips: its reads, then its writes with COMMIT.
final class PostgresDatabase: SQLDatabase {
    let connection: PostgresConnection
    /// Statements that return no rows, not sent yet.
    private var waiting: [PostgresStatement] = []
    private var waitingBytes = 0
    /// Answers of prefetched reads not asked for yet, by statement.
    private var answers: [PostgresStatement: [PostgresRows]] = [:]
    private var prefetching = false
    /// Whether anything was sent, COMMIT was, and the server answered anything.
    private(set) var hasSent = false
    private var sentCommit = false
    private var heardBack = false

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    var dialect: SQLDialect { .postgres }

    /// Whether the work may be done again on a new connection after this one broke: the server
    /// answered nothing yet, and no COMMIT was on its way.
    var mayRetry: Bool { !heardBack && !sentCommit }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws {
        let statement = Self.statement(sql, arguments)
        waiting.append(statement)
        waitingBytes += statement.sql.utf8.count + statement.parameters.reduce(0) { $0 + $1.byteCount }
        // Bounded, so that neither side's buffers fill while the other is sending.
        if waiting.count >= 256 || waitingBytes >= 1 << 20 { _ = try send([]) }
    }

    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        let statement = Self.statement(sql, arguments)
        let rows = try prefetchedAnswer(to: statement) ?? send([statement])[0]
        for index in 0..<rows.count { try body(PostgresRow(rows: rows, index: index)) }
    }

    /// Runs `reads` with the answers of all its statements asked for in one round trip: it runs
    /// once against a stand-in that notes them (answering no rows), and again with the answers.
    /// A statement that depends on an earlier answer is sent when it comes; so are writes.
    func prefetched<T>(_ reads: (any SQLDatabase) throws -> T) throws -> T {
        guard !prefetching else { return try reads(self) }
        prefetching = true
        defer {
            prefetching = false
            answers = [:]
        }
        let plan = PlannedReads()
        _ = try? reads(plan)
        if !plan.wrote, !plan.statements.isEmpty {
            let rows = try send(plan.statements)
            for (statement, result) in zip(plan.statements, rows) { answers[statement, default: []].append(result) }
        }
        return try reads(self)
    }

    private func prefetchedAnswer(to statement: PostgresStatement) -> PostgresRows? {
        guard var rows = answers[statement], !rows.isEmpty else { return nil }
        let first = rows.removeFirst()
        answers[statement] = rows
        return first
    }

    /// Runs a script of several statements without parameters (a schema), after those waiting.
    func script(_ sql: String) throws {
        try flush()
        hasSent = true
        try connection.execute(sql)
        heardBack = true
    }

    /// Sends what waits, with COMMIT, and waits for the server to confirm it: unless `waiting` is
    /// false and nothing waits (a transaction that only read, whose end cannot fail).
    func commit(waiting mustWait: Bool) throws {
        sentCommit = true
        guard mustWait || !waiting.isEmpty else { return try connection.post("COMMIT") }
        _ = try send([PostgresStatement(sql: "COMMIT", parameters: [])])
    }

    /// Sends what waits.
    func flush() throws {
        if !waiting.isEmpty { _ = try send([]) }
    }

    /// Sends what waits, then `statements`; returns the answers to `statements`.
    private func send(_ statements: [PostgresStatement]) throws -> [PostgresRows] {
        let all = waiting + statements
        waiting = []
        waitingBytes = 0
        hasSent = true
        let rows = try connection.pipeline(all)
        heardBack = true
        return Array(rows.suffix(statements.count))
    }

    static func statement(_ sql: String, _ arguments: [any SQLArgument]) -> PostgresStatement {
        PostgresStatement(sql: numbered(sql), parameters: arguments.map(\.sqlValue))
    }

    /// Tables live in the board's schema, which is first on the connection's search path.
    func tableExists(_ name: String) throws -> Bool {
        try int(Self.tableQuery, [name]) == 1
    }

    static let tableQuery = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2` … in order.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// One row of a PostgreSQL result.
struct PostgresRow: SQLRow {
    let rows: PostgresRows
    let index: Int

    func int64(_ column: Int32) -> Int64 { rows.optionalInt(index, column) ?? 0 }

    func double(_ column: Int32) -> Double { rows.optionalDouble(index, column) ?? 0 }

    func isNull(_ column: Int32) -> Bool { rows.isNull(index, column) }

    func optionalText(_ column: Int32) -> String? { rows.optionalText(index, column) }

    func value(_ column: Int32) -> SQLValue {
        if isNull(column) { return .null }
        switch rows.kind(of: column) {
        case .integer: return .int(int64(column))
        case .real: return .double(double(column))
        case .text: return .text(optionalText(column) ?? "")
        }
    }
}

/// Stands in for the database while `PostgresDatabase.prefetched` learns which statements its
/// reads send: answers no rows, and notes whether they would write.
private final class PlannedReads: SQLDatabase {
    private(set) var statements: [PostgresStatement] = []
    private(set) var wrote = false

    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws { wrote = true }

    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        statements.append(PostgresDatabase.statement(sql, arguments))
    }

    func tableExists(_ name: String) throws -> Bool {
        try forEach(PostgresDatabase.tableQuery, [name]) { _ in }
        return true
    }
}
