/// The `NO_COLOR` convention: when the variable is set and not empty, nothing is drawn or
/// printed in colour. The one place that reads it.
public enum NoColour {
    /// True when `environment` asks for no colours.
    public static func isRequested(in environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
