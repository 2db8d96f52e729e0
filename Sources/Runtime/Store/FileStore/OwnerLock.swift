#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The exclusive advisory lock (`flock`) on `<root>/owner.lock` that makes one
/// process the store's owner. Held from `acquire` until `release` or deinit;
/// the kernel drops it when the process dies, so a crashed owner never blocks
/// a takeover.
///
/// The file holds the owner's pid (for `doctor` and the observer's banner);
/// its content is informative only — the lock is the authority.
/// The descriptor is close-on-exec, so child processes never inherit the lock.
final class OwnerLock: Sendable {
    static let fileName = "owner.lock"

    enum Acquisition {
        case owned(OwnerLock)
        /// Another open file description holds the lock; `pid` as it wrote it.
        case busy(pid: Int32?)
    }

    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Takes the lock in `root`, creating the lock file with mode 0600 when
    /// missing. A held lock is retried a few times over about 150 ms before
    /// it counts as owned elsewhere: `probe` (doctor, a client checking for
    /// an owner) holds it shared for an instant, and an owner starting just
    /// then must not mistake that for another owner.
    static func acquire(in root: URL) throws(RuntimeError) -> Acquisition {
        let path = root.appendingPathComponent(fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .storeUnavailable("the owner lock cannot be opened (\(String(cString: strerror(errno))))")
        }
        var locked = flock(fd, LOCK_EX | LOCK_NB) == 0
        var pause: useconds_t = 10_000
        while !locked, errno == EWOULDBLOCK, pause <= 80_000 {
            usleep(pause)
            pause *= 2
            locked = flock(fd, LOCK_EX | LOCK_NB) == 0
        }
        if !locked {
            let reason = errno
            let pid = readPid(fd)
            close(fd)
            if reason == EWOULDBLOCK { return .busy(pid: pid) }
            throw .storeUnavailable("the owner lock cannot be taken (\(String(cString: strerror(reason))))")
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return .owned(OwnerLock(descriptor: fd))
    }

    /// The pid written in the lock file of `root`, and whether a live
    /// process holds the lock now (probed without keeping it).
    static func probe(in root: URL) -> (locked: Bool, pid: Int32?) {
        let path = root.appendingPathComponent(fileName).path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (false, nil) }
        defer { close(fd) }
        let pid = readPid(fd)
        if flock(fd, LOCK_SH | LOCK_NB) != 0 { return (errno == EWOULDBLOCK, pid) }
        flock(fd, LOCK_UN)
        return (false, pid)
    }

    /// Unlocks and closes; idempotent.
    func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
