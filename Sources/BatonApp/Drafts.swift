import BatonTUI
import Foundation

/// Text someone was typing when the session ended without saving.
public struct Draft: Codable, Equatable, Sendable {
    public var board: String
    public var purpose: PromptPurpose
    public var text: String

    public init(board: String, purpose: PromptPurpose, text: String) {
        self.board = board
        self.purpose = purpose
        self.text = text
    }
}

/// Keeps drafts in a private file (mode 0600) under `$XDG_STATE_HOME/baton`, never in /tmp.
public struct DraftStore: Sendable {
    public let path: String

    /// The drafts file of the user whose environment this is.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        path = base + "/baton/drafts.json"
    }

    /// Saves the draft, replacing an older one for the same board.
    public func keep(_ draft: Draft) {
        var drafts = all().filter { $0.board != draft.board }
        drafts.append(draft)
        write(drafts)
    }

    /// The draft for `board`, removed from the file.
    public func take(board: String) -> Draft? {
        let drafts = all()
        guard let draft = drafts.first(where: { $0.board == board }) else { return nil }
        write(drafts.filter { $0.board != board })
        return draft
    }

    private func all() -> [Draft] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([Draft].self, from: data)) ?? []
    }

    private func write(_ drafts: [Draft]) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard let data = try? JSONEncoder().encode(drafts) else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        data.withUnsafeBytes { _ = Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
