import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// The stand-up screens in `update` and `render` (issue 5), with the clock injected through
/// `s.now`: the setup screen's order rules, passing the baton, pausing, the timer's phases, ending,
/// action items, following another session's stand-up, the summary and the Δ marks.
@Suite("stand-up screens")
struct StandupScreenTests {
    let squad = TUI.squad()
    /// The squad's default order: business and IT alternate, business first when both are as many
    /// (ana, bo, DK, CD).
    static let defaultOrder: [MemberID] = [TUI.ana, TUI.bo, TUI.dee, TUI.cy]

    // MARK: Helpers

    static func presence(_ member: MemberID, _ account: String) -> Presence {
        Presence(
            session: "host:\(member):0", account: account, member: member, host: "host", pid: Int32(1000 + member),
            terminal: nil, heartbeat: TUI.now)
    }

    /// A stand-up as the runtime would store it, started at `TUI.now`.
    static func standup(
        facilitator: MemberID = TUI.ana, participants: [MemberID] = defaultOrder,
        turnLength: TimeInterval = 90, at time: Date = TUI.now
    ) -> Standup {
        try! Standup.start(
            id: 1, facilitator: facilitator, participants: participants, turnLength: turnLength, at: time)
    }

    /// Ana's session with her stand-up running (started with S, Enter, then answered by the runtime).
    func facilitating(
        width: Int = 80, height: Int = 24, participants: [MemberID] = defaultOrder,
        turnLength: TimeInterval = 90
    ) -> AppState {
        var s = TUI.state(squad, width: width, height: height)
        press(&s, named: "S")
        _ = App.update(&s, .historyLoaded([]))
        let effects = press(&s, named: "enter")
        #expect(effects.count == 1)
        _ = App.update(
            &s,
            .standupChanged(running: Self.standup(participants: participants, turnLength: turnLength), lastEnded: nil))
        #expect(s.screen == .standup && s.isFacilitating)
        return s
    }

