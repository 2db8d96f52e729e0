import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A depth-first walk under a real path: each directory's entries sorted by
/// name (bytewise), `.git` skipped, symlinks listed but never followed (one
/// could lead outside the worker's directory).
struct TreeWalk {
    struct Entry {
        var real: String
        /// Relative to the walk's start.
        var relative: String
        var name: String
        var kind: FileIO.Kind
    }

    let start: String
    let cancellation: CancellationFlag

    /// Visits entries until `visit` returns false. Throws `interrupted` when
    /// the call is cancelled meanwhile.
    func walk(_ visit: (Entry) -> Bool) throws(ToolFailure) {
        _ = try walk(directory: start, relative: "", visit)
    }

    private func walk(directory: String, relative: String, _ visit: (Entry) -> Bool) throws(ToolFailure) -> Bool {
        if cancellation.isCancelled { throw .interrupted }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return true }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where name != ".git" {
            let real = directory == "/" ? "/" + name : directory + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            let kind = FileIO.kind(real)
            guard visit(Entry(real: real, relative: path, name: name, kind: kind)) else { return false }
            if kind == .directory {
                guard try walk(directory: real, relative: path, visit) else { return false }
            }
        }
        return true
    }
}

/// A `list`/`grep` glob, matched with the system's `fnmatch`: a glob without
/// `/` matches names (`*.swift` at any depth); one with `/` matches the path
/// under the searched folder, where `*` also crosses `/` (`src/*.swift`
/// matches `src/a/b.swift`).
struct Glob: Sendable {
    let pattern: String

    func matches(_ entry: TreeWalk.Entry) -> Bool {
        let subject = pattern.contains("/") ? entry.relative : entry.name
        return fnmatch(pattern, subject, 0) == 0
    }
}
