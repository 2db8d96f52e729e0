import Foundation

/// `[notify]`: how the console tells the operator about workers out of
/// sight that need them, finished a turn or failed.
///
/// Defaults: the terminal bell on (off: `bell = false`), no OSC
/// notification, no command.
public struct NotifySettings: Hashable, Sendable {
    /// A desktop notification through the terminal.
    public enum OSC: String, Hashable, Sendable, CaseIterable {
        case none
        /// `ESC ] 9 ; text BEL` (iTerm2, Windows Terminal, kitty, foot…).
        case osc9
        /// `ESC ] 777 ; notify ; title ; text BEL` (urxvt, VTE terminals).
        case osc777
    }

    public var bell: Bool
    public var osc: OSC
    /// argv run without a shell; empty: none.
    public var command: [String]

    public init(bell: Bool = true, osc: OSC = .none, command: [String] = []) {
        self.bell = bell; self.osc = osc; self.command = command
    }

    /// Some channel is on.
    public var isOn: Bool { bell || osc != .none || !command.isEmpty }
}

/// The bytes of a notification, written outside the frame diff. Pure.
enum NotifyEscape {
    static let bell = "\u{07}"

    /// The OSC sequence for `text` (already sanitised: no control
    /// characters), wrapped for tmux passthrough when `tmux` (tmux needs
    /// `allow-passthrough on` to forward it).
    static func sequence(_ osc: NotifySettings.OSC, title: String, text: String, tmux: Bool) -> String? {
        let raw: String
        switch osc {
        case .none: return nil
        case .osc9: raw = "\u{1B}]9;\(text)\u{07}"
        case .osc777: raw = "\u{1B}]777;notify;\(title.replacingOccurrences(of: ";", with: ","));\(text)\u{07}"
        }
        guard tmux else { return raw }
        return "\u{1B}Ptmux;" + raw.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}

/// Performs `notify` effects on the UI thread: bell and OSC bytes to the
/// tty, and the configured command as a child process (argv, no shell;
/// output discarded so it cannot draw over the screen).
struct Notifier {
    let settings: NotifySettings
    let environment: [String: String]

    /// Returns why the command could not start, if it could not.
    func notify(_ notice: WorkerNotice, write: (String) -> Void) -> String? {
        if settings.bell { write(NotifyEscape.bell) }
        if let seq = NotifyEscape.sequence(settings.osc, title: "workerdeck", text: notice.message,
                                           tmux: !(environment["TMUX"] ?? "").isEmpty) {
            write(seq)
        }
        guard let program = settings.command.first else { return nil }
        guard let url = Self.executable(program, path: environment["PATH"] ?? "/usr/bin:/bin") else {
            return "notify command \(Sanitiser.cleanLine(program)) not found"
        }
        let process = Process()
        process.executableURL = url
        process.arguments = Array(settings.command.dropFirst())
        var env = environment
        env["WORKERDECK_WORKER"] = notice.label
        env["WORKERDECK_STATUS"] = notice.event.rawValue
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "notify command \(Sanitiser.cleanLine(program)) could not start" }
        return nil
    }

    /// `program` itself when it names a path, else the first executable of
    /// that name on `path` (what a shell would run, without a shell).
    static func executable(_ program: String, path: String) -> URL? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil }
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
