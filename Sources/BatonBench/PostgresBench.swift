import BatonHarness
import BatonStore
import Foundation

/// The PostgreSQL columns: a throwaway cluster of the benchmark's own listening on 127.0.0.1,
/// into which each run's board is copied from the workbench's file. The board is measured as a
/// file is (the full-screen board and the command line), then once more through a
/// `DelayProxy` that delays every chunk by 40 ms each way.
struct PostgresBench {
    let server: PostgresServer
    let database: String

    init() throws {
        do {
            server = try PostgresServer.dedicated(loopback: true)
            database = try server.database()
        } catch {
            throw BenchError(
                "PostgreSQL could not be started for the PostgreSQL column (\(error)); install it with scripts/install-deps.sh, or leave the column out with --no-postgres."
            )
        }
    }

    /// Every figure of one run on a copy of `workbench`'s board in the database.
    func measure(_ workbench: Workbench, run: Int, baton: String, presses: Int, idle: Double) throws -> [Metric: Double]
    {
        let name = "run\(run)_\(workbench.items)"
        let address = server.connectionString(database) + " board=\(name)"
        _ = try BoardStore.open(workbench.board, access: .readOnly).copy(to: address)
        var figures = try TUIScenario(
            baton: baton, board: address, workbench: workbench, presses: presses, idleSeconds: idle
        ).run()
        let cli = CLIScenario(baton: baton, board: address, scratch: address, environment: workbench.environment)
        figures.merge(try cli.run()) { $1 }
        let proxy = try DelayProxy(to: server, delay: 0.04)
        defer { proxy.stop() }
        let far = FarScenario(
            baton: baton, board: proxy.connectionString(database) + " board=\(name)", direct: address,
            presses: presses / 5, environment: workbench.environment)
        figures.merge(try far.run()) { $1 }
        return figures
    }

    /// Stops the server; its cluster is removed with it.
    func stop() { server.stop() }
}
