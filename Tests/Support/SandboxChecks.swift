import BatonHarness
import Foundation
import Testing

/// The sandbox's steps that stop a test at once when baton fails or answers what is not JSON.
extension Sandbox {
    /// Runs baton and requires exit 0, so that setup steps fail loudly.
    @discardableResult
    public func ok(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> CLIResult
    {
        let result = try baton(arguments, stdin: stdin)
        try #require(
            result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
            sourceLocation: sourceLocation)
        return result
    }

    /// A sandbox with `baton init` (or `init --sample`) done in its root.
    public static func withBoard(sample: Bool = false, prefix: String = "baton-cli") throws -> Sandbox {
        let box = try Sandbox(prefix: prefix)
        let result = try box.baton(sample ? ["init", "--sample", "--name", "Squad"] : ["init", "--name", "Squad"])
        try #require(result.status == 0, "init failed: \(result.transcript)")
        return box
    }

    /// Runs a `--json` command and parses its standard output.
    public func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        try json(arguments, sourceLocation: sourceLocation)
    }

    /// Runs a `--json` command, its arguments as a list, and parses its standard output.
    public func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let result = try baton(arguments)
        try #require(
            result.status == 0, "baton \(arguments.joined(separator: " ")) failed: \(result.transcript)",
            sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: result.stdoutData)
    }

    /// Runs a `--json` command whose output is an array of objects, and parses it.
    public func jsonArray(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String:
        Any]]
    {
        try jsonArray(arguments, sourceLocation: sourceLocation)
    }

    /// `jsonArray` with the arguments as a list.
    public func jsonArray(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String:
        Any]]
    {
        let value = try json(arguments, sourceLocation: sourceLocation)
        return try #require(
            value as? [[String: Any]], "not a JSON array of objects: \(value)", sourceLocation: sourceLocation)
    }

    /// The stages of `show --json`, each with its items.
    public func shownStages(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let board = try jsonObject("show", "--json", sourceLocation: sourceLocation)
        return try #require(
            board["stages"] as? [[String: Any]], "show --json has no stages", sourceLocation: sourceLocation)
    }

    /// Runs a `--json` command whose output is an object, and parses it.
    public func jsonObject(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String:
        Any]
    {
        let value = try json(arguments, sourceLocation: sourceLocation)
        return try #require(value as? [String: Any], "not a JSON object: \(value)", sourceLocation: sourceLocation)
    }

    /// The item with this number, from `item show N --json`.
    public func item(_ number: Int) throws -> [String: Any] { try jsonObject("item", "show", "\(number)", "--json") }
}
