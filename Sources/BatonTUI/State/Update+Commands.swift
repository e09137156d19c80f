import BatonCore

extension App {
    /// Why editing does nothing here, if it does not.
    static func editingRefusal(_ command: Command, _ s: AppState) -> String? {
        guard command.edits else { return nil }
        if s.vanished {
            return
                "The board file was deleted or replaced, so nothing more can be saved here; quit (q) and open the board again."
        }
        if s.readOnly {
            return
                "This board is read-only for you, so \(command.rawValue) does nothing; ask its owner for write access."
        }
        return nil
    }

    static func run(_ command: Command, _ s: inout AppState) -> [Effect] {
        if let refusal = editingRefusal(command, s) {
            s.message = Message(refusal, isError: true)
            return []
        }
        switch command {
        case .quit:
            s.quitting = true
            return [.quit]
        case .back: back(&s)
        case .help:
            s.screen = .help
            s.scroll = 0
        case .openOutcomes: return openInsight(.outcomes, &s)
        case .openFlow: return openInsight(.flow, &s)
        case .openBalance: return openInsight(.balance, &s)
        case .openArchive:
            s.screen = .archive
            s.archiveIndex = 0
        case .restoreItem: return restoreSelected(&s)
        case .showUnlinked: showUnlinked(&s)
        case .filter:
            s.filterBeforeEdit = s.filter.query
            s.overlay = .prompt(Prompt(purpose: .filter, editor: LineEditor(s.filter.query)))
        case .selectLeft, .selectRight, .selectUp, .selectDown, .selectFirst, .selectLast, .pageUp, .pageDown:
            navigate(command, &s)
        case .startStandup: return startStandup(&s)
        case .passBaton, .previousSpeaker, .pauseTimer, .endStandup: return steer(command, &s)
        case .toggleFollow: toggleFollow(&s)
        case .toggleChanged: return toggleChanged(&s)
        case .actionItem:
            guard let speaker = s.standup.running?.speaker else {
                s.message = Message("Nobody has the baton; pass it (space) first.")
                return []
            }
            prompt(.actionItem(speaker), "", &s)
        case .toggleLanes:
            let followed = s.currentItem?.number
            s.lanes = s.lanes.next
            s.rebuildColumns()
            if let followed { select(followed, &s) }
            keepSelectionVisible(&s)
            s.message = Message(
                s.lanes == .none ? "Lanes off." : "Lanes by \(s.lanes.rawValue); expedite items on top. v changes them."
            )
        case .actAs:
            s.overlay = .picker(Pickers.actAs(s.board, current: s.actor.member))
        case .newItem:
            guard let stage = s.currentStage else { return [] }
            s.overlay = .prompt(Prompt(purpose: .newItem(stage: stage.id), editor: LineEditor()))
        case .recordValue:
            guard s.board.outcomes.indices.contains(s.outcomeIndex) else {
                s.message = Message("There are no outcomes yet; add one with `baton outcome add`.")
                return []
            }
            s.overlay = .prompt(
                Prompt(purpose: .outcomeValue(s.board.outcomes[s.outcomeIndex].id), editor: LineEditor()))
        case .undo:
            do {
                let actions = try Undo.plan(s.lastOwnChange, on: s.board)
                s.pendingUndo = true
                return [.apply(actions)]
            } catch {
                s.message = Message((error as? BatonError)?.message ?? "That cannot be undone.", isError: true)
            }
        default:
            if let place = command.onlyIn {
                s.message = Message("\(command.rawValue) does something only in \(place).")
                return []
            }
            guard let item = targetItem(s) else {
                s.message = Message("No item is selected; n adds one.")
                return []
            }
            return itemCommand(command, item, &s)
        }
        return []
    }

    /// The item a command acts on: the detail screen's item, the selected pairing gap, else the selected card.
    static func targetItem(_ s: AppState) -> Item? {
        if case .detail(let number) = s.screen { return s.board.items[number] }
        if s.screen == .balance, let gaps = s.insights.balance?.gaps, gaps.indices.contains(s.gapIndex) {
            return s.board.items[gaps[s.gapIndex].number]
        }
        if s.screen == .standup {
            let items = s.speakerItems
            return items.indices.contains(s.standup.itemIndex)
                ? s.board.items[items[s.standup.itemIndex].item.number] : nil
        }
        return s.screen == .board ? s.currentItem : nil
    }

