import Foundation

/// Reads a `{ file = PATH }` credential through one open descriptor: the
/// permission check (`fstat`) and the read both use it, so the file whose
/// mode was checked is the file that is read. Checking by path and then
/// reading by path would read whatever was put at the path in between.
enum KeyFile {
    /// A key is a line of text; anything bigger is not a key file.
    static let maxSize = 64 * 1024

    /// - Parameter beforeRead: called after the checks, before reading;
    ///   tests swap the file at `path` here.
    static func read(_ path: String, reference: AuthReference,
                     beforeRead: () -> Void = {}) throws(ProviderError) -> Secret {
        let expanded = (path as NSString).expandingTildeInPath
        // Non-blocking, so a FIFO put there cannot hang the turn; no
        // controlling terminal, not inherited by child processes.
        let fd = open(expanded, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(reference, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(reference, errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ProviderError(.credential, "\(reference) is not a regular file")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw ProviderError(.credential, "\(reference) is readable by group or others (mode \(String(mode, radix: 8))); run chmod 600 on it")
        }
        beforeRead()
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(reference, errno)
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            guard bytes.count <= maxSize else { throw ProviderError(.credential, "\(reference) is larger than 64 KiB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProviderError(.credential, "\(reference) is not UTF-8 text")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ProviderError(.credential, "\(reference) is empty") }
        return Secret(value)
    }

    /// Names the reference (the file's name, never its directory) and the
    /// system's reason.
    private static func failure(_ reference: AuthReference, _ code: Int32) -> ProviderError {
        ProviderError(.credential, "\(reference) cannot be read (\(String(cString: strerror(code))))")
    }
}
