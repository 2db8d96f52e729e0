/// What a process wants from the workspace's runtime; decides whether it
/// owns the store or attaches to the process that does (serve.md).
enum DeckRole: Sendable, Equatable {
    /// The console: owns (and serves) when nobody does, else attaches; takes
    /// over unaided when the owner goes.
    case console
    /// `workerdeck serve`: must own.
    case serve
    /// A CLI read: attaches to an owner, else reads the store without taking
    /// its lock.
    case read
    /// A CLI mutation: attaches to an owner, else owns for the call (and
    /// serves meanwhile, so a console started now attaches).
    case write
    /// A CLI mutation whose effect outlives the call (`send` without
    /// `--wait`): attaches to an owner, starting one in the background when
    /// none runs.
    case handOff
}
