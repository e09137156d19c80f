// The harness (Sandbox, Spawned, CLIResult, Paths, PostgresServer, DelayProxy) lives in
// Tests/Harness, which the benchmark can use too; every test that imports BatonTestSupport sees it.
@_exported import BatonHarness
