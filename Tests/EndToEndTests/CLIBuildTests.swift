import Foundation
import Testing

/// `make run` is what a newcomer starts the console with: it must run the
/// release build, while the tests keep the debug build (`make -n` prints
/// the recipes without running them).
@Suite struct CLIBuildTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func recipe(_ target: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // SWIFT pinned: the recipes are compared as written.
        process.arguments = ["make", "--no-print-directory", "-n", "SWIFT=swift", target]
        process.currentDirectoryURL = Self.repository
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "make -n \(target) failed")
        // Only the swift commands: the deps recipe is shell around apt.
        return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("swift ") || $0.contains(" swift ") }
    }

    @Test func makeRunBuildsAndRunsTheReleaseBuild() throws {
        let run = try recipe("run")
        #expect(run == ["swift build -c release --product workerdeck", "swift run -c release --skip-build workerdeck"])
    }

    @Test func makeTestStaysOnTheDebugBuild() throws {
        let test = try recipe("test")
        #expect(!test.isEmpty)
        #expect(test.allSatisfy { !$0.contains("-c release") }, "\(test)")
    }
}
