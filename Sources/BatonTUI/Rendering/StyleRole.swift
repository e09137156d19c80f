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

    /// One letter per role for golden role grids, fixed per role so that a new role never
    /// re-letters the golden files.
    public var code: Character {
        switch self {
        case .normal: return "·"
        case .header: return "H"
        case .headerAlert: return "h"
        case .stageTitle: return "S"
        case .stageTitleSelected: return "s"
        case .stageOverLimit: return "W"
        case .border: return "B"
        case .card: return "c"
        case .cardSelected: return "C"
        case .cardExpedite: return "e"
        case .cardDim: return "D"
        case .number: return "n"
        case .badge: return "k"
        case .blocked: return "b"
        case .pairingGap: return "p"
        case .age: return "a"
        case .ageOld: return "A"
        case .ownerBusiness: return "O"
        case .ownerIT: return "I"
        case .involvedBusiness: return "o"
        case .involvedIT: return "i"
        case .outcome: return "T"
        case .footer: return "f"
        case .footerKey: return "F"
        case .message: return "m"
        case .messageError: return "M"
        case .prompt: return "P"
        case .promptCursor: return "q"
        case .title: return "t"
        case .label: return "l"
        case .dim: return "d"
        case .progressDone: return "u"
        case .progressTodo: return "v"
        case .band1: return "1"
        case .band2: return "2"
        case .band3: return "3"
        case .band4: return "4"
        case .selection: return "x"
        }
    }
}
