/// Where the measured board is kept.
enum Backend: String, Codable {
    /// A board file.
    case file
    /// A board in PostgreSQL, a throwaway cluster of the benchmark's own on 127.0.0.1.
    case postgres
}

/// Everything the benchmark measures, with its unit and its budget (DESIGN §7, or the project's
/// own where the design sets none). The `far…` figures are of a board in PostgreSQL reached
/// through a proxy that delays every chunk by 40 ms each way.
enum Metric: String, CaseIterable, Codable {
    case firstFrame, firstFrameBytes
    case selectMedian, selectP95, selectBytes, selectBytesP95
    case moveMedian, moveP95, moveBytes
    case detailMedian, detailP95, outcomesMedian, outcomesP95
    case propagationMedian, propagationP95
    case peakMemory, idleCPU
    case showTime, exportTime, checkTime
    case storeWrites, oneWriter, eightWriters
    case farSelectMedian, farSelectP95, farMoveMedian, farMoveP95, farSavedMedian, farSavedP95

    var label: String {
        switch self {
        case .firstFrame: "start to first complete frame"
        case .firstFrameBytes: "bytes for the first frame"
        case .selectMedian: "move selection: key to frame, median"
        case .selectP95: "move selection: key to frame, 95th pct"
        case .selectBytes: "move selection: bytes, median"
        case .selectBytesP95: "move selection: bytes, 95th pct"
        case .moveMedian: "move item: key to frame, median"
        case .moveP95: "move item: key to frame, 95th pct"
        case .moveBytes: "move item: bytes, median"
        case .detailMedian: "open detail: key to frame, median"
        case .detailP95: "open detail: key to frame, 95th pct"
        case .outcomesMedian: "open outcomes: key to frame, median"
        case .outcomesP95: "open outcomes: key to frame, 95th pct"
        case .propagationMedian: "other writer's change drawn, median"
        case .propagationP95: "other writer's change drawn, 95th pct"
        case .peakMemory: "peak resident memory"
        case .idleCPU: "CPU while idle (10 s)"
        case .showTime: "baton show"
        case .exportTime: "baton export --format json"
        case .checkTime: "baton check"
        case .storeWrites: "store writes, one process"
        case .oneWriter: "CLI writes, one writer"
        case .eightWriters: "CLI writes, 8 concurrent writers"
        case .farSelectMedian: "40 ms away: move selection, key to frame, median"
        case .farSelectP95: "40 ms away: move selection, key to frame, 95th pct"
        case .farMoveMedian: "40 ms away: move item, key to frame, median"
        case .farMoveP95: "40 ms away: move item, key to frame, 95th pct"
        case .farSavedMedian: "40 ms away: move item, key to committed, median"
        case .farSavedP95: "40 ms away: move item, key to committed, 95th pct"
        }
    }

    var unit: String {
        switch self {
        case .firstFrameBytes, .selectBytes, .selectBytesP95, .moveBytes: "bytes"
        case .peakMemory: "MB"
        case .idleCPU: "% core"
        case .storeWrites, .oneWriter, .eightWriters: "writes/s"
        default: "ms"
        }
    }

    /// Throughputs must reach their budget; everything else must stay within it.
    var higherIsBetter: Bool { [.storeWrites, .oneWriter, .eightWriters].contains(self) }

    /// The budget on `backend`: PostgreSQL on loopback may take 100 ms to the first frame and
    /// must draw another writer's change within 50 ms; the rest is the same on both.
    func budget(on backend: Backend) -> Double? {
        switch (self, backend) {
        case (.firstFrame, .postgres): 100
        case (.propagationMedian, .postgres), (.propagationP95, .postgres): 50
        default: fileBudget
        }
    }

    private var fileBudget: Double? {
        switch self {
        case .firstFrame: 50
        case .selectMedian, .moveMedian, .detailMedian, .outcomesMedian, .farSelectMedian, .farMoveMedian: 2
        case .selectP95, .moveP95, .detailP95, .outcomesP95, .farSelectP95, .farMoveP95: 5
        case .selectBytes, .selectBytesP95: 150
        case .propagationMedian, .propagationP95: 300
        case .peakMemory: 40
        case .idleCPU: 0.5
        case .showTime, .checkTime: 300
        case .exportTime: 1000
        case .storeWrites: 100
        case .oneWriter, .eightWriters: 20
        case .firstFrameBytes, .moveBytes, .farSavedMedian, .farSavedP95: nil
        }
    }
}

/// The middle value and percentiles of a list of measurements.
extension Array where Element == Double {
    func percentile(_ fraction: Double) -> Double {
        guard !isEmpty else { return .nan }
        let sorted = self.sorted()
        let rank = fraction * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }

    var median: Double { percentile(0.5) }
}

extension Dictionary where Key == Metric, Value == Double {
    /// Records the median of `values` as `median` and their 95th percentile as `p95`.
    mutating func record(_ values: [Double], median: Metric, p95: Metric) {
        self[median] = values.median
        self[p95] = values.percentile(0.95)
    }
}
