import ArgumentParser
import Foundation
import Registry

/// A failure the CLI reports: one line on stderr (or a JSON object), and an
/// exit code from layout.md.
struct CLIError: Error {
    var code: String
    var message: String
    var exitCode: Int32

    init(code: String, message: String, exitCode: Int32) {
        self.code = code
        self.message = message
        self.exitCode = exitCode
    }

    init(_ error: RegistryError) {
        self.init(code: error.code, message: error.message, exitCode: error.exitCode)
    }

    static func invalid(_ message: String) -> CLIError {
        CLIError(code: "invalid_input", message: message, exitCode: 2)
    }

    /// Prints the error and returns the exit code to end with.
    func report(json: Bool) -> ExitCode {
        if json {
            let body = ["error": ["code": code, "message": message]]
            let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
            FileHandle.standardError.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data("workerdeck: \(code): \(PlainText.line(message))\n".utf8))
        }
        return ExitCode(exitCode)
    }
}

/// Runs a command body, turning typed failures into the one-line report.
func reporting(json: Bool, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        throw error.report(json: json)
    } catch let error as RegistryError {
        throw CLIError(error).report(json: json)
    } catch let error as ExitCode {
        throw error
    } catch {
        throw CLIError(code: "error", message: "unexpected failure", exitCode: 1).report(json: json)
    }
}

/// Opens the wired program, runs `body` with it, and always closes it (the
/// HTTP clients must be shut down), reporting failures as `reporting` does.
func withDeck(_ options: GlobalOptions, json: Bool, role: DeckRole = .read,
              _ body: (Deck) async throws -> Void) async throws {
    try await reporting(json: json) {
        let deck = try await Deck.open(options, role: role)
        if role == .write { deck.home.startServing() }
        do {
            try await body(deck)
        } catch {
            await deck.close()
            throw error
        }
        await deck.close()
    }
}
