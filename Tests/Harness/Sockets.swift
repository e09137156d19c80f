import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The few socket calls of the harness: a listener on 127.0.0.1, its port and connections, a
/// connection to a Unix socket, and sending without SIGPIPE.
enum Sockets {
    /// A TCP socket listening on 127.0.0.1, on a port the system chooses.
    static func listenOnLoopback() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw CLIError.socketFailed("Making a TCP socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 64) == 0 else {
            let code = errno
            close(socket)
            throw CLIError.socketFailed("Listening on 127.0.0.1", code)
        }
        return socket
    }

    /// The port a socket is bound to.
    static func port(of socket: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard found == 0 else { throw CLIError.socketFailed("Reading a socket's port", errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port on 127.0.0.1 that nothing listens on now (the system's choice, let go at once).
    static func freeLoopbackPort() throws -> Int {
        let socket = try listenOnLoopback()
        defer { close(socket) }
        return try port(of: socket)
    }

    /// A connection to the Unix socket at `path`.
    static func connect(unixSocket path: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CLIError.socketFailed("Connecting to \(path) (a path too long for a Unix socket)", ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw CLIError.socketFailed("Making a Unix socket", errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(socket)
            throw CLIError.socketFailed("Connecting to \(path)", code)
        }
        return socket
    }

    /// The next connection to `listener` (-1 with errno set when there is none), closed on exec
    /// and sending small writes at once (Nagle's algorithm would hold them for an
    /// acknowledgement, up to 40 ms).
    static func accept(_ listener: Int32) -> Int32 {
        let socket = Glibc.accept(listener, nil, nil)
        guard socket >= 0 else { return socket }
        _ = fcntl(socket, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return socket
    }

    /// Sends all of `bytes`; false when the other end has gone (never SIGPIPE).
    static func send(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
