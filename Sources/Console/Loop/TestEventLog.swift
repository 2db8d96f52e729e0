#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `WORKERDECK_TEST_EVENTS=FILE`: the console appends one JSON object per
/// line — `ready`, `frame`, `toast` (each new flash-line message), `exit` — for end-to-end tests to wait on.
/// Not `Sendable`: written from the UI thread only.
public final class TestEventLog {
    private let handle: FileHandle?

    /// Opens (creating, mode 0600) the file `path` names for appending.
    ///
    /// The events describe what the console shows, so they are kept private,
    /// and the variable cannot be used to make the console write through a
    /// link or into a device or FIFO: a symbolic link at `path` or anything
    /// but a regular file of this user is refused (checked on the opened
    /// descriptor, so nothing can be swapped in between). A file that already
    /// exists is appended to and narrowed to 0600. Nil or empty: no log.
    ///
    /// - Throws: `ConsoleFailure` with code `.invalidInput`, naming the
    ///   variable and the reason, never the path.
    public static func open(path: String?) throws(ConsoleFailure) -> FileHandle? {
        guard let path, !path.isEmpty else { return nil }
        // O_NONBLOCK: opening a FIFO with no reader fails at once instead of
        // hanging the console; it changes nothing for a regular file.
        let flags = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
        #if canImport(Glibc)
        let fd = Glibc.open(path, flags, 0o600)
        #else
        let fd = Darwin.open(path, flags, 0o600)
        #endif
        guard fd >= 0 else {
            switch errno {
            case ELOOP: throw refusal("it is a symbolic link")
            case EISDIR, ENXIO: throw refusal("it is not a regular file")
            default: throw refusal("it cannot be opened (\(String(cString: strerror(errno))))")
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw refusal("it cannot be checked")
        }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else {
            close(fd)
            throw refusal("it is not a regular file")
        }
        guard info.st_uid == geteuid() else {
            close(fd)
            throw refusal("it belongs to another user")
        }
        if info.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            close(fd)
            throw refusal("it cannot be made private (mode 0600)")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    private static func refusal(_ reason: String) -> ConsoleFailure {
        ConsoleFailure("WORKERDECK_TEST_EVENTS must name a regular file of yours: \(reason)", code: .invalidInput)
    }

    /// Writes to `handle` (from `open(path:)`); nil: no log.
    public init(handle: FileHandle?) {
        self.handle = handle
    }

    public var isEnabled: Bool { handle != nil }

    /// One field's value: the events carry numbers, text and flags only.
    public enum Value: Encodable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
        case int(Int)
        case text(String)
        case flag(Bool)

        public init(integerLiteral value: Int) { self = .int(value) }
        public init(stringLiteral value: String) { self = .text(value) }
        public init(booleanLiteral value: Bool) { self = .flag(value) }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            }
        }
    }

    /// A `JSONEncoder`, not `JSONSerialization`: on Linux the latter bridges
    /// through `NSDictionary` and cost about 0.3 ms per frame event, which
    /// the streaming benchmarks (B12) counted against the console.
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public func emit(_ event: String, _ fields: [String: Value] = [:]) {
        var object = fields
        object["event"] = .text(event)
        emit(object)
    }

    /// One line for a value that names its own `event` field.
    func emit(_ object: some Encodable) {
        guard let handle, var data = try? encoder.encode(object) else { return }
        data.append(UInt8(ascii: "\n"))
        try? handle.write(contentsOf: data)
    }
}
