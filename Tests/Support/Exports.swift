// The process-running harness (Sandbox, Spawned, CLIResult, Paths, PostgresServer)
// lives in Tests/Harness, which the benchmark can use too; every test that imports BatonTestSupport
// sees it too.
@_exported import BatonHarness
