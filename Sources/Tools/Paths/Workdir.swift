import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A worker's directory as its tools see it: every path argument resolves
/// against it, and its real path (symlinks resolved) must stay inside the
/// directory's real path (tools.md, Working directory).
///
/// Resolution only reads metadata (`realpath`, `lstat`); a refused path never
/// has its contents read or written. It runs at every call, so a symlink made
/// between calls (by bash, say) is seen; the final open uses `O_NOFOLLOW`, so
/// a last component swapped for a symlink after resolution is refused too.
struct Workdir: Sendable {
    /// The directory's real path, no trailing slash (except for `/`).
    let root: String
    /// The directory as the workspace named it; absolute arguments under it
    /// are shown relative to it, like those under `root`.
    let given: String

    init(_ directory: URL) throws(ToolFailure) {
        given = directory.standardizedFileURL.path
        guard let real = Self.realPath(given) else {
            throw .error("the worker's directory is not available")
        }
        root = real
    }

    /// The path's real path, or nil when it (or a symlink in it) does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func contains(_ realPath: String) -> Bool {
        root == "/" || realPath == root || realPath.hasPrefix(root + "/")
    }

    /// Resolves a path argument. Throws `denied` for anything that leaves the
    /// directory, `error` for an empty path or one that cannot be examined.
    func resolve(_ argument: String) throws(ToolFailure) -> ResolvedPath {
        guard !argument.isEmpty else { throw .error("the path is empty") }
        guard !argument.utf8.contains(0) else { throw .error("the path contains a NUL byte") }
        let display = displayPath(argument)
        let candidate = argument.hasPrefix("/") ? argument : root + "/" + argument

        // Walk up to the nearest existing ancestor; what is below it must be
        // plain names (a `..` there could not be checked against real paths).
        var existing = candidate
        var missing: [String] = []
        while true {
            if let real = Self.realPath(existing) {
                if missing.contains("..") { throw .denied }
                let tail = missing.reversed().filter { $0 != "." && !$0.isEmpty }
                let full = tail.isEmpty ? real : (real == "/" ? "" : real) + "/" + tail.joined(separator: "/")
                guard contains(full) else { throw .denied }
                return ResolvedPath(real: full, display: display, exists: missing.isEmpty)
            }
            let failure = errno
            var info = stat()
            if lstat(existing, &info) == 0 {
                // It is there but does not resolve: a dangling or looping
                // symlink, whose target cannot be checked.
                throw .denied
            }
            guard failure == ENOENT || failure == ENOTDIR else {
                throw .error("cannot access \(display): \(String(cString: strerror(failure)))")
            }
            guard let slash = existing.lastIndex(of: "/"), existing != "/" else { throw .denied }
            missing.append(String(existing[existing.index(after: slash)...]))
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
    }

    /// The argument as the model gave it, but never with the directory's
    /// absolute path in front.
    func displayPath(_ argument: String) -> String {
        guard argument.hasPrefix("/") else { return argument }
        for prefix in [root, given] where prefix != "/" {
            if argument == prefix || argument == prefix + "/" { return "." }
            if argument.hasPrefix(prefix + "/") { return String(argument.dropFirst(prefix.count + 1)) }
        }
        return argument
    }

    /// A real path inside the directory, relative to it (`.` for the root).
    func relative(_ realPath: String) -> String {
        if realPath == root { return "." }
        return root == "/" ? String(realPath.dropFirst()) : String(realPath.dropFirst(root.count + 1))
    }
}

/// A path argument that resolved inside the worker's directory.
struct ResolvedPath: Sendable, Hashable {
    /// The real path (symlinks resolved; for a missing file, its nearest
    /// existing ancestor's real path plus the missing names).
    var real: String
    /// What outputs and messages show.
    var display: String
    /// Whether the path itself resolved (it exists).
    var exists: Bool
}
