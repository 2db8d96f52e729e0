/// What ends a command's group when the process that started it dies
/// without ending it (kill -9 of workerdeck mid-call, quality.md R13).
///
/// Linux has no way to tie a whole group to its parent's life, and
/// swift-subprocess offers no pre-exec hook on Linux (`PR_SET_PDEATHSIG`
/// would cover the shell only, and fires when the spawning *thread* ends).
/// So the shell first starts a watcher in its own group, then `exec`s the
/// command's shell (its pid, signals and exit status stay the command's):
/// the watcher checks every 2 s that the starting process (`$PPID`) is still
/// the shell's parent (`/proc/$$/stat`: a killed parent nobody has reaped is
/// a zombie `kill -0` still finds, but its children are reparented at once)
/// and, once it is not, sends the group SIGTERM, then SIGKILL 2 s later. It
/// ignores SIGTERM only then: until then the group's usual ending ends it
/// too. Its output goes to /dev/null, so it never holds the output pipe open.
enum OwnerWatch {
    static let script = #"""
        owner=$PPID
        owned() {
            kill -0 "$owner" 2>/dev/null || return 1
            [ -r /proc/$$/stat ] || return 0
            stat=$(cat /proc/$$/stat) && stat=${stat##*) } && set -- $stat && [ "$2" = "$owner" ]
        }
        (while owned; do sleep 2; done; trap '' TERM; kill -TERM 0; sleep 2; kill -KILL 0) </dev/null >/dev/null 2>&1 &
        exec /bin/sh -c "$1"
        """#

    /// `/bin/sh` arguments that run `command` under the watcher.
    static func shellArguments(_ command: String) -> [String] {
        ["-c", script, "sh", command]
    }
}
