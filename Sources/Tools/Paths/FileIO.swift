#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// Reads and writes of resolved paths. Opens with `O_NOFOLLOW`: the path was
/// resolved to its real path just before, so a symlink in the last place now
/// was put there since, and is refused rather than followed.
enum FileIO {
    enum Kind { case missing, file, directory, other }

    /// What is at a real path (not following a symlink in the last place).
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func size(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// The whole file, refused past `maxBytes`.
    static func read(_ path: String, display: String, maxBytes: Int) throws(ToolFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno, display) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno, display) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .error(info.st_mode & S_IFMT == S_IFDIR ? "\(display) is a directory" : "\(display) is not a regular file")
        }
        guard info.st_size <= maxBytes else {
            throw .error("\(display) is \(info.st_size) bytes, over the \(maxBytes / (1024 * 1024)) MiB this tool reads; use bash (head, sed -n, grep) for parts of it")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno, display)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= maxBytes else { throw .error("\(display) grew past \(maxBytes / (1024 * 1024)) MiB while being read") }
        }
        return bytes
    }

    /// Creates or truncates the file and writes `bytes`; a new file gets
    /// 0644 (less the umask), an existing one keeps its mode.
    static func write(_ bytes: [UInt8], to path: String, display: String) throws(ToolFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(errno, display) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(errno, display)
            }
            offset += written
        }
    }

    /// Makes the missing directories of a real path inside the workdir.
    static func makeDirectories(_ path: String, display: String) throws(ToolFailure) {
        var current = ""
        for name in path.split(separator: "/") {
            current += "/" + name
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw failure(errno, display) }
            guard kind(current) == .directory else { throw .error("cannot create the folders of \(display): a part of it is not a folder") }
        }
    }

    static func failure(_ code: Int32, _ display: String) -> ToolFailure {
        switch code {
        case ENOENT: .error("no such file: \(display)")
        case ELOOP: .denied // a symlink appeared where the resolved path had none
        case EACCES, EPERM: .error("permission denied: \(display)")
        case EISDIR: .error("\(display) is a directory")
        case ENOTDIR: .error("a part of \(display) is not a folder")
        default: .error("\(display): \(String(cString: strerror(code)))")
        }
    }
}
