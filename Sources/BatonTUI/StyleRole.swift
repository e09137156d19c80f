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
    case band1 = "chart.band1", band2 = "chart.band2", band3 = "chart.band3", band4 = "chart.band4"
    case selection

    /// One letter per role for golden role grids.
    public var code: Character {
        StyleRole.codes[self] ?? "?"
    }

    private static let codes: [StyleRole: Character] = {
        let letters = Array("·HhSsWBcCeDnkbpaAOIoiTfFmMPqtlduv1234x")
        var map: [StyleRole: Character] = [:]
        for (index, role) in StyleRole.allCases.enumerated() { map[role] = letters[index] }
        return map
    }()
}
