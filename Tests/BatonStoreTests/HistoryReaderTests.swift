import BatonCore
import Foundation
import Testing

@testable import BatonStore

/// The flow steps read on a thread: the same as reading them at once, signalled on the pipe.
@Suite struct HistoryReaderTests {
    @Test func theStepsReadInTheBackgroundAreTheHistorysAndThePipeSaysWhen() throws {
        let folder = try TempFolder()
        var mirror = try Fixed.newBoard()
        let store = try folder.newBoard(board: mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let reader = HistoryReader(pipe: (ends[0], ends[1]))
        #expect(reader.take() == nil, "nothing before it starts")
        reader.start(store)
        var poller = pollfd(fd: reader.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&poller, 1, 10_000) == 1, "the pipe never became readable")
        let snapshot = try #require(reader.take())
        #expect(snapshot.steps == FlowStep.steps(from: try store.events()))
        #expect(snapshot.lastSeq == (try store.events().last?.seq))
        #expect(reader.take() == nil, "taken once")
    }

    @Test func withoutAPipeItNeverReads() throws {
        let folder = try TempFolder()
        let store = try folder.newBoard(board: try Fixed.newBoard())
        let reader = HistoryReader(pipe: nil)
        reader.start(store)
        #expect(reader.descriptor == -1)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(reader.take() == nil)
    }
}
