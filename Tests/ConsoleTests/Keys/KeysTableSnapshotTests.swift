import Foundation
import Testing
@testable import Console

/// The README keys table is generated from the keymap; its golden copy in
/// Snapshots/keys-table.md is what the README embeds.
@Suite struct KeysTableSnapshotTests {
    @Test func readmeKeysTableIsUpToDate() throws {
        let url = Snapshot.directory.appendingPathComponent("keys-table.md")
        let table = KeyHelp.markdownTable()
        if ProcessInfo.processInfo.environment["WORKERDECK_UPDATE_SNAPSHOTS"] == "1" {
            try table.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == table)
    }

    /// The README's keys section is the same table, so it cannot drift.
    @Test func readmeEmbedsTheTable() throws {
        let readme = Snapshot.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        #expect(try String(contentsOf: readme, encoding: .utf8).contains(KeyHelp.markdownTable()))
    }
}
