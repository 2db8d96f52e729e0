import Crypto
import Foundation

/// Bearer tokens for TCP listeners: `<data dir>/tokens/<name>` (0600, the
/// directory 0700) holds the token for its owner to hand out; the server
/// keeps only SHA-256 digests and compares in constant time.
///
/// All methods do blocking file I/O: call them off Swift's cooperative pool
/// (the server does, through `TokenVerifier`).
public struct TokenStore: Sendable, Hashable {
    public let directory: URL
    public init(directory: URL) { self.directory = directory }

    /// Creates a token named `name` and returns its value (shown once).
    /// A name already in use is refused: revoke it first.
    public func create(name: String) throws(TokenError) -> String {
        try Self.checkName(name)
        try ensureDirectory()
        let value = Self.randomToken()
        let path = file(name).path
        // O_EXCL: never replace an existing token; 0600 from the start.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw errno == EEXIST ? .exists(name) : .io("cannot write the token file")
        }
        defer { close(fd) }
        let bytes = Array((value + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fchmod(fd, 0o600) == 0 else {
            unlink(path)
            throw .io("cannot write the token file")
        }
        return value
    }

    /// Every token's name and creation time, by name; never a value.
    public func list() throws(TokenError) -> [TokenInfo] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            if !FileManager.default.fileExists(atPath: directory.path) { return [] }
            throw .io("cannot read the tokens directory")
        }
        return names.filter { (try? Self.checkName($0)) != nil }.sorted().compactMap { name in
            var info = stat()
            guard lstat(file(name).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            // A token file is written once, so its mtime is its creation time.
            let created = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            return TokenInfo(name: name, createdAt: created)
        }
    }

    /// Removes a token; a server stops accepting it at its next request.
    public func revoke(name: String) throws(TokenError) {
        try Self.checkName(name)
        guard unlink(file(name).path) == 0 else {
            throw errno == ENOENT ? .unknown(name) : .io("cannot remove the token file")
        }
    }

    /// The SHA-256 of every valid token now in the directory.
    func digests() -> [[UInt8]] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { (try? Self.checkName($0)) != nil }.compactMap { name in
            guard let data = FileManager.default.contents(atPath: file(name).path),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !text.isEmpty
            else { return nil }
            return Array(SHA256.hash(data: Data(text.utf8)))
        }
    }

    /// The directory's modification time: it changes when a token is
    /// created or revoked, so the verifier re-reads only then.
    func stamp() -> timespec? {
        var info = stat()
        guard stat(directory.path, &info) == 0 else { return nil }
        return info.st_mtim
    }

    private func file(_ name: String) -> URL { directory.appendingPathComponent(name, isDirectory: false) }

    private func ensureDirectory() throws(TokenError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        } catch {
            throw .io("cannot create the tokens directory")
        }
    }

    static func checkName(_ name: String) throws(TokenError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...64).contains(name.utf8.count) else { throw .invalidName }
    }

    /// 256 random bits as 64 lowercase hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// A token as `token list` shows it: never its value.
public struct TokenInfo: Hashable, Sendable, Codable {
    public var name: String
    public var createdAt: Date
    public init(name: String, createdAt: Date) {
        self.name = name
        self.createdAt = createdAt
    }
}

/// What token management fails with; messages hold no path and no value.
public enum TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidName
    case exists(String)
    case unknown(String)
    case io(String)

    public var message: String {
        switch self {
        case .invalidName: "a token name is 1-64 characters of A-Z a-z 0-9 _ -"
        case let .exists(name): "a token named \(name) already exists; revoke it first or pick another name"
        case let .unknown(name): "no token named \(name)"
        case let .io(message): message
        }
    }

    public var description: String { message }
}
