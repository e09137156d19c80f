import BatonCore
import BatonTUI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The user's own editor (`$VISUAL`, else `$EDITOR`), run on a private temporary file with the
/// terminal handed over to it, the way `git commit` does.
public struct ExternalEditor: Sendable {
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The editor's command line, run by the shell so that one such as `code --wait` works.
    var command: String? {
        [environment["VISUAL"], environment["EDITOR"]].lazy.compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
    }

    /// The temporary file's name for text written for `purpose`: the item and what it is,
    /// with an ending that tells editors it is Markdown (notes, comments) or plain text.
    static func fileName(for purpose: PromptPurpose) -> String {
        let item = purpose.item.map { "-\($0)" } ?? ""
        switch purpose {
        case .editNotes: return "baton\(item)-notes.md"
        case .comment: return "baton\(item)-comment.md"
        case .editTitle, .newItem: return "baton\(item)-title.txt"
        default: return "baton\(item)-text.txt"
        }
    }

    /// Lets the editor change `text` in a file called `name` in a folder only this account may
    /// read, and returns what it saved; a failure says why in one sentence, and nothing changes.
    public func edit(_ text: String, name: String) -> Result<String, BatonError> {
        guard let command else {
            return .failure(
                BatonError(
                    .usage,
                    "Neither $VISUAL nor $EDITOR is set; set one to your editor (export VISUAL=vim) to write here in it."
                ))
        }
        var template = Array((NSTemporaryDirectory() + "/baton-edit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            return .failure(BatonError(.io, "No private temporary folder could be made for the editor; check $TMPDIR."))
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/" + name
        guard
            FileManager.default.createFile(
                atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return .failure(BatonError(.io, "The text could not be written for the editor in \(folder).")) }
        let status = Self.run(command, on: file)
        let program = command.split(separator: " ").first.map { ($0 as NSString).lastPathComponent } ?? command
        guard status == 0 else {
            return .failure(
                BatonError(.io, "The editor (\(program)) ended with status \(status); nothing was changed."))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(BatonError(.io, "The editor (\(program)) left no file behind; nothing was changed."))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    /// Runs `sh -c 'COMMAND "$1"' FILE` on this terminal and waits for it; its exit status, or
    /// 127 when it could not start, or 128 plus the signal that ended it.
    static func run(_ command: String, on file: String) -> Int32 {
        let arguments = ["/bin/sh", "-c", command + " \"$1\"", "baton-editor", file]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The editor gets the signals' usual meanings, whatever baton ignores or catches.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGPIPE, SIGXFSZ, SIGWINCH, SIGCONT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
