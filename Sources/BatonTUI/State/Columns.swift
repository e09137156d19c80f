import BatonCore

/// How the cards of each stage are grouped: not at all, by the outcome they serve, or by kind.
/// Whenever lanes are on, expedite items form a lane of their own at the top.
public enum LaneMode: String, CaseIterable, Sendable {
    case none, outcome, kind

    /// The next mode in the cycle none → outcome → kind → none.
    public var next: LaneMode {
        let all = LaneMode.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A lane: its place from the top and its title.
public struct Lane: Equatable, Sendable {
    public var rank: Int
    public var title: String
}

extension AppState {
    /// The lane an item belongs to under the current lane mode, `nil` when lanes are off.
    public func lane(of item: Item) -> Lane? {
        switch lanes {
        case .none: return nil
        case _ where item.expedite: return Lane(rank: 0, title: "⚡ Expedite")
        case .outcome:
            guard let id = item.outcome, let index = storedBoard.outcomes.firstIndex(where: { $0.id == id }) else {
                return Lane(rank: Int.max, title: "No outcome")
            }
            return Lane(rank: 1 + index, title: "→\(id) \(storedBoard.outcomes[index].title)")
        case .kind:
            return Lane(rank: 1 + ItemKind.allCases.firstIndex(of: item.kind)!, title: item.kind.rawValue.capitalized)
        }
    }

    /// Column order: by lane (when lanes are on), then expedite first, then position.
    func precedes(_ a: Item, _ b: Item) -> Bool {
        if let la = lane(of: a), let lb = lane(of: b), la.rank != lb.rank { return la.rank < lb.rank }
        return Board.displayOrder(a, b)
    }

    /// Recomputes the visible items of every stage; call after the filter changes.
    public mutating func rebuildColumns() {
        laneLayout = nil
        var keys: [StageID: [(lane: Int, expedite: Bool, position: Int, number: ItemNumber)]] = [:]
        for item in storedBoard.items.values where !item.archived && filter.matches(item, in: storedBoard) {
            keys[item.stage, default: []].append((lane(of: item)?.rank ?? 0, item.expedite, item.position, item.number))
        }
        columns = keys.mapValues { column in
            column.sorted { a, b in
                if a.lane != b.lane { return a.lane < b.lane }
                return a.expedite != b.expedite ? a.expedite : a.position < b.position
            }.map(\.number)
        }
        archive = storedBoard.items.values.filter { $0.archived && filter.matches($0, in: storedBoard) }
            .sorted(by: Self.archivedLater).map(\.number)
        archiveIndex = min(archiveIndex, max(0, archive.count - 1))
    }

    /// The archive's order: the item archived (last changed) later first, then the higher number.
    static func archivedLater(_ a: Item, _ b: Item) -> Bool {
        a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.number > b.number
    }

    /// Takes item `number` out of the archive list and puts it back in its place if it is
    /// archived and matches the filter.
    private mutating func updateArchive(_ number: ItemNumber, in board: Board) {
        archive.removeAll { $0 == number }
        defer { archiveIndex = min(archiveIndex, max(0, archive.count - 1)) }
        guard let item = board.items[number], item.archived, filter.matches(item, in: board) else { return }
        let place = archive.firstIndex { board.items[$0].map { Self.archivedLater(item, $0) } ?? true }
        archive.insert(number, at: place ?? archive.count)
    }

    /// Takes the catalog, the statistics it holds and the items `changed` from `slice` (a store
    /// slice: only some items, statistics of some stages), keeping every other item. The items
    /// are updated in place, so a save costs the same on any board size and never copies it.
    public mutating func merge(_ slice: Board, changed items: some Sequence<ItemNumber>) {
        let numbers = Set(items)
        var all = storedBoard.items
        storedBoard.items = [:]
        var before: [ItemNumber: Item] = [:]
        for number in numbers {
            before[number] = all[number]
            if let item = slice.items[number] { all[number] = item }
        }
        var new = slice
        new.items = all
        new.stats = storedBoard.stats.merging(slice.stats) { _, saved in saved }
        let old = storedBoard
        storedBoard = new
        updateColumns(from: old, before: before, changed: numbers)
    }

    /// Moves the changed items between columns; `old` is the board before (its catalog at least).
    private mutating func updateColumns(from old: Board, before: [ItemNumber: Item], changed numbers: Set<ItemNumber>) {
        let new = storedBoard
        laneLayout = nil
        let catalogMatters = !filter.isEmpty && (old.members != new.members || old.outcomes != new.outcomes)
        guard old.stages.map(\.id) == new.stages.map(\.id), !catalogMatters else { return rebuildColumns() }
        for number in numbers {
            if let before = before[number] { columns[before.stage]?.removeAll { $0 == number } }
            if before[number]?.archived == true || new.items[number]?.archived == true {
                updateArchive(number, in: new)
            }
            guard let item = new.items[number], !item.archived, filter.matches(item, in: new) else { continue }
            var column = columns[item.stage] ?? []
            var low = 0, high = column.count
            while low < high {
                let middle = (low + high) / 2
                if let other = new.items[column[middle]], precedes(other, item) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            column.insert(number, at: low)
            columns[item.stage] = column
        }
    }
}
