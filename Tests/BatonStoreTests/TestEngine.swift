import BatonCore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// The engines the store suite runs on: a board file, and a board in a database of the test's
/// own PostgreSQL server.
enum TestEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }
}

/// Where one test's board lives, on either engine: made with `create`, opened again with `open`.
/// It never changes once made, so threads may share it.
final class TestBoard: @unchecked Sendable {
    let engine: TestEngine
    /// The file's path or the database address, as `BoardStore.open` takes it.
    let location: String
    /// The temporary folder that holds the board file (empty for a board in a database).
    let folder: TempFolder

    /// The database of a board on PostgreSQL, as a libpq connection string without the board.
    private let database: String?

    /// The name of the database that holds the board (nil for a file).
    var databaseName: String? {
        database.flatMap { $0.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) } }
    }

    init(_ engine: TestEngine) throws {
        self.engine = engine
        folder = try TempFolder()
        switch engine {
        case .sqlite:
            database = nil
            location = folder.file("board.baton")
        case .postgres:
            let server = try PostgresServer.shared.get()
            database = server.connectionString(try server.database())
            location = database! + " board=squad"
        }
    }

    private init(_ engine: TestEngine, location: String, folder: TempFolder, database: String?) {
        self.engine = engine
        self.location = location
        self.folder = folder
        self.database = database
    }

    /// Another board next to this one: a file in the same folder, or a board in the same database.
    func another(_ name: String) -> TestBoard {
        TestBoard(
            engine, location: database.map { "\($0) board=\(name)" } ?? folder.file("\(name).baton"), folder: folder,
            database: database)
    }

    /// Makes the board, holding `board` (by default `Fixed.newBoard()`), created by Ana at `Fixed.t0`.
    func create(_ board: Board? = nil) throws -> BoardStore {
        try BoardStore.create(location, board: board ?? Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0)
    }

    /// Another session on the board.
    func open(_ access: BoardStore.Access = .readWrite) throws -> BoardStore {
        try BoardStore.open(location, access: access)
    }
}
