import BatonCore

/// The board with swimlanes: each lane a band across the stages, under a header that spans them.
enum LaneView {
    static func draw(_ s: AppState, _ layout: BoardLayout, _ frame: inout Frame) {
        let lanes = s.laneLayout.flatMap { $0.fits(s) ? $0 : nil } ?? LaneLayout(s, layout)
        let top = layout.bodyTop, bottom = layout.bodyTop + layout.bodyHeight
        let selected = s.currentItem?.number
        for band in lanes.bands {
            let headerY = top + band.top - s.laneScroll
            if headerY >= bottom { break }
            if headerY + band.height <= top { continue }
            if headerY >= top { header(band.lane, y: headerY, width: layout.width, &frame) }
            for (column, cards) in band.cards.enumerated() {
                let x = layout.columnX(column), width = layout.width(ofColumn: column) - 1
                for card in cards {
                    let y = headerY + 1 + card.row
                    guard y >= top, y < bottom, let item = s.board.items[card.number] else { continue }
                    _ = CardView.draw(
                        item, CardLayout(item: item, width: width), s, x: x, y: y, width: width, bottom: bottom,
                        selected: item.number == selected, &frame)
                }
            }
        }
        if lanes.bands.isEmpty { frame.put(s.filter.isEmpty ? " (empty)" : " (none match)", x: 0, y: top, role: .dim) }
    }

    /// `── ⚡ Expedite ─────────` across the whole board.
    static func header(_ lane: Lane, y: Int, width: Int, _ frame: inout Frame) {
        let title = "── " + DisplayText.sanitize(lane.title) + " "
        let cut = DisplayText.truncate(title, to: width)
        frame.put(
            cut + String(repeating: "─", count: max(0, width - DisplayText.width(of: cut))), x: 0, y: y, role: .label)
    }
}
