import BatonCore
import Testing

@testable import BatonStore

/// Reading where a board lives in a database, and numbering the store's parameters for it.
@Suite("PostgreSQL addresses")
struct PostgresAddressTests {
    @Test("a URI keeps every libpq parameter and gives up only the board")
    func uri() throws {
        let address = try PostgresAddress("postgres://ana@db.example.org:5433/squads?sslmode=require&board=claims")
        #expect(address.conninfo == "postgres://ana@db.example.org:5433/squads?sslmode=require")
        #expect(address.board == "claims")
        let alone = try PostgresAddress("postgresql://db/squads?board=claims")
        #expect(alone.conninfo == "postgresql://db/squads")
        #expect(try PostgresAddress("postgres://db/squads").board == "main", "no board: the board called main")
    }

    @Test("a keyword connection string keeps its quoted values and gives up only the board")
    func keywords() throws {
        let address = try PostgresAddress("host=/run/pg dbname=squads board=payments application_name='baton tui'")
        #expect(address.conninfo == "host=/run/pg dbname=squads application_name='baton tui'")
        #expect(address.board == "payments")
        #expect(try PostgresAddress("service=squads board = 'it_ops'").board == "it_ops")
        #expect(try PostgresAddress("service=squads").board == "main")
    }

    @Test("only database addresses are taken for one; paths stay paths")
    func recognising() {
        #expect(PostgresAddress.isAddress("postgres://db/x"))
        #expect(PostgresAddress.isAddress("postgresql:///x"))
        #expect(PostgresAddress.isAddress("host=db dbname=x"))
        #expect(PostgresAddress.isAddress("service=squads"))
        #expect(!PostgresAddress.isAddress("board.baton"))
        #expect(!PostgresAddress.isAddress("/srv/boards/a=b.baton"))
        #expect(!PostgresAddress.isAddress("weird=name.baton"))
    }

    @Test("a board name that is not a plain identifier is refused in one sentence")
    func badNames() {
        for name in ["Claims", "1st", "has-dash", "", "a;drop", String(repeating: "a", count: 41), "ünï"] {
            let error = #expect(throws: BatonError.self) { try PostgresAddress("postgres://db/x?board=\(name)") }
            #expect(error?.message.contains("is not allowed") == true, "\(name)")
        }
        #expect(throws: BatonError.self) { try PostgresAddress("host=db dbname") }
    }

    @Test("the address is shown with its board and without a password")
    func description() throws {
        #expect(
            try PostgresAddress("postgres://ana:secret@db/x?board=claims").description
                == "postgres://ana@db/x?board=claims")
        #expect(
            try PostgresAddress("host=db password='s e' board=claims").description == "host=db password=… board=claims")
    }

    @Test("parameters are numbered in order, never inside quotes")
    func numbering() {
        #expect(
            PostgresDatabase.numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ? LIMIT ?")
                == "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2 LIMIT $3")
        #expect(PostgresDatabase.numbered("SELECT 1") == "SELECT 1")
    }
}
