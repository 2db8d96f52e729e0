#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Bounded, read-only file access for legacy data. Nothing here reads more
/// than the caller's byte bound or lists more than its entry bound, and no
/// failure escapes as anything but a value.
enum LegacyFile {
    enum ReadResult: Hashable, Sendable {
        case missing
        case tooLarge
        case unreadable
        case contents(Data)
    }

    /// Opens a regular file for reading. Never blocks: a FIFO or device
    /// planted where a record should be is refused, not waited on.
    static func openRegular(_ url: URL) -> Result<FileHandle, OpenFailure> {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.unreadable)
        }
        return .success(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    enum OpenFailure: Error { case missing, unreadable }

    /// The whole file when it holds at most `maxBytes`.
    static func read(_ url: URL, maxBytes: Int) -> ReadResult {
        let handle: FileHandle
        switch openRegular(url) {
        case let .success(opened): handle = opened
        case .failure(.missing): return .missing
        case .failure(.unreadable): return .unreadable
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch { return .unreadable }
        return data.count > maxBytes ? .tooLarge : .contents(data)
    }

    /// An open file for ranged reads; the opener calls `close()` when done.
    struct Reader {
        private let handle: FileHandle

        init?(_ url: URL) {
            guard case let .success(handle) = LegacyFile.openRegular(url) else { return nil }
            self.handle = handle
        }

        /// The current size, or nil when it cannot be learned.
        func size() -> UInt64? { try? handle.seekToEnd() }

        /// Up to `count` bytes from `offset`; nil on an I/O error.
        func read(from offset: UInt64, count: Int) -> Data? {
            guard count > 0 else { return Data() }
            do {
                try handle.seek(toOffset: offset)
                return try handle.read(upToCount: count) ?? Data()
            } catch {
                return nil
            }
        }

        func close() { try? handle.close() }
    }

    /// Names in a directory (not `.`/`..`), at most `limit`, plus how many
    /// more were seen up to `countLimit` in total. Nil when the directory
    /// cannot be opened (absent is the common case).
    static func directoryNames(_ url: URL, limit: Int, countLimit: Int) -> (names: [String], total: Int, countCapped: Bool)? {
        guard let dir = opendir(url.path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        var total = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            total += 1
            if names.count < limit { names.append(name) }
            if total >= countLimit { return (names, total, true) }
        }
        return (names, total, false)
    }

    /// The path with symlinks resolved, or nil when it does not exist.
    static func resolvingSymlinks(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
