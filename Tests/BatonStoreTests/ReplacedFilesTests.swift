import BatonCore
import Foundation
import Testing

@testable import BatonStore

/// A store whose -wal or -shm was deleted under it never writes again, and what it wrote before
/// is in the board file itself. (A board replaced under an open session: EndToEnd's
/// CollaborationTests and FaultTests' FaultSidecarTests, which need separate processes.)
@Suite("Files replaced under an open store")
struct ReplacedFilesTests {
    @Test(
        "deleting the -wal or -shm stops the store's writes, and what it acknowledged is in the board file",
        arguments: ["-wal", "-shm"])
    func sidecarDeleted(suffix: String) throws {
        let folder = try TempFolder()
        let path = folder.file("board.baton")
        let store = try folder.newBoard()
        try store.apply(.addItem(NewItem(title: "Before")), by: Fixed.asAna, at: Fixed.at(1))
        #expect(store.isFileStillThere)
        #expect(unlink(path + suffix) == 0)
        #expect(!store.isFileStillThere)
        #expect(throws: BatonError.self) {
            try store.apply(.addItem(NewItem(title: "Into a deleted file")), by: Fixed.asAna, at: Fixed.at(2))
        }
        // The board file alone, without the -wal, holds the acknowledged item (it was checkpointed).
        let copy = folder.file("copy.baton")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try BoardStore.open(copy).loadBoard().items.values.map(\.title) == ["Before"])
    }
}
