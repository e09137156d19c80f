import BatonTestSupport
import Foundation
import Testing

/// Locales whose character set is not UTF-8: baton falls back to UTF-8 for its own drawing
/// (C.UTF-8), so wide and accented text still has its width and the borders stay put.
@Suite("odd terminals: locales")
struct TerminalLocaleTests {
    @Test(.timeLimit(.minutes(1)), arguments: ["C", "POSIX", "en_US.ISO-8859-1"])
    func aLocaleThatIsNotUTF8StillGivesAUsableBoard(locale: String) throws {
        try #require(
            try Self.available(locale), "the locale \(locale) is missing; scripts/install-deps.sh generates it")
        try expectUsableBoard(env: ["LC_ALL": locale, "LANG": locale], adding: "Ünïcödé ✓ 看")
    }

    /// Whether `locale -a` lists the locale (C and POSIX always exist).
    static func available(_ locale: String) throws -> Bool {
        guard locale.contains(".") else { return true }
        let tool = try #require(Paths.tool("locale"))
        let listed = try Sandbox(prefix: "baton-locale").run(tool, ["-a"]).lines.map { $0.lowercased() }
        let wanted = locale.lowercased().replacingOccurrences(of: "-", with: "")
        return listed.contains { $0.replacingOccurrences(of: "-", with: "") == wanted }
    }
}
