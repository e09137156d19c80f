/// What a cell means, not how it looks: views name roles, themes give them colours.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal
    case header, headerAlert = "header.alert"
    case stageTitle = "stage.title", stageTitleSelected = "stage.title.selected", stageOverLimit = "stage.over-limit"
    case border
    case card, cardSelected = "card.selected", cardExpedite = "card.expedite", cardDim = "card.dim"
    case number, badge, blocked, pairingGap = "pairing-gap", age, ageOld = "age.old"
    case ownerBusiness = "owner.business", ownerIT = "owner.it"
    case involvedBusiness = "involved.business", involvedIT = "involved.it"
    case outcome
    case footer, footerKey = "footer.key"
    case message, messageError = "message.error"
    case prompt, promptCursor = "prompt.cursor"
    case title, label, dim
    case progressDone = "progress.done", progressTodo = "progress.todo"
    case selection

    /// One letter per role for golden role grids.
    public var code: Character {
        StyleRole.codes[self] ?? "?"
    }

    private static let codes: [StyleRole: Character] = {
        let letters = Array("·HhSsWBcCeDnkbpaAOIoiTfFmMPqtlduvx")
        var map: [StyleRole: Character] = [:]
        for (index, role) in StyleRole.allCases.enumerated() { map[role] = letters[index] }
        return map
    }()
}
