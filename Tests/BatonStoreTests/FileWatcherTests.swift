import Foundation
import Glibc
import Testing

@testable import BatonStore

/// The inotify watch behind the change feed: the board file, its `-wal`, and their folder.
@Suite struct FileWatcherTests {
    private func temporaryBoard() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("board.baton").path
        try Data("start".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    @Test func writeIsSeenThenIdle() throws {
        let path = try temporaryBoard()
        let watcher = FileWatcher(path: path)
        try #require(watcher.descriptor >= 0)
        #expect(watcher.drain() == false)
        try append("more", to: path)
        var polled = pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&polled, 1, 1000) == 1, "the watch wakes a poll")
        #expect(watcher.drain() == true)
        #expect(watcher.drain() == false)
    }

    @Test func walFileCreatedLaterIsWatched() throws {
        let path = try temporaryBoard()
        let watcher = FileWatcher(path: path)
        try Data().write(to: URL(fileURLWithPath: path + "-wal"))
        #expect(watcher.drain() == true)
        try append("frame", to: path + "-wal")
        #expect(watcher.drain() == true)
        #expect(watcher.drain() == false)
    }

    @Test func otherFilesInTheFolderAreIgnored() throws {
        let path = try temporaryBoard()
        let watcher = FileWatcher(path: path)
        try Data("x".utf8).write(to: URL(fileURLWithPath: path + ".other"))
        #expect(watcher.drain() == false)
    }

    @Test func replacedFileIsStillWatched() throws {
        let path = try temporaryBoard()
        let watcher = FileWatcher(path: path)
        try Data("new".utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
        #expect(rename(path + ".tmp", path) == 0)
        #expect(watcher.drain() == true)
        try append("again", to: path)
        #expect(watcher.drain() == true)
    }
}