    /// The stand-up stored by the single `.updateStandup` among `effects`.
    static func updated(_ effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation) -> Standup? {
        let found = effects.compactMap { effect -> Standup? in
            if case .updateStandup(let standup) = effect { return standup }
            return nil
        }
        #expect(
            found.count == 1 && effects.count == 1, "expected one .updateStandup, got \(effects)",
            sourceLocation: sourceLocation)
        return found.first
    }

    /// The row of `frame` that holds `text`.
    static func rowText(_ frame: Frame, containing text: String) -> String? {
        frame.lines.first { $0.contains(text) }
    }

    // MARK: Setup: order rules and toggles

    @Test func setupListsEveryoneAlternatingAndChoosesAllWhenNobodyElseIsOnline() {
        var s = TUI.state(squad)
        #expect(press(&s, named: "S") == [])
        #expect(s.screen == .standupSetup)
        let setup = try! #require(s.standup.setup)
        #expect(setup.order == Self.defaultOrder)
        #expect(setup.present == Set(Self.defaultOrder), "alone on the board: everyone is pre-selected")
        #expect(setup.participants == Self.defaultOrder)
        #expect(setup.turnLength == 90)
        let frame = View.render(s)
        #expect(frame.find("Stand-up: who is here?") != nil)
        #expect(frame.find("turn 1:30") != nil)
        // Ranks follow the order, with the discipline on each line.
        let ana = try! #require(Self.rowText(frame, containing: "ana  Ana Lima"))
        #expect(ana.contains("[x]") && ana.contains("1.") && ana.contains("business"))
        let bo = try! #require(Self.rowText(frame, containing: "bo  Bo Chen"))
        #expect(bo.contains("[x]") && bo.contains("2.") && bo.contains("  IT"))
        #expect(frame.find("▸ [x]") != nil, "the cursor starts on the first line")
    }

    @Test func onlineMembersArePreSelected() {
        var s = TUI.state(squad)
        s.presence = [Self.presence(TUI.bo, "bo"), Self.presence(TUI.ana, "ana")]
        press(&s, named: "S")
        let setup = try! #require(s.standup.setup)
        #expect(setup.order == Self.defaultOrder, "the order lists every member, here or not")
        #expect(setup.present == [TUI.ana, TUI.bo])
        #expect(setup.participants == [TUI.ana, TUI.bo])
        let frame = View.render(s)
        #expect(Self.rowText(frame, containing: "DK  Dee Kaur")?.contains("[ ]") == true)
        #expect(Self.rowText(frame, containing: "CD  Cy Dube")?.contains("[ ]") == true)
    }

    @Test func aSessionNotActingAsAMemberCannotStartAStandup() {
        var s = TUI.state(squad)
        s.actor = Actor(account: "guest", member: nil)
        #expect(press(&s, named: "S") == [])
        #expect(s.screen == .board && s.standup.setup == nil)
        #expect(s.message?.isError == true && s.message?.text.contains("Act as a member") == true)
    }

    @Test func jkMoveTheCursorAndSpaceTogglesWhoIsHere() {
        var s = TUI.state(squad)
        press(&s, named: "S")
        press(&s, named: "k")
        #expect(s.standup.setup?.cursor == 0, "k stops at the top")
        press(&s, named: "j", "j")
        #expect(s.standup.setup?.cursor == 2)
        press(&s, named: "space")
        #expect(s.standup.setup?.participants == [TUI.ana, TUI.bo, TUI.cy], "DK (third) left out")
        press(&s, named: "j", "j", "j")
        #expect(s.standup.setup?.cursor == 3, "j stops at the bottom")
        press(&s, named: "space")
        #expect(s.standup.setup?.participants == [TUI.ana, TUI.bo])
        press(&s, named: "k", "space")
        #expect(
            s.standup.setup?.participants == [TUI.ana, TUI.bo, TUI.dee], "toggled back in, in its place in the order")
        let frame = View.render(s)
        #expect(Self.rowText(frame, containing: "CD  Cy Dube")?.contains("[ ]") == true)
        #expect(Self.rowText(frame, containing: "DK  Dee Kaur")?.contains("▸ [x] 3.") == true)
    }

    @Test func plusAndMinusChangeTheTurnLengthBy15SecondsWithinLimits() {
        var s = TUI.state(squad)
        press(&s, named: "S")
        type(&s, "+")
        #expect(s.standup.setup?.turnLength == 105)
        type(&s, "--")
        #expect(s.standup.setup?.turnLength == 75)
        type(&s, String(repeating: "-", count: 10))
        #expect(s.standup.setup?.turnLength == 15, "never below 15 s")
        type(&s, String(repeating: "+", count: 60))
        #expect(s.standup.setup?.turnLength == 600, "never above 10 minutes")
        #expect(View.render(s).find("turn 10:00") != nil)
    }

    @Test func escapeCancelsTheSetup() {
        var s = TUI.state(squad)
        press(&s, named: "S", "space")
        #expect(press(&s, named: "esc") == [])
        #expect(s.screen == .board && s.standup.setup == nil && s.standup.running == nil)
        press(&s, named: "S")
        #expect(s.standup.setup?.present.count == 4, "a new setup starts afresh")
    }

    @Test func otherKeysOnTheSetupExplainTheKeys() {
        var s = TUI.state(squad)
        press(&s, named: "S")
        #expect(press(&s, named: "L") == [])
        #expect(s.screen == .standupSetup)
        #expect(s.message?.text == "x: who is here · s: shuffle · + -: turn length · enter: start · q: cancel.")
    }

    // MARK: Setup: shuffle

    /// Whether `order` alternates business and IT while both remain.
    func alternates(_ order: [MemberID]) -> Bool {
        let disciplines = order.map { squad.member($0)!.discipline }
        let business = disciplines.filter { $0 == .business }.count, it = disciplines.count - business
        let alternating = 2 * min(business, it)
        return (1..<max(1, alternating)).allSatisfy { disciplines[$0] != disciplines[$0 - 1] }
    }

    @Test func shuffleKeepsBusinessAndITAlternatingAndDependsOnTheClock() {
        var orders: Set<[MemberID]> = []
        for second in 0..<12 {
            var s = TUI.state(squad)
            s.now = TUI.now.addingTimeInterval(TimeInterval(second) * 7.3)
            press(&s, named: "S")
            let present = s.standup.setup!.present
            press(&s, named: "s")
            let order = s.standup.setup!.order
            #expect(
                Set(order) == Set(Self.defaultOrder) && order.count == 4, "shuffle keeps every member once: \(order)")
            #expect(alternates(order), "shuffled order \(order) does not alternate")
            #expect(s.standup.setup!.present == present, "shuffling keeps who is here")
            // The same clock gives the same order.
            var again = TUI.state(squad)
            again.now = s.now
            press(&again, named: "S", "s")
            #expect(again.standup.setup!.order == order)
            orders.insert(order)
        }
        #expect(orders.count > 1, "the seed comes from the clock, so the order changes: \(orders)")
    }

    @Test func shuffleAlternatesWithUnequalGroups() {
        var board = squad
        TUI.apply(.addMember(name: "Eve Ito", handle: "ev", discipline: .it, login: nil), &board)
        TUI.apply(.addMember(name: "Fay Ode", handle: "fo", discipline: .it, login: nil), &board)
        var s = TUI.state(board)
        press(&s, named: "S")
        let order = s.standup.setup!.order
        #expect(board.member(order[0])?.discipline == .it, "the larger group starts: \(order)")
        for second in 0..<6 {
            s.now = TUI.now.addingTimeInterval(TimeInterval(second))
            press(&s, named: "s")
            let shuffled = s.standup.setup!.order
            let disciplines = shuffled.map { board.member($0)!.discipline }
            #expect(
                disciplines.prefix(4) == [.it, .business, .it, .business] && disciplines.suffix(2) == [.it, .it],
                "\(shuffled)")
        }
    }

    // MARK: Setup: start

    @Test func enterStartsWithTheChosenSpeakersInOrderAndLoadsTheHistory() {
        var s = TUI.state(squad)
        press(&s, named: "S", "j", "j", "space")
        type(&s, "+")
        let effects = press(&s, named: "enter")
        let start = Effect.startStandup(
            facilitator: TUI.ana, participants: [TUI.ana, TUI.bo, TUI.cy], turnLength: 105, by: TUI.asAna,
            lastEnded: nil)
        #expect(effects == [start, .loadHistory(since: nil)], "the effect carries who starts it and since when")
        #expect(s.screen == .standup && s.standup.setup == nil)
    }

    @Test func enterWithTheHistoryLoadedOnlyStarts() {
        var s = TUI.state(squad)
        _ = App.update(&s, .historyLoaded([]))
        press(&s, named: "S")
        let start = Effect.startStandup(
            facilitator: TUI.ana, participants: Self.defaultOrder, turnLength: 90, by: TUI.asAna, lastEnded: nil)
        #expect(press(&s, named: "enter") == [start])
    }

    @Test func enterWithNobodyChosenIsRefused() {
        var s = TUI.state(squad)
        press(&s, named: "S")
        for _ in 0..<4 { press(&s, named: "space", "j") }
        #expect(s.standup.setup?.participants == [])
        #expect(press(&s, named: "enter") == [])
        #expect(s.screen == .standupSetup)
        #expect(s.message?.isError == true && s.message?.text.contains("at least one speaker") == true)
    }

    @Test func sWithAStandupRunningGoesBackToItInsteadOfASetup() {
        var s = facilitating()
        press(&s, named: "esc")
        #expect(s.screen == .board)
        #expect(press(&s, named: "S") == [])
        #expect(s.screen == .standup && s.standup.setup == nil)
    }

    // MARK: Turns: pass, previous, pause

    @Test(arguments: ["space", "tab", "n"])
    func passingTheBatonGivesItToTheNextSpeaker(key: String) {
        var s = facilitating()
        #expect(s.standup.running?.speaker == TUI.ana)
        s.now = TUI.now.addingTimeInterval(40)
        let next = Self.updated(press(&s, named: key))
        #expect(next?.current == 1)
        #expect(next?.speaker == TUI.bo)
        #expect(next?.isPaused == false)
        #expect(next?.runningSince == s.now)
        #expect(next?.turns[0].duration == 40, "ana's 40 s are kept")
        #expect(s.standup.running == next, "the state already shows the new speaker")
        let frame = View.render(s)
        #expect(frame.find("Speaking: Bo Chen") != nil)
        #expect(frame.find("turn 2 of 4") != nil)
        #expect(frame.lines[0].contains("stand-up: ana facilitates, bo speaks"), "\(frame.lines[0])")
    }

    @Test func previousGoesBackAndStopsAtTheFirstSpeaker() {
        var s = facilitating()
        s.now = TUI.now.addingTimeInterval(30)
        press(&s, named: "space")
        s.now = TUI.now.addingTimeInterval(50)
        let back = Self.updated(press(&s, named: "p"))
        #expect(back?.current == 0 && back?.speaker == TUI.ana)
        #expect(back?.turns[1].duration == 20)
        #expect(back?.spoken(0, at: TUI.now.addingTimeInterval(60)) == 40, "going back adds to ana's turn")
        // At the first speaker, p changes nothing.
        press(&s, named: "p")
        #expect(s.standup.running?.current == 0 && s.standup.running?.turns[0].startedAt == TUI.now)
    }

    @Test func pauseStopsTheClockAndZResumesIt() {
        var s = facilitating()
        s.now = TUI.now.addingTimeInterval(20)
        let paused = Self.updated(press(&s, named: "z"))
        #expect(paused?.isPaused == true && paused?.current == 0 && paused?.runningSince == nil)
        s.now = TUI.now.addingTimeInterval(200)
        #expect(s.standup.running?.elapsed(at: s.now) == 20, "the clock stands still while paused")
        var frame = View.render(s)
        #expect(frame.find("paused (z resumes)") != nil)
        #expect(frame.find("0:20 / 1:30") != nil)
        #expect(frame.find("over") == nil, "no overtime while paused")
        let resumed = Self.updated(press(&s, named: "z"))
        #expect(resumed?.isPaused == false && resumed?.runningSince == s.now)
        s.now = TUI.now.addingTimeInterval(210)
        frame = View.render(s)
        #expect(frame.find("0:30 / 1:30") != nil)
        #expect(frame.find("paused") == nil)
    }

    @Test func passingTheBatonAfterTheLastSpeakerEndsTheRound() {
        var s = facilitating(participants: [TUI.ana, TUI.bo])
        press(&s, named: "space")
        let over = Self.updated(press(&s, named: "space"))
        #expect(over?.current == nil && over?.isRoundOver == true)
        #expect(s.message?.text.contains("Everyone has spoken") == true)
        #expect(View.render(s).find("Everyone has spoken.") != nil)
        #expect(
            View.render(s).lines[0].contains("stand-up: ana facilitates, nobody yet speaks"),
            "\(View.render(s).lines[0])")
        // p gives the baton back to the last speaker.
        #expect(Self.updated(press(&s, named: "p"))?.speaker == TUI.bo)
    }

    @Test func somebodyElseCannotSteerTheStandup() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        _ = App.update(&s, .standupChanged(running: Self.standup(), lastEnded: nil))
        #expect(s.screen == .standup && !s.isFacilitating)
        let before = s.standup.running
        for key in ["space", "tab", "n", "p", "z", "E"] {
            s.message = nil
            #expect(press(&s, named: key) == [], "\(key) steered someone else's stand-up")
            #expect(s.message?.isError == true, "\(key)")
            #expect(s.message?.text == "Only ana, who facilitates, passes the baton.", "\(key)")
        }
        #expect(s.standup.running == before)
        #expect(!s.standup.confirmingEnd)
    }

    @Test func steeringWithoutAStandupSaysSo() {
        var s = TUI.state(squad)
        s.screen = .standup
        #expect(press(&s, named: "space") == [])
        #expect(s.message?.text.contains("No stand-up is running") == true)
        #expect(View.render(s).find("No stand-up is running; S starts one.") != nil)
    }

    // MARK: Turns: the timer

    @Test func overtimeIsCountedAfterTheTurnLength() {
        var s = facilitating()
        s.now = TUI.now.addingTimeInterval(60)
        #expect(s.standup.running?.phase(at: s.now) == .onTime)
        var frame = View.render(s)
        #expect(frame.find("1:00 / 1:30") != nil)
        #expect(frame.find("over") == nil)
        s.now = TUI.now.addingTimeInterval(95)
        #expect(s.standup.running?.phase(at: s.now) == .overtime)
        frame = View.render(s)
        let at = try! #require(frame.find("+0:05 over"), "\(frame.allText)")
        #expect(frame.roles(x: at.x, y: at.y, count: 10).allSatisfy { $0 == .blocked })
        let bar = try! #require(frame.find("█"))
        #expect(bar.y == at.y)
        #expect(
            frame.roles(x: bar.x, y: bar.y, count: 10).allSatisfy { $0 == .blocked },
            "the full bar is drawn as overtime")
        #expect(frame.find("░") == nil, "the bar is full")
        s.now = TUI.now.addingTimeInterval(90 + 125)
        #expect(View.render(s).find("+2:05 over") != nil)
    }

    @Test func nearTheEndTheBarUsesTheOldAgeRole() {
        var s = facilitating()
        s.now = TUI.now.addingTimeInterval(30)
        var frame = View.render(s)
        var bar = try! #require(frame.find("█"))
        #expect(frame[bar.x, bar.y].role == .progressDone, "on time the bar is progress")
        s.now = TUI.now.addingTimeInterval(80)
        #expect(s.standup.running?.phase(at: s.now) == .nearEnd)
        frame = View.render(s)
        bar = try! #require(frame.find("█"))
        let filled = (0..<frame.width).filter { frame[$0, bar.y].text == "█" }
        #expect(!filled.isEmpty && filled.allSatisfy { frame[$0, bar.y].role == .ageOld })
        let label = try! #require(frame.find("1:20 / 1:30"))
        #expect(label.y == bar.y)
        #expect(frame.roles(x: label.x, y: label.y, count: 11).allSatisfy { $0 == .ageOld })
        let rest = (0..<frame.width).filter { frame[$0, bar.y].text == "░" }
        #expect(!rest.isEmpty && rest.allSatisfy { frame[$0, bar.y].role == .progressTodo })
        #expect(
            filled.count > 3 * rest.count,
            "80 of 90 s: the bar is mostly full (\(filled.count) of \(filled.count + rest.count))")
    }

    // MARK: Ending

    @Test func endingAsksFirstAndYEndsIt() {
        var s = facilitating()
        s.now = TUI.now.addingTimeInterval(45)
        #expect(press(&s, named: "E") == [])
        #expect(s.standup.confirmingEnd)
        #expect(s.message?.text.hasPrefix("End the stand-up?") == true)
        #expect(View.render(s).find("End the stand-up?") != nil)
        let effects = press(&s, named: "y")
        #expect(effects == [.endStandup(s.standup.running!)])
        #expect(!s.standup.confirmingEnd && s.message == nil)
    }

    @Test(arguments: ["n", "space", "esc", "Y", "q"])
    func anyOtherKeyAfterEGoesOn(key: String) {
        var s = facilitating()
        let before = s.standup.running
        press(&s, named: "E")
        #expect(press(&s, named: key) == [], "\(key) after E did something")
        #expect(!s.standup.confirmingEnd)
        #expect(s.standup.running == before && s.screen == .standup && !s.quitting)
        // The next key works as usual.
        #expect(Self.updated(press(&s, named: "space"))?.current == 1)
    }

    // MARK: Action items and the speaker's items

    @Test func anActionItemIsANewItemOwnedByTheSpeakerInTheFirstStage() {
        var s = facilitating()
        press(&s, named: "space")
        #expect(press(&s, named: "a") == [])
        #expect(s.prompt?.purpose == .actionItem(TUI.bo))
        #expect(View.render(s).find("Action item for bo") != nil)
        type(&s, "Book the review room")
        let effects = press(&s, named: "enter")
        #expect(
            effects == [
                .apply([.addItem(NewItem(title: "Book the review room", stage: TUI.backlog, owners: [TUI.bo]))])
            ])
        #expect(s.screen == .standup, "the stand-up stays on screen")
    }

    @Test func anEmptyActionItemDoesNothing() {
        var s = facilitating()
        press(&s, named: "a")
        #expect(press(&s, named: "enter") == [])
        #expect(s.overlay == nil)
    }

    @Test func actionItemsNeedASpeaker() {
        var s = facilitating(participants: [TUI.ana])
        press(&s, named: "space")
        #expect(press(&s, named: "a") == [])
        #expect(s.overlay == nil)
        #expect(s.message?.text.contains("Nobody has the baton") == true)
    }

    @Test func theSpeakersItemsAreListedBlockedFirstAndOwnedBeforeInvolved() {
        var s = facilitating()
        press(&s, named: "space")
        let items = s.speakerItems
        #expect(items.first?.item.number == 12, "bo's blocked #12 comes first: \(items.map(\.item.number))")
        let owned = items.filter { $0.involvement == .owner }.map(\.item.number)
        let involved = items.filter { $0.involvement == .involved }.map(\.item.number)
        #expect(Set(owned) == [5, 6, 9, 12, 14, 15] && Set(involved) == [2, 16], "\(items.map(\.item.number))")
        let frame = View.render(s)
        #expect(frame.find("▸ #12 ") != nil)
        #expect(frame.find("⛔ Waiting for the data") != nil, "\(frame.allText)")
    }

    @Test func bUnblocksOrAsksForAReasonForTheSelectedItem() {
        var s = facilitating()
        press(&s, named: "space")
        // #12 is blocked and selected: b unblocks it.
        #expect(press(&s, named: "b") == [.apply([.unblock(12)])])
        // j selects the next item: b asks why it is blocked.
        press(&s, named: "j")
        #expect(s.standup.itemIndex == 1)
        let second = s.speakerItems[1].item.number
        #expect(press(&s, named: "b") == [])
        #expect(s.prompt?.purpose == .blockReason(second))
        type(&s, "Waiting for legal")
        #expect(press(&s, named: "enter") == [.apply([.block(second, reason: "Waiting for legal")])])
    }

    @Test func jkStayWithinTheSpeakersItemsAndHLMoveTheSelectedOne() {
        var s = facilitating()
        press(&s, named: "space")
        let items = s.speakerItems
        press(&s, named: "k")
        #expect(s.standup.itemIndex == 0)
        for _ in 0..<20 { press(&s, named: "j") }
        #expect(s.standup.itemIndex == items.count - 1)
        let last = items[items.count - 1].item
        let stageIndex = squad.stages.firstIndex { $0.id == last.stage }!
        let effects = press(&s, named: stageIndex > 0 ? "H" : "L")
        let target = squad.stages[stageIndex > 0 ? stageIndex - 1 : stageIndex + 1].id
        #expect(effects == [.apply([.moveItem(last.number, to: target)])])
        // c comments on the selected item.
        press(&s, named: "c")
        #expect(s.prompt?.purpose == .comment(last.number))
    }

    @Test func blockingTheSelectedItemKeepsItSelectedWhenTheListIsResorted() {
        var s = facilitating()
        press(&s, named: "j")
        #expect(s.speakerItems.map(\.item.number).prefix(2) == [1, 5], "\(s.speakerItems.map(\.item.number))")
        press(&s, named: "b")
        type(&s, "Waiting for legal")
        #expect(press(&s, named: "enter") == [.apply([.block(5, reason: "Waiting for legal")])])
        // The block is stored and comes back: blocked items are listed first, so #5 moves to the top.
        var board = s.board
        let events = TUI.events(.block(5, reason: "Waiting for legal"), &board, at: TUI.now, seq: 900)
        _ = App.update(&s, .saved(slice: board, items: [5], events: events, warnings: []))
        #expect(s.speakerItems.first?.item.number == 5)
        #expect(App.targetItem(s)?.number == 5)
    }

    @Test func passingTheBatonSelectsTheNewSpeakersFirstItem() {
        var s = facilitating()
        press(&s, named: "j", "j")
        #expect(s.standup.itemIndex == 2)
        press(&s, named: "space")
        #expect(s.standup.itemIndex == 0)
    }

    // MARK: Following another session's stand-up

    @Test func anotherSessionFollowsANewStandupAndLeavesItWhenItEnds() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        var running = Self.standup()
        let effects = App.update(&s, .standupChanged(running: running, lastEnded: nil))
        #expect(effects == [.loadHistory(since: nil)])
        #expect(s.screen == .standup)
        #expect(s.message?.text.hasPrefix("ana started a stand-up; you follow it") == true)
        var frame = View.render(s)
        #expect(frame.find("Speaking: Ana Lima") != nil)
        #expect(frame.lines[0].contains("stand-up: ana facilitates, ana speaks"), "\(frame.lines[0])")

        // The facilitator passes the baton: the follower shows the new speaker.
        _ = App.update(&s, .historyLoaded([]))
        running.next(at: TUI.now.addingTimeInterval(30))
        #expect(App.update(&s, .standupChanged(running: running, lastEnded: nil)) == [])
        frame = View.render(s)
        #expect(frame.find("Speaking: Bo Chen") != nil)
        #expect(frame.lines[0].contains("bo speaks"))

        // It ends: back to the board, with a message.
        let ended = TUI.now.addingTimeInterval(300)
        _ = App.update(&s, .standupChanged(running: nil, lastEnded: ended))
        #expect(s.screen == .board)
        #expect(s.standup.running == nil && s.standup.lastEnded == ended)
        #expect(s.message?.text.hasPrefix("The stand-up has ended") == true)
        #expect(!View.render(s).lines[0].contains("stand-up:"))
    }

    @Test func fStopsAndResumesFollowing() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        var running = Self.standup()
        _ = App.update(&s, .standupChanged(running: running, lastEnded: nil))
        #expect(s.screen == .standup)
        press(&s, named: "f")
        #expect(!s.standup.following && s.screen == .board)
        #expect(s.message?.text.hasPrefix("Not following") == true)
        #expect(View.render(s).lines[0].contains("stand-up: ana facilitates"), "the header still shows the stand-up")
        // Further passes do not pull the session back.
        running.next(at: TUI.now.addingTimeInterval(10))
        _ = App.update(&s, .standupChanged(running: running, lastEnded: nil))
        #expect(s.screen == .board)
        #expect(s.standup.running?.speaker == TUI.bo)
        press(&s, named: "f")
        #expect(s.standup.following && s.screen == .standup)
        #expect(View.render(s).find("Speaking: Bo Chen") != nil)
    }

    @Test func aSessionNotFollowingStaysOnTheBoardWhenAStandupStarts() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        press(&s, named: "f")
        #expect(!s.standup.following)
        _ = App.update(&s, .standupChanged(running: Self.standup(), lastEnded: nil))
        #expect(s.screen == .board)
        #expect(View.render(s).lines[0].contains("stand-up: ana facilitates, ana speaks"))
    }

    @Test func anOpenEditorIsNotInterruptedByAStandup() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        press(&s, named: "n")
        #expect(s.prompt != nil)
        _ = App.update(&s, .standupChanged(running: Self.standup(), lastEnded: nil))
        #expect(s.screen == .board && s.prompt != nil)
    }

    @Test func aSessionOnAnotherScreenIsNotPulledAway() {
        var s = TUI.state(squad)
        s.actor = TUI.asBo
        press(&s, named: "?")
        #expect(s.screen == .help)
        _ = App.update(&s, .standupChanged(running: Self.standup(), lastEnded: nil))
        #expect(s.screen == .help)
    }

    @Test func theFacilitatorIsNotSwitchedByItsOwnStandup() {
        var s = TUI.state(squad)
        _ = App.update(&s, .standupChanged(running: Self.standup(), lastEnded: nil))
        #expect(s.screen == .board, "a stand-up of ana's own (say from the CLI) does not pull her board away")
    }

    @Test func theSidePanelListsWhatChangedOnTheSpeakersItemsSinceTheLastStandup() {
        var board = TUI.squad()
        let lastEnded = TUI.now.addingTimeInterval(-TUI.day)
        var events: [Event] = []
        events += TUI.events(
            .comment(6, text: "Too old to list"), &board, by: TUI.asBo, at: lastEnded.addingTimeInterval(-60), seq: 400)
        events += TUI.events(
            .moveItem(6, to: TUI.doing), &board, by: TUI.asBo, at: TUI.now.addingTimeInterval(-7200), seq: 401)
        events += TUI.events(
            .comment(16, text: "Friday deploys are fine now"), &board, at: TUI.now.addingTimeInterval(-3600), seq: 402)
        events += TUI.events(
            .comment(1, text: "Not bo's item"), &board, at: TUI.now.addingTimeInterval(-3600), seq: 403)
        var s = TUI.state(board, width: 120, height: 40)
        _ = App.update(&s, .standupChanged(running: nil, lastEnded: lastEnded))
        press(&s, named: "S")
        press(&s, named: "enter")
        _ = App.update(
            &s, .standupChanged(running: Self.standup(participants: [TUI.bo, TUI.ana]), lastEnded: lastEnded))
        #expect(View.render(s).find("reading the history…") != nil, "before the history comes")
        _ = App.update(&s, .historyLoaded(events))
        let frame = View.render(s)
        let text = frame.allText
        let panel = try! #require(frame.find("Since the last stand-up"))
        let moved = try! #require(frame.find("#6"), "\(text)")
        #expect(text.contains("Moved #6") || text.contains("moved #6"), "\(text)")
        #expect(text.contains("#16"), "\(text)")
        #expect(!text.contains("Too old to list") && !text.contains("Not bo's item"), "\(text)")
        #expect(moved.y < panel.y, "#6 is in bo's item list above the panel")
        let panelLines = frame.lines[(panel.y + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(
            panelLines.count == 2, "one line per relevant change on bo's items:\n\(panelLines.joined(separator: "\n"))")
        #expect(panelLines.first?.contains("#6") == true, "owned items first:\n\(panelLines.joined(separator: "\n"))")
    }

    // MARK: The summary

    /// A stand-up of ana, bo and CD over 4 minutes in which bo blocked #6, ana unblocked #12, #9
    /// moved to Done and an action item was added for bo; ended at `TUI.now + 240`.
    static func record() -> (StandupRecord, Board) {
        var board = TUI.squad()
        var standup = standup(participants: [TUI.ana, TUI.bo, TUI.cy])
        let t = { (seconds: TimeInterval) in TUI.now.addingTimeInterval(seconds) }
        var events: [Event] = []
        standup.next(at: t(100))  // ana: 1:40, 10 s over
        events += TUI.events(
            .block(6, reason: "Loans team has no capacity"), &board, by: TUI.asBo, at: t(120), seq: 500)
        events += TUI.events(.unblock(12), &board, at: t(130), seq: 501)
        events += TUI.events(.moveItem(9, to: TUI.done), &board, at: t(140), seq: 502)
        events += TUI.events(
            .addItem(NewItem(title: "Ask the loans team for a date", stage: TUI.backlog, owners: [TUI.bo])),
            &board, at: t(150), seq: 503)
        standup.next(at: t(160))  // bo: 1:00
        standup.end(at: t(240))  // CD: 1:20
        let summary = StandupSummary.make(for: standup, events: events, board: board, at: t(240))
        return (StandupRecord(standup: standup, summary: summary), board)
    }

    @Test func theSummaryShowsDurationSpeakersBlockersMovesAndActionItems() {
        let (record, board) = Self.record()
        let summary = try! #require(record.summary)
        #expect(summary.blockersRaised.map(\.item) == [6] && summary.blockersCleared.map(\.item) == [12])
        #expect(summary.itemsMoved.map(\.item) == [9] && summary.actionItems.map(\.owner) == [TUI.bo])

        var s = TUI.state(board, width: 120, height: 40)
        _ = App.update(&s, .standupChanged(running: record.standup, lastEnded: nil))
        _ = App.update(&s, .standupEnded(record))
        #expect(s.screen == .standupSummary)
        #expect(s.standup.running == nil && s.standup.summary == record)
        #expect(s.standup.lastEnded == TUI.now.addingTimeInterval(240))
        let frame = View.render(s)
        let text = frame.allText
        #expect(frame.find("Stand-up summary") != nil)
        #expect(frame.find("4:00 in all, turns of 1:30") != nil, "\(text)")
        #expect(Self.rowText(frame, containing: "  ana")?.contains("1:40  +0:10 over") == true, "\(text)")
        #expect(Self.rowText(frame, containing: "  bo ")?.contains("1:00") == true, "\(text)")
        #expect(Self.rowText(frame, containing: "  CD ")?.contains("1:20") == true, "\(text)")
        #expect(Self.rowText(frame, containing: "Blockers raised")?.contains("1") == true)
        #expect(frame.find("#6 Reuse the KYC service of the loans team: Loans team has no capacity") != nil, "\(text)")
        #expect(frame.find("#12 Scoring model drifts on young customers") != nil, "\(text)")
        #expect(frame.find("#9 Send the welcome e-mail within one hour: Doing → Done") != nil, "\(text)")
        #expect(frame.find("#17 Ask the loans team for a date (bo)") != nil, "\(text)")
        #expect(!frame.lines[0].contains("stand-up:"), "no stand-up runs any more")
        // Esc goes back to the board and forgets the summary.
        press(&s, named: "esc")
        #expect(s.screen == .board && s.standup.summary == nil)
    }

    @Test func aSpeakerWhoNeverGotTheBatonIsShownAsNotSpeaking() {
        var standup = Self.standup(participants: [TUI.ana, TUI.bo])
        standup.end(at: TUI.now.addingTimeInterval(30))
        let summary = StandupSummary.make(for: standup, events: [], board: squad, at: TUI.now.addingTimeInterval(30))
        var s = TUI.state(squad)
        _ = App.update(&s, .standupEnded(StandupRecord(standup: standup, summary: summary)))
        let frame = View.render(s)
        #expect(Self.rowText(frame, containing: "  bo ")?.contains("did not speak") == true, "\(frame.allText)")
        #expect(Self.rowText(frame, containing: "Action items")?.contains("0") == true)
    }

    // MARK: Δ marks since the last stand-up

    @Test func cMarksTheItemsChangedSinceTheLastStandup() {
        var board = TUI.squad()
        let lastEnded = TUI.now.addingTimeInterval(-2 * TUI.day)
        var events: [Event] = []
        events += TUI.events(
            .comment(2, text: "Before the stand-up"), &board, at: TUI.now.addingTimeInterval(-3 * TUI.day), seq: 300)
        events += TUI.events(
            .moveItem(1, to: TUI.ready), &board, at: TUI.now.addingTimeInterval(-1 * TUI.day), seq: 301)
        events += TUI.events(
            .comment(3, text: "After the stand-up"), &board, at: TUI.now.addingTimeInterval(-3600), seq: 302)
        var s = TUI.state(board, width: 120, height: 40)
        _ = App.update(&s, .standupChanged(running: nil, lastEnded: lastEnded))
        #expect(View.render(s).find("Δ") == nil)

        #expect(press(&s, named: "C") == [.loadHistory(since: lastEnded)], "the history since the last stand-up")
        #expect(s.standup.markChanged)
        _ = App.update(&s, .historyLoaded(events))
        #expect(s.standup.changedItems == [1, 3])
        var frame = View.render(s)
        // The cards only: not the header, the message line or the footer.
        let marked = (1..<frame.height - 2).flatMap { y in
            (0..<frame.width).filter { frame[$0, y].text == "Δ" }.map { (x: $0, y: y) }
        }
        #expect(marked.count == 2, "\(frame.allText)")
        // The mark leads the badge row, the last row of the card (titles wrap over two rows).
        for number in [1, 3] {
            let title = try! #require(frame.find("#\(number) "), "\(frame.allText)")
            #expect(
                marked.contains { ((title.y + 1)...(title.y + 3)).contains($0.y) && abs($0.x - title.x) <= 2 },
                "no Δ under #\(number):\n\(frame.allText)")
        }
        #expect(marked.allSatisfy { frame[$0.x, $0.y].role == .cardExpedite })
        // Toggled again, the marks go; the history is not asked for again.
        #expect(press(&s, named: "C") == [])
        #expect(!s.standup.markChanged)
        #expect(s.message?.text == "Changes are no longer marked.")
        frame = View.render(s)
        #expect(frame.find("Δ") == nil)
        #expect(press(&s, named: "C") == [])
        #expect(s.message?.text == "Δ marks 2 items changed since the last stand-up.")
    }

    @Test func withoutAPreviousStandupTheWholeHistoryCounts() {
        var board = TUI.squad()
        let events = TUI.events(.comment(4, text: "Old"), &board, at: TUI.t0, seq: 1)
        var s = TUI.state(board)
        _ = App.update(&s, .historyLoaded(events))
        #expect(press(&s, named: "C") == [])
        #expect(s.standup.changedItems == [4])
    }

    @Test func theMarksFollowTheEndOfTheStandupThisSessionRan() {
        var board = TUI.squad()
        let events = TUI.events(.comment(4, text: "Before"), &board, at: TUI.now.addingTimeInterval(-60), seq: 1)
        var s = TUI.state(board)
        _ = App.update(&s, .historyLoaded(events))
        press(&s, named: "C")
        #expect(s.standup.changedItems == [4])
        var standup = Self.standup()
        standup.end(at: TUI.now.addingTimeInterval(60))
        _ = App.update(&s, .standupEnded(StandupRecord(standup: standup, summary: nil)))
        #expect(s.standup.lastEnded == TUI.now.addingTimeInterval(60))
        #expect(s.standup.changedItems.isEmpty)
    }

    @Test func theMessageOfCDoesNotCountBeforeTheHistoryIsRead() {
        var s = TUI.state(squad)
        #expect(press(&s, named: "C") == [.loadHistory(since: nil)])
        #expect(s.message?.text.contains("0 items") == false)
    }

    // MARK: Golden frames

    @Test(arguments: [Size(80, 24), Size(120, 40)])
    func goldenSetup(size: Size) {
        var s = TUI.state(squad, width: size.width, height: size.height)
        s.presence = [Self.presence(TUI.bo, "bo")]
        press(&s, named: "S", "j", "j")
        assertGolden(View.render(s), named: "standup-setup-\(size)")
    }

    @Test(arguments: [Size(80, 24), Size(120, 40)])
    func goldenTurnNearItsEnd(size: Size) {
        var s = facilitating(width: size.width, height: size.height)
        s.now = TUI.now.addingTimeInterval(20)
        press(&s, named: "space")
        s.now = TUI.now.addingTimeInterval(20 + 80)
        #expect(s.standup.running?.phase(at: s.now) == .nearEnd)
        assertGolden(View.render(s), named: "standup-turn-near-end-\(size)")
    }

    @Test(arguments: [Size(80, 24), Size(120, 40)])
    func goldenTurnInOvertime(size: Size) {
        var s = facilitating(width: size.width, height: size.height)
        s.now = TUI.now.addingTimeInterval(20)
        press(&s, named: "space")
        s.now = TUI.now.addingTimeInterval(20 + 90 + 37)
        assertGolden(View.render(s), named: "standup-turn-overtime-\(size)")
    }

    @Test(arguments: [Size(80, 24), Size(120, 40)])
    func goldenSummary(size: Size) {
        let (record, board) = Self.record()
        var s = TUI.state(board, width: size.width, height: size.height)
        _ = App.update(&s, .standupEnded(record))
        assertGolden(View.render(s), named: "standup-summary-\(size)")
    }
}
