import BatonTUI
import CNcursesw

/// Curses attributes and colour pair of one role.
struct CellStyle {
    var attributes: attr_t
    var pair: Int16
}

extension Screen {
    /// Shows `frame` styled by `theme`: writes the cells that changed since the last frame,
    /// places or hides the cursor, then one `wnoutrefresh` + `doupdate` (curses sends only
    /// what differs). Cells beyond the window are clipped; a wide character that would be cut
    /// by the right edge becomes a space.
    public func draw(_ frame: Frame, theme: Theme) {
        guard isRunning, let window else { return }
        if stylesTheme != theme { prepareStyles(theme) }
        if let old = previous, old.width != frame.width || old.height != frame.height { previous = nil }
        if previous == nil { _ = werase(window) }
        let (width, height) = size
        for y in 0..<min(frame.height, height) {
            drawRow(y, of: frame, width: min(frame.width, width), window: window)
        }
        previous = frame
        placeCursor(frame.cursor, window: window)
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    private func drawRow(_ y: Int, of frame: Frame, width: Int, window: UnsafeMutablePointer<WINDOW>) {
        let row = y * frame.width
        let cells = frame.cells, old = previous?.cells
        var lastRole: StyleRole?
        var style = CellStyle(attributes: baton_A_NORMAL(), pair: 0)
        for x in 0..<width {
            let cell = cells[row + x]
            if cell.isContinuation { continue }
            let wide = x + 1 < frame.width && cells[row + x + 1].isContinuation
            if let old, old[row + x] == cell, !wide || old[row + x + 1].isContinuation { continue }
            if cell.role != lastRole {
                lastRole = cell.role
                style = styles[cell.role] ?? CellStyle(attributes: baton_A_NORMAL(), pair: 0)
            }
            let text = wide && x + 1 >= width ? " " : cell.text
            put(text, style: style, x: x, y: y, window: window)
        }
    }

    /// Writes one grapheme cluster at (x, y); the bottom-right cell's ERR (cursor cannot
    /// advance) is expected and ignored.
    private func put(_ text: String, style: CellStyle, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>) {
        var character = cchar_t()
        let status = wideBuffer.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var count = 0
            for scalar in text.unicodeScalars where count < buffer.count - 1 {
                buffer[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            if count == 0 {
                buffer[0] = 0x20
                count = 1
            }
            buffer[count] = 0
            if setcchar(&character, buffer.baseAddress, style.attributes, style.pair, nil) == OK { return OK }
            buffer[1] = 0  // more than one spacing character: keep the first
            return setcchar(&character, buffer.baseAddress, style.attributes, style.pair, nil)
        }
        guard status == OK else { return }
        _ = mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, window: UnsafeMutablePointer<WINDOW>) {
        let (width, height) = size
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            if cursorShown != true {
                _ = curs_set(1)
                cursorShown = true
            }
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if cursorShown != false {
            _ = curs_set(0)
            cursorShown = false
        }
    }

    /// Resolves every role of `theme` to attributes and a colour pair, allocating pairs lazily.
    private func prepareStyles(_ theme: Theme) {
        styles = [:]
        for role in StyleRole.allCases {
            let resolved = ResolvedStyle(theme.style(role), colours: colours)
            styles[role] = CellStyle(attributes: attributes(of: resolved), pair: pair(for: resolved))
        }
        stylesTheme = theme
        previous = nil
    }

    private func attributes(of style: ResolvedStyle) -> attr_t {
        var attributes = baton_A_NORMAL()
        if style.bold { attributes |= baton_A_BOLD() }
        if style.dim { attributes |= baton_A_DIM() }
        if style.underline { attributes |= baton_A_UNDERLINE() }
        if style.reverse { attributes |= baton_A_REVERSE() }
        if style.italic { attributes |= baton_A_ITALIC() }
        return attributes
    }

    private func pair(for style: ResolvedStyle) -> Int16 {
        guard colours > 0 else { return 0 }
        var foreground = style.foreground, background = style.background
        if !usesDefaultColours {
            if foreground < 0 { foreground = 7 }
            if background < 0 { background = 0 }
        }
        let (number, isNew) = pairs.pair(foreground: foreground, background: background)
        if isNew { _ = init_pair(number, Int16(foreground), Int16(background)) }
        return number
    }
}
