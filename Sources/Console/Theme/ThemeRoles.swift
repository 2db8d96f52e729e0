/// Every role the panes draw with. A theme may style any of these or a
/// dotted prefix of one (`status` styles every `status.*`); anything else
/// is reported as an unknown role.
public enum ThemeRoles {
    public static let known: [String] = [
        "text", "muted", "title", "banner", "key", "too_small",
        "border", "border.focused",
        "list.selected", "list.selected.unfocused", "list.badge", "list.count", "list.unread",
        "status.idle", "status.busy", "status.stale", "status.unconnected", "status.stopped",
        "status.cancelled", "status.errored", "status.active", "status.pending", "status.metadata_only",
        "status.running", "status.available", "status.degraded", "status.unavailable", "status.read_only",
        "status.connecting", "status.connected", "status.attention",
        "spinner", "header", "header.status",
        "transcript.you", "transcript.model", "transcript.system", "transcript.error", "transcript.notice",
        "transcript.time", "transcript.text", "transcript.cursor", "transcript.indicator", "transcript.match", "transcript.selected",
        "transcript.output", "diff.add", "diff.remove", "diff.hunk", "list.tokens",
        "markdown.heading", "markdown.code", "markdown.fence", "markdown.emphasis", "markdown.strong", "markdown.bullet",
        "composer.prompt", "composer.text", "composer.disabled", "composer.queued", "composer.fold",
        "actionbar", "actionbar.key", "actionbar.disabled",
        "overlay", "overlay.title", "overlay.section", "overlay.key", "overlay.disabled", "overlay.input",
        "diagnostic.info", "diagnostic.warning", "diagnostic.error", "diagnostic.kind",
        "flash.info", "flash.error", "overlay.field.focused", "overlay.error",
    ]

    static let knownSet: Set<String> = {
        var set = Set<String>()
        for role in known { for prefix in StyleRole(role).fallbackChain { set.insert(prefix) } }
        return set
    }()

    public static func isKnown(_ role: String) -> Bool { knownSet.contains(role) }
}
