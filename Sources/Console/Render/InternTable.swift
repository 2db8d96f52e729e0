import Registry

/// A process-wide, append-only table giving small integer ids to strings,
/// so cells and roles are plain integers (trivially copied, compared and
/// destroyed) instead of strings.
///
/// Invariants: an id, once given, always names the same string; at most
/// `capacity` strings are kept (untrusted text could otherwise grow it
/// without bound), and `id(for:)` returns nil past that.
///
/// Concurrency: the two process-wide tables (`StyleRole.names`,
/// `Cell.clusters`) are filled from any thread, so the state sits behind a
/// `PthreadMutex`, which ThreadSanitizer understands; behind
/// `Synchronization.Mutex` `make tsan` reported a race here that was not
/// one (see `PthreadMutex` for the reproduction).
final class InternTable: Sendable {
    private let state = PthreadMutex<(ids: [String: UInt32], names: [String])>(([:], []))
    private let capacity: Int

    /// `seed` gets ids 0, 1, … in order.
    init(capacity: Int, seed: [String] = []) {
        self.capacity = capacity
        state.withLock { s in
            for name in seed where s.ids[name] == nil {
                s.ids[name] = UInt32(s.names.count)
                s.names.append(name)
            }
        }
    }

    func id(for name: String) -> UInt32? {
        state.withLock { s in
            if let id = s.ids[name] { return id }
            guard s.names.count < capacity else { return nil }
            let id = UInt32(s.names.count)
            s.ids[name] = id
            s.names.append(name)
            return id
        }
    }

    func name(of id: UInt32) -> String {
        state.withLock { $0.names.indices.contains(Int(id)) ? $0.names[Int(id)] : "" }
    }
}
