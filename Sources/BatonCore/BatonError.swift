/// What sort of failure an error is; the command line maps each to a sysexits-style exit code.
public enum ErrorCategory: Int32, Sendable {
    /// The command was used wrongly (64).
    case usage = 64
    /// The data given or found is not acceptable (65).
    case data = 65
    /// There is no board where one was expected (66).
    case noBoard = 66
    /// Reading or writing failed (74).
    case io = 74
    /// The board was busy, or someone else changed the same thing first (75).
    case conflict = 75
    /// The account may not do this (77).
    case permission = 77
    /// The terminal cannot show the full-screen board: an unknown `TERM`, or one that cannot move
    /// the cursor (69).
    case terminal = 69
}

/// Every failure baton reports to a person: one sentence naming what is wrong and what to do.
public struct BatonError: Error, Equatable, Sendable, CustomStringConvertible {
    public var category: ErrorCategory
    public var message: String

    public init(_ category: ErrorCategory, _ message: String) {
        self.category = category
        self.message = message
    }

    public var description: String { message }

    /// A command used wrongly (exit code 64).
    public static func usage(_ message: String) -> BatonError { BatonError(.usage, message) }
    /// Bad input data (exit code 65).
    public static func data(_ message: String) -> BatonError { BatonError(.data, message) }
    /// A stale revision or lost race (exit code 75).
    public static func conflict(_ message: String) -> BatonError { BatonError(.conflict, message) }
}
