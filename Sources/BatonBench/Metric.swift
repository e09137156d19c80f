/// Everything the benchmark measures, with its unit and its budget (DESIGN §7, or the project's
/// own where the design sets none).
enum Metric: String, CaseIterable, Codable {
    case firstFrame, firstFrameBytes
    case selectMedian, selectP95, selectBytes, selectBytesP95
    case moveMedian, moveP95, moveBytes
    case detailMedian, detailP95, outcomesMedian, outcomesP95
    case propagationMedian, propagationP95
    case peakMemory, idleCPU
    case showTime, exportTime, checkTime
    case storeWrites, oneWriter, eightWriters

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

    var budget: Double? {
        switch self {
        case .firstFrame: 50
        case .selectMedian, .moveMedian, .detailMedian, .outcomesMedian: 2
        case .selectP95, .moveP95, .detailP95, .outcomesP95: 5
        case .selectBytes, .selectBytesP95: 150
        case .propagationMedian, .propagationP95: 300
        case .peakMemory: 40
        case .idleCPU: 0.5
        case .showTime, .checkTime: 300
        case .exportTime: 1000
        case .storeWrites: 100
        case .oneWriter, .eightWriters: 20
        case .firstFrameBytes, .moveBytes: nil
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
