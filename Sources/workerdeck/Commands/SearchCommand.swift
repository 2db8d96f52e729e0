import ArgumentParser
import Foundation
import Registry

/// `workerdeck search TEXT [--runtime R] [--limit N] [--json]`: transcript
/// entries of every worker holding every word of TEXT (issue 16).
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the transcripts of every worker.",
        discussion: """
        TEXT is split into words (letters and digits); an entry matches when it holds every word, as a whole \
        word in the embedded runtime (full-text index) and as a substring in local compatibility workers. \
        Nothing in TEXT is read as search syntax. Newest matches first, at most --limit per runtime. \
        Snippets are sanitised; --json gives them verbatim. A TEXT without a letter or digit exits 2.
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The words to look for.") var text: String
    @Option(name: .long, help: "Only this runtime.") var runtime: String?
    @Option(name: .long, help: "Most matches per runtime (1-\(SearchPage.maxLimit)).") var limit: Int = SearchPage.defaultLimit
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            // Each runtime on its own, like `workers`: one that cannot answer
            // is named on stderr (and in the exit status) without hiding the
            // others' matches. A runtime without search is skipped unless named.
            var matches: [SearchMatch] = []
            var unavailable: [RegistryError] = []
            for id in runtime.map({ [$0] }) ?? deck.registry.runtimeIds {
                do throws(RegistryError) {
                    matches += try await deck.registry.search(runtime: id, text, limit: limit).matches
                } catch {
                    switch error {
                    case .unsupported where runtime == nil: continue
                    case .runtimeUnavailable where runtime == nil: unavailable.append(error)
                    default: throw error
                    }
                }
            }
            if output.json {
                printJSON(matches)
            } else {
                var table = TextTable(["RUNTIME", "WORKER", "ENTRY", "ROLE", "SNIPPET"])
                for match in matches {
                    table.add([match.runtimeId, match.workerId, "\(match.sequence)", match.role.rawValue,
                               String(PlainText.line(match.snippet).prefix(100))])
                }
                out(table.render())
            }
            guard let last = unavailable.popLast() else { return }
            for error in unavailable { _ = CLIError(error).report(json: output.json) }
            throw CLIError(last)
        }
    }
}
