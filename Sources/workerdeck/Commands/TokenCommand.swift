import ArgumentParser
import Foundation
import Server

/// `workerdeck token create|list|revoke`: bearer tokens for `serve --listen`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Bearer tokens for `workerdeck serve --listen` (TCP).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    static func store(_ global: GlobalOptions) -> TokenStore {
        let environment = ProcessInfo.processInfo.environment
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let paths = Paths.resolve(environment: environment, currentDirectory: cwd, configOverride: global.config,
                                  workspaceOverride: global.workspace, storeOverride: global.store, configuredStoreRoot: nil)
        return TokenStore(directory: paths.dataDir.appendingPathComponent("tokens", isDirectory: true))
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a token, print it once, and keep it in <data dir>/tokens/NAME (0600).",
            discussion: "The server keeps only its SHA-256. Give the token to the remote host's config as token = { file = \"…\" }."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token name (1-64 of A-Z a-z 0-9 - _).") var name: String
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await reporting(json: output.json) {
                let token: String
                do throws(TokenError) { token = try TokenCommand.store(global).create(name: name) } catch {
                    throw CLIError(code: "token_refused", message: error.message, exitCode: 2)
                }
                if output.json {
                    printJSON(["name": name, "token": token])
                } else {
                    out("\(token)\n")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List token names (never their values).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await reporting(json: output.json) {
                let tokens: [TokenInfo]
                do throws(TokenError) { tokens = try TokenCommand.store(global).list() } catch {
                    throw CLIError(code: "tokens_unreadable", message: error.message, exitCode: 1)
                }
                if output.json {
                    printJSON(tokens.map { ["name": $0.name, "created_at": $0.createdAt.formatted(.iso8601)] })
                } else {
                    for token in tokens { out("\(token.name) \(token.createdAt.formatted(.iso8601))\n") }
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token; servers refuse it at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token name.") var name: String
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await reporting(json: output.json) {
                do throws(TokenError) { try TokenCommand.store(global).revoke(name: name) } catch {
                    throw CLIError(code: "unknown_token", message: error.message, exitCode: 3)
                }
                if !output.json { out("revoked \(name)\n") }
            }
        }
    }
}
