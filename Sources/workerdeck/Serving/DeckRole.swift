/// What a process wants from the workspace's runtime; decides whether it
/// owns the store or attaches to the process that does (serve.md).
enum DeckRole: Sendable, Equatable {
    /// The console: owns (and serves) when nobody does, else attaches; takes
    /// over unaided when the owner goes.
    case console
    /// `workerdeck serve`: must own.
    case serve
    /// A CLI read: attaches to an owner, else opens the store for the
    /// call's duration (restoring it, as an owner would).
    case read
    /// A long-running read (`events --follow`): attaches to an owner, else
    /// follows the store read-only, never holding its lock (a console
    /// started meanwhile must be able to own the workspace).
    case follow
    /// A CLI mutation: attaches to an owner, else owns for the call (and
    /// serves meanwhile, so a console started now attaches).
    case write
    /// A CLI mutation whose effect outlives the call (`send` without
    /// `--wait`): attaches to an owner, starting one in the background when
    /// none runs.
    case handOff
}
