import BatonCore
import Foundation
import Testing

@testable import BatonStore

@Suite("Several writers on one board")
struct ConcurrencyTests {
    @Test("8 threads with their own stores add 50 items each and nothing is lost", arguments: TestEngine.allCases)
    func eightWriters(_ engine: TestEngine) throws {
        let shared = try TestBoard(engine)
        _ = try shared.create()
        let writers = 8, each = 50
        let failures = Collector()
        let created = Collector()
        let done = DispatchGroup()
        for writer in 0..<writers {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    let store = try shared.open()
                    let actor = Actor(account: "writer\(writer)", member: 1)
                    for index in 0..<each {
                        let stage = [Fixed.backlog, Fixed.ready][index % 2]
                        let applied = try store.apply(
                            .addItem(NewItem(title: "W\(writer) item \(index)", stage: stage)), by: actor)
                        created.add("\(applied.change.createdItem ?? -1)")
                    }
                } catch {
                    failures.add("writer \(writer): \(error)")
                }
            }
            thread.start()
        }
        done.wait()
        #expect(failures.all == [])

        let store = try shared.open(.readOnly)
        let board = try store.loadBoard()
        let total = writers * each
        #expect(board.items.count == total)
        #expect(board.items.keys.sorted() == Array(1...total))
        #expect(board.nextItemNumber == total + 1)
        #expect(Set(created.all) == Set((1...total).map(String.init)), "each writer was told a distinct number")

        let events = try store.events()
        #expect(events.map(\.seq) == Array(1...events.count))
        let creations = events.filter { $0.change.kind == .itemCreated }
        #expect(creations.count == total)
        #expect(Set(creations.compactMap(\.change.item)) == Set(1...total))
        for writer in 0..<writers {
            #expect(creations.filter { $0.account == "writer\(writer)" }.count == each)
        }
        // Each writer's own items keep their order in each stage, and positions stay unique.
        for stage in [Fixed.backlog, Fixed.ready] {
            let titles = board.openItems(in: stage).map(\.title)
            #expect(titles.count == total / 2)
            for writer in 0..<writers {
                let mine = titles.filter { $0.hasPrefix("W\(writer) ") }.map { Int($0.split(separator: " ").last!)! }
                #expect(mine == mine.sorted() && mine.count == each / 2)
            }
        }
        #expect(try store.check() == [])
    }

    @Test("stale reads across stores turn into conflicts, never into lost edits", arguments: TestEngine.allCases)
    func racingEdits(_ engine: TestEngine) throws {
        let shared = try TestBoard(engine)
        let setup = try shared.create()
        try setup.apply(.addItem(NewItem(title: "Contested")), by: Fixed.asAna, at: Fixed.at(1))
        let outcomes = Collector()
        let done = DispatchGroup()
        for writer in 0..<8 {
            done.enter()
            Thread {
                defer { done.leave() }
                do {
                    let store = try shared.open()
                    for round in 0..<25 {
                        let seen = try store.item(1)?.revision ?? 0
                        do {
                            try store.apply(
                                .editItem(1, ItemPatch(notes: "w\(writer) r\(round)"), basedOn: seen),
                                by: Actor(account: "w\(writer)", member: 1))
                            outcomes.add("ok")
                        } catch let error as BatonError where error.category == .conflict {
                            outcomes.add("conflict")
                        }
                    }
                } catch {
                    outcomes.add("error: \(error)")
                }
            }.start()
        }
        done.wait()
        let results = outcomes.all
        #expect(results.allSatisfy { $0 == "ok" || $0 == "conflict" }, "\(results.filter { $0.hasPrefix("error") })")
        let successes = results.filter { $0 == "ok" }.count
        #expect(successes >= 1)
        // Every accepted edit is one revision and one event; none was silently overwritten.
        let item = try #require(try setup.item(1))
        #expect(item.revision == 1 + successes)
        #expect(try setup.events(item: 1).filter { $0.change.kind == .itemEdited }.count == successes)
    }
}
