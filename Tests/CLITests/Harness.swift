// The process-spawning harness (Sandbox, Spawned, CLIResult, Paths) lives in Tests/Support,
// shared with the end-to-end tests; re-exported here so every CLI test file sees it.
@_exported import BatonTestSupport
import Foundation

extension Data {
    /// Whether the ESC byte (0x1B) appears anywhere.
    var containsEscape: Bool { contains(0x1B) }
}
