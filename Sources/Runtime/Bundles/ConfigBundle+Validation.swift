import Foundation

extension ConfigBundle {
    /// Checks ids, digest, text and references. Throws the typed runtime error
    /// for the first problem found; messages quote no rejected value that could
    /// be a secret or a host path.
    public func validate() throws(RuntimeError) {
        try BundleText.checkIdentifier(metadata.id, what: "bundle id")
        try BundleText.checkIdentifier(metadata.workspaceId, what: "workspace id")
        try BundleText.checkText(metadata.provenance, what: "provenance")
        guard metadata.revision >= 1 else { throw .invalidRequest("bundle revision must be 1 or more") }
        guard !profiles.isEmpty else { throw .invalidProfileSelector("bundle declares no profile") }
        for profile in profiles {
            guard BundleText.isIdentifier(profile.selector) else {
                throw .invalidProfileSelector("profile selector must be 1-128 of A-Z a-z 0-9 . _ : - starting alphanumeric")
            }
            if let label = profile.label { try BundleText.checkText(label, what: "profile label") }
        }
        for declaration in declarations {
            guard let kind = DeclarationKind(rawValue: declaration.kind) else {
                throw .unsupportedConfigDeclaration(kind: BundleText.isIdentifier(declaration.kind) ? declaration.kind : "(invalid)")
            }
            try BundleText.checkIdentifier(declaration.name, what: "declaration name")
            try BundleText.checkText(declaration.reference, what: "reference")
            guard declaration.reference.hasPrefix(kind.referencePrefix),
                  declaration.reference.count > kind.referencePrefix.count
            else {
                throw .invalidRequest("reference of \(declaration.name) must start with \(kind.referencePrefix)")
            }
        }
        for line in canonicalLines where BundleText.looksLikeSecret(line) {
            _ = line
            throw .invalidRequest("bundle contains what looks like a plaintext secret; declare a secret: reference instead")
        }
        guard metadata.digest == computedDigest else { throw .configBundleDigestMismatch }
    }
}

/// Text rules for bundle facts.
enum BundleText {
    static func isIdentifier(_ text: String) -> Bool {
        guard (1...128).contains(text.unicodeScalars.count),
              let first = text.unicodeScalars.first, isAlnum(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "." || $0 == "_" || $0 == ":" || $0 == "-" }
    }

    static func checkIdentifier(_ text: String, what: String) throws(RuntimeError) {
        guard isIdentifier(text) else {
            throw .invalidRequest("\(what) must be 1-128 of A-Z a-z 0-9 . _ : - starting alphanumeric")
        }
    }

    /// Rejects control characters and host-local content.
    static func checkText(_ text: String, what: String) throws(RuntimeError) {
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            throw .invalidRequest("\(what) contains control characters")
        }
        if isHostLocal(text) {
            throw .invalidRequest("\(what) contains host-local content (absolute path, home path, socket or session path)")
        }
    }

    static func isHostLocal(_ text: String) -> Bool {
        let afterPrefix = text.split(separator: ":", maxSplits: 1).last.map(String.init) ?? text
        return text.hasPrefix("/") || text.hasPrefix("~") || afterPrefix.hasPrefix("/") || afterPrefix.hasPrefix("~")
            || text.contains(".sock") || text.contains("/sessions/")
    }

    /// Heuristics for plaintext credentials: provider key shapes (`sk-…`,
    /// `ghp_…`), `key=`/`token=` assignments, bearer headers, PEM blocks, and
    /// long unbroken hex or base64 runs (32 or more characters).
    static func looksLikeSecret(_ text: String) -> Bool {
        let lower = text.lowercased()
        for marker in ["key=", "token=", "password=", "secret=", "bearer ", "-----begin"] where lower.contains(marker) {
            return true
        }
        let tokens = text.unicodeScalars.split { !(isAlnum($0) || "-_+/=".unicodeScalars.contains($0)) }
        for token in tokens {
            let word = String(String.UnicodeScalarView(token))
            for prefix in ["sk-", "sk_", "ghp_", "xoxb-", "xoxp-", "AKIA"] where word.hasPrefix(prefix) && word.count >= 20 {
                return true
            }
            var run = 0
            for scalar in token {
                if isAlnum(scalar) || scalar == "+" || scalar == "/" || scalar == "=" {
                    run += 1
                    if run >= 32 { return true }
                } else {
                    run = 0
                }
            }
        }
        return false
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
    }
}
