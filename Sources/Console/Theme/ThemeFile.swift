import TOMLKit

/// One parsed theme file (before `extends` is applied).
struct ThemeFile {
    var label: String
    var name: String?
    var extends: String?
    var borders: BorderGlyphs?
    var palette: [String: String] = [:]
    /// Role → (fg, bg, attrs) as written; colours still palette names.
    var roles: [String: (fg: String?, bg: String?, attrs: TextAttributes?)] = [:]
    var diagnostics: [ThemeDiagnostic] = []

    static func parse(_ text: String, label: String) -> ThemeFile {
        var file = ThemeFile(label: label)
        func report(_ key: String, _ message: String) {
            file.diagnostics.append(ThemeDiagnostic(file: label, key: key, message: message))
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            report("line \(error.source.begin.line)", "not valid TOML: \(error.description)")
            return file
        } catch {
            report("-", "not valid TOML")
            return file
        }
        for key in table.keys where !["meta", "palette", "roles"].contains(key) { report(key, "unknown key") }
        if let meta = table["meta"]?.table {
            for key in meta.keys {
                switch key {
                case "name": file.name = meta[key]?.string
                case "extends": file.extends = meta[key]?.string
                case "borders":
                    if let b = meta[key]?.string.flatMap(BorderGlyphs.named) { file.borders = b } else {
                        report("meta.borders", "expected \"square\", \"rounded\" or \"ascii\"")
                    }
                default: report("meta.\(key)", "unknown key")
                }
            }
        }
        if let palette = table["palette"]?.table {
            for key in palette.keys {
                if let v = palette[key]?.string, ThemeColor(parsing: v) != nil { file.palette[key] = v }
                else if let n = palette[key]?.int, (0...255).contains(n) { file.palette[key] = String(n) }
                else { report("palette.\(key)", "not a colour (default, an ANSI name, bright-NAME, 0..255 or #rrggbb)") }
            }
        }
        if let roles = table["roles"]?.table {
            for role in roles.keys {
                guard ThemeRoles.isKnown(role) else { report("roles.\"\(role)\"", "unknown role"); continue }
                guard let spec = roles[role]?.table else { report("roles.\"\(role)\"", "expected { fg, bg, attrs }"); continue }
                var entry: (fg: String?, bg: String?, attrs: TextAttributes?) = (nil, nil, nil)
                for key in spec.keys {
                    switch key {
                    case "fg": entry.fg = spec[key]?.string ?? spec[key]?.int.map(String.init)
                    case "bg": entry.bg = spec[key]?.string ?? spec[key]?.int.map(String.init)
                    case "attrs":
                        var attrs: TextAttributes = []
                        for v in spec[key]?.array.map({ Array($0) }) ?? [] {
                            if let name = v.string, let a = TextAttributes.names[name] { attrs.insert(a) }
                            else { report("roles.\"\(role)\".attrs", "unknown attribute \(v.string ?? v.debugDescription)") }
                        }
                        entry.attrs = attrs
                    default: report("roles.\"\(role)\".\(key)", "unknown key")
                    }
                }
                file.roles[role] = entry
            }
        }
        return file
    }

    /// Applies a chain (child first) into one theme: child roles win whole,
    /// palette names resolve through the merged palette.
    static func resolve(chain: [ThemeFile], name: String) -> (Theme, [ThemeDiagnostic]) {
        var palette: [String: String] = [:]
        var raw: [String: (fg: String?, bg: String?, attrs: TextAttributes?)] = [:]
        var borders = BorderGlyphs.square
        for file in chain.reversed() {
            palette.merge(file.palette) { $1 }
            raw.merge(file.roles) { $1 }
            if let b = file.borders { borders = b }
        }
        func color(_ s: String?) -> ThemeColor {
            guard let s else { return .terminalDefault }
            if let p = palette[s] { return ThemeColor(parsing: p) ?? .terminalDefault }
            return ThemeColor(parsing: s) ?? .terminalDefault
        }
        var problems: [ThemeDiagnostic] = []
        for file in chain {
            for (role, r) in file.roles.sorted(by: { $0.key < $1.key }) {
                for (key, value) in [("fg", r.fg), ("bg", r.bg)] {
                    if let v = value, palette[v] == nil, ThemeColor(parsing: v) == nil {
                        problems.append(ThemeDiagnostic(file: file.label, key: "roles.\"\(role)\".\(key)",
                                                        message: "unknown colour or palette name \"\(v)\""))
                    }
                }
            }
        }
        var roles: [String: RoleStyle] = [:]
        for (role, r) in raw { roles[role] = RoleStyle(fg: color(r.fg), bg: color(r.bg), attributes: r.attrs ?? []) }
        if roles["text"] == nil { roles["text"] = .plain }
        return (Theme(name: chain.first?.name ?? name, roles: roles, borders: borders), problems)
    }
}
