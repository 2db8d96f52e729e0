import ArgumentParser
import Foundation

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $WORKERDECK_CONFIG, then $XDG_CONFIG_HOME/workerdeck/config.toml).")
    var config: String?

    @Option(name: .long, help: "Workspace root (default: the git top level of the current directory, else the current directory).")
    var workspace: String?

    @Option(name: .long, help: "Embedded store directory (default: under the data dir, per workspace).")
    var store: String?

    @Flag(name: .long, help: "Keep the embedded runtime in memory only; nothing is written to disk.")
    var ephemeral = false
}

/// `--json` for commands that print projections.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (snake_case keys, content verbatim).")
    var json = false
}
