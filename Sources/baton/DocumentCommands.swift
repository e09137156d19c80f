import ArgumentParser
import BatonCore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole board as JSON (with history), Markdown or CSV.",
        discussion: "A progress bar shows on standard error while a big board is read, when it is a terminal.")
    @OptionGroup var global: GlobalOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, markdown, csv }
    @Option(help: "json, markdown or csv.") var format: Format = .json
    @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file instead of standard output.")
    var file: String?

    func run() throws {
        let session = try global.session(access: .readOnly)
        let document = try ProgressBar.showing("Reading") { bar in
            try session.store.exportDocument(progress: bar.update)
        }
        let data: Data
        switch format {
        case .json: data = try BoardDocument.encoder().encode(document) + Data("\n".utf8)
        case .markdown: data = Data(MarkdownExport(document: document).text.utf8)
        case .csv: data = Data(CSVExport(document: document).text.utf8)
        }
        guard let file else { return FileHandle.standardOutput.write(data) }
        do {
            try data.write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw BatonError(.io, "Could not write \(file); check that the folder exists and you may write there.")
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a JSON export into a board that has no items yet, replacing its stages and members.",
        discussion: "A progress bar shows on standard error when it is a terminal.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The JSON file written by `baton export`; - reads standard input.") var file: String

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw BatonError(.noBoard, "Could not read \(file); check the path.")
            }
            data = contents
        }
        let document: BoardDocument
        do {
            document = try BoardDocument.decoder().decode(BoardDocument.self, from: data)
        } catch {
            throw BatonError.data(
                "\(file) is not a baton JSON export (\(Import.reason(error))); make one with `baton export --format json`."
            )
        }
        let session = try global.session()
        try ProgressBar.showing("Importing") { bar in
            try session.store.importDocument(document, progress: bar.update)
        }
        Output.line(
            "Imported \(document.items.count) items, \(document.members.count) members and \(document.events.count) history entries."
        )
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "it is not valid JSON" : "the field '\(path)' is not right"
        default: return "it could not be read"
        }
    }
}
