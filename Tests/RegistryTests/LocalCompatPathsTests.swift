import Foundation
import Testing
@testable import Registry

@Suite struct LocalCompatPathsTests {
    func resolve(_ environment: [String: String], config: LocalCompatConfig = LocalCompatConfig()) -> (String, String)? {
        LegacyPaths.resolve(environment: environment, config: config, home: "/home/op")
            .map { ($0.dataDirectory.path, $0.runtimeDirectory.path) }
    }

    @Test func defaultsUnderHome() {
        let paths = resolve([:])
        #expect(paths?.0 == "/home/op/.yoi")
        #expect(paths?.1 == "/home/op/.yoi/run")
    }

    @Test func dataDirPrefersYoiDataDirThenYoiHome() {
        #expect(resolve(["YOI_DATA_DIR": "/d", "YOI_HOME": "/h"])?.0 == "/d")
        #expect(resolve(["YOI_HOME": "/h"])?.0 == "/h")
    }

    @Test func emptyVariablesCountAsUnset() {
        let paths = resolve(["YOI_DATA_DIR": "", "YOI_HOME": "", "YOI_RUNTIME_DIR": "", "XDG_RUNTIME_DIR": ""])
        #expect(paths?.0 == "/home/op/.yoi")
        #expect(paths?.1 == "/home/op/.yoi/run")
    }

    @Test func runtimeDirOrder() {
        #expect(resolve(["YOI_RUNTIME_DIR": "/r", "YOI_HOME": "/h", "XDG_RUNTIME_DIR": "/x"])?.1 == "/r")
        #expect(resolve(["YOI_HOME": "/h", "XDG_RUNTIME_DIR": "/x"])?.1 == "/h/run")
        #expect(resolve(["XDG_RUNTIME_DIR": "/run/user/1000"])?.1 == "/run/user/1000/yoi")
    }

    @Test func configDataDirOverridesEnvironment() {
        let config = LocalCompatConfig(dataDirectory: "~/legacy")
        #expect(resolve(["YOI_DATA_DIR": "/d"], config: config)?.0 == "/home/op/legacy")
        #expect(resolve(["YOI_DATA_DIR": "/d"], config: LocalCompatConfig(dataDirectory: ""))?.0 == "/d")
    }

    @Test func disabledConfigResolvesNothing() {
        #expect(resolve(["YOI_DATA_DIR": "/d"], config: LocalCompatConfig(enabled: false)) == nil)
    }

    @Test func homeComesFromEnvironmentWhenNotGiven() {
        let paths = LegacyPaths.resolve(environment: ["HOME": "/users/x"])
        #expect(paths?.dataDirectory.path == "/users/x/.yoi")
    }

    @Test func descriptionIsRedacted() {
        let paths = LegacyPaths.resolve(environment: ["YOI_DATA_DIR": "/secret/place"], home: "/home/op")
        #expect(!String(describing: paths as Any).contains("/secret"))
        var dumped = ""
        dump(paths, to: &dumped)
        #expect(!dumped.contains("/secret"))
    }
}
