import Foundation
import Logging
import Testing
@testable import workerdeck

/// The log file handler scrubs every line itself, whoever logged it: no
/// credential and no private path reaches the file (style.md, errors).
@Suite struct LogScrubbingTests {
    @Test func secretsAndPathsNeverReachTheLogFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("workerdeck.log")
        let handler = FileLogHandler.factory(file: file)("test")
        let logger = Logger(label: "test", factory: { _ in handler })
        logger.error("provider failed: Authorization: Bearer sk-live-0123456789abcdefghij at /home/op/.config/key.txt",
                     metadata: ["url": "https://api.example.test/v1?api_key=hunter2hunter2"])
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("provider failed"))
        for leak in ["sk-live-0123456789abcdefghij", "hunter2hunter2", "/home/op"] {
            #expect(!text.contains(leak), "\(leak) reached the log: \(text)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
