/// The themes compiled into baton, so it still draws when no theme file is installed.
///
/// Keep these in step with `themes/default.theme` and `themes/mono.theme`: ThemeTests checks
/// that each parses to the same theme as its file.
extension Theme {
    /// `themes/default.theme`: dark background, 256 colours.
    public static let builtInDefault: Theme = builtIn(name: "default", text: defaultThemeText)

    /// `themes/mono.theme`: attributes only, no colours.
    public static let builtInMono: Theme = builtIn(name: "mono", text: monoThemeText)

    /// The built-in themes by name.
    public static let builtIns: [String: Theme] = ["default": builtInDefault, "mono": builtInMono]

    private static func builtIn(name: String, text: String) -> Theme {
        do {
            return try Theme.parse(text, name: name)
        } catch {
            preconditionFailure("built-in theme \(name) does not parse: \(error)")
        }
    }

    static let defaultThemeText = """
        normal               default default -
        border               240   default   -
        dim                  244   default   -
        title                231   default   bold
        label                246   default   -
        header               255   236       bold
        header.alert         231   160       bold
        stage.title          255   default   bold
        stage.title.selected 231   31        bold
        stage.over-limit     231   160       bold
        card                 252   default   -
        card.selected        231   26        bold
        card.expedite        207   default   bold
        card.dim             243   default   -
        number               245   default   -
        badge                250   238       -
        blocked              196   default   bold
        pairing-gap          176   default   italic
        age                  244   default   -
        age.old              209   default   -
        outcome              111   default   -
        owner.business       214   default   bold
        owner.it             45    default   bold
        involved.business    136   default   -
        involved.it          30    default   -
        footer               250   236       -
        footer.key           228   236       bold
        message              252   default   -
        message.error        231   124       bold
        prompt               255   236       -
        prompt.cursor        16    252       -
        selection            231   26        -
        progress.done        77    default   -
        progress.todo        238   default   -
        chart.band1          39    default   -
        chart.band2          214   default   -
        chart.band3          77    default   -
        chart.band4          141   default   -
        """

    static let monoThemeText = """
        normal               default default -
        border               default default dim
        dim                  default default dim
        title                default default bold,underline
        label                default default bold
        header               default default bold,reverse
        header.alert         default default bold,underline
        stage.title          default default bold
        stage.title.selected default default bold,reverse
        stage.over-limit     default default bold,underline
        card                 default default -
        card.selected        default default reverse
        card.expedite        default default bold,underline
        card.dim             default default dim
        number               default default dim
        badge                default default underline
        blocked              default default bold,reverse
        pairing-gap          default default underline
        age                  default default dim
        age.old              default default bold
        outcome              default default italic
        owner.business       default default bold
        owner.it             default default bold,underline
        involved.business    default default dim
        involved.it          default default dim,underline
        footer               default default -
        footer.key           default default bold,reverse
        message              default default -
        message.error        default default bold,reverse
        prompt               default default bold
        prompt.cursor        default default reverse
        selection            default default reverse
        progress.done        default default bold
        progress.todo        default default dim
        chart.band1          default default bold
        chart.band2          default default -
        chart.band3          default default dim
        chart.band4          default default underline
        """
}
