import ArgumentParser
import BatonCore

/// An item number as people write it: `42` or `#42`.
struct ItemRef: ExpressibleByArgument {
    let number: ItemNumber

    init?(argument: String) {
        let digits = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        guard let number = Int(digits), number > 0 else { return nil }
        self.number = number
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// A value that can also be `none`, to clear a field.
enum Clearable<Value: ExpressibleByArgument>: ExpressibleByArgument {
    case value(Value)
    case none

    init?(argument: String) {
        if argument.lowercased() == "none" {
            self = .none
            return
        }
        guard let value = Value(argument: argument) else { return nil }
        self = .value(value)
    }

    /// The value, or `nil` for `none`.
    var optional: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ItemKind: ExpressibleByArgument {}
extension StageRole: ExpressibleByArgument {}
extension Discipline: ExpressibleByArgument {}
extension ReorderStep: ExpressibleByArgument {}
