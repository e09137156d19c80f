import Foundation

/// The real Unix account running baton, from `getuid`, never from `$USER`.
public enum SystemAccount {
    /// The login name of the real user, or `uid N` when the account has no name.
    public static func current() -> String {
        let uid = getuid()
        var record = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(uid, &record, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = record.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    /// The full name from the account's GECOS field, or the login when there is none.
    public static func fullName() -> String {
        var record = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(getuid(), &record, &buffer, buffer.count, &result) == 0, result != nil,
            let gecos = record.pw_gecos
        else { return current() }
        let name = String(cString: gecos).split(separator: ",").first.map(String.init) ?? ""
        return name.isEmpty ? current() : name
    }
}