    static func itemCommand(_ command: Command, _ item: Item, _ s: inout AppState) -> [Effect] {
        let n = item.number
        switch command {
        case .openDetail:
            s.screen = .detail(n)
            s.scroll = 0
            s.detail = nil
            return [.loadDetail(n)]
        case .moveItemLeft, .moveItemRight:
            guard let index = s.board.stages.firstIndex(where: { $0.id == item.stage }) else { return [] }
            let target = index + (command == .moveItemLeft ? -1 : 1)
            guard s.board.stages.indices.contains(target) else { return [] }
            // Moves apply to the item as it is now: two people moving it both take effect, in order.
            return [.apply([.moveItem(n, to: s.board.stages[target].id)])]
        case .reorderUp: return [.apply([.reorderItem(n, .up)])]
        case .reorderDown: return [.apply([.reorderItem(n, .down)])]
        case .toggleExpedite: return [.apply([.setExpedite(n, !item.expedite)])]
        case .archiveItem: return [.apply([.archive(n)])]
        case .toggleBlocked:
            if item.blocked != nil { return [.apply([.unblock(n)])] }
            prompt(.blockReason(n), "", &s)
        case .editTitle: prompt(.editTitle(n, original: item.title), item.title, &s)
        case .editNotes, .editNotesOutside:
            let purpose = PromptPurpose.editNotes(n, original: item.notes)
            prompt(purpose, item.notes, &s)
            if command == .editNotesOutside { return [.editOutside(purpose, text: item.notes)] }
        case .addComment: prompt(.comment(n), "", &s)
        case .setDue: prompt(.dueDate(n), item.due?.description ?? "", &s)
        case .assignOwner, .assignInvolved, .setKind, .linkOutcome:
            s.overlay = .picker(Pickers.make(command, for: item, board: s.board))
        default: break
        }
        return []
    }

    static func prompt(_ purpose: PromptPurpose, _ text: String, _ s: inout AppState) {
        s.overlay = .prompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: purpose.isMultiline)))
    }

    /// Brings the item selected on the archive screen back to its stage.
    static func restoreSelected(_ s: inout AppState) -> [Effect] {
        guard s.screen == .archive else {
            let key = s.keymap.keys(for: .openArchive, in: .board).first?.label ?? "A"
            s.message = Message("Open the archive (\(key)) and choose the item to restore there.")
            return []
        }
        guard s.archive.indices.contains(s.archiveIndex) else {
            s.message = Message("Nothing in the archive to restore.")
            return []
        }
        return [.apply([.restore(s.archive[s.archiveIndex])])]
    }

    static func back(_ s: inout AppState) {
        if s.screen == .standupSummary { s.standup.summary = nil }
        if s.screen != .board {
            s.screen = .board
            s.detail = nil
        } else if !s.filter.isEmpty {
            s.filter = ItemFilter()
            s.rebuildColumns()
            s.message = Message("Filter cleared.")
            keepSelectionVisible(&s)
        }
    }

    static func navigate(_ command: Command, _ s: inout AppState) {
        guard s.screen == .board else { return scroll(command, &s) }
        switch command {
        case .selectLeft: selectStage(s.stageIndex - 1, &s)
        case .selectRight: selectStage(s.stageIndex + 1, &s)
        case .selectUp: moveSelection(-1, &s)
        case .selectDown: moveSelection(1, &s)
        case .selectFirst: moveSelection(-Int.max / 2, &s)
        case .selectLast: moveSelection(Int.max / 2, &s)
        case .pageUp: moveSelection(-pageSize(s), &s)
        case .pageDown: moveSelection(pageSize(s), &s)
        default: break
        }
    }

    /// Up and down on the detail, help and outcomes screens.
    static func scroll(_ command: Command, _ s: inout AppState) {
        let page = max(1, s.height - 4)
        let delta: Int
        switch command {
        case .selectUp: delta = -1
        case .selectDown: delta = 1
        case .pageUp: delta = -page
        case .pageDown: delta = page
        case .selectFirst: delta = -Int.max / 2
        case .selectLast: delta = Int.max / 2
        default: return
        }
        if s.screen == .outcomes {
            s.outcomeIndex = min(max(0, s.outcomeIndex + delta), max(0, s.board.outcomes.count - 1))
        } else if s.screen == .standup {
            s.standup.itemIndex = min(max(0, s.standup.itemIndex + delta), max(0, s.speakerItems.count - 1))
        } else if s.screen == .archive {
            s.archiveIndex = min(max(0, s.archiveIndex + delta), max(0, s.archive.count - 1))
        } else if s.screen == .balance {
            s.gapIndex = min(max(0, s.gapIndex + delta), max(0, (s.insights.balance?.gaps.count ?? 0) - 1))
        } else {
            // The view clamps the scroll to what it drew; the limit it reported keeps the
            // offset from running past the end, so that going back up shows at once.
            s.scroll = min(max(0, s.scroll + delta), s.scrollLimit ?? Int.max / 2)
        }
    }
}
