import Runtime

/// Everything one execution needs: the profile, its provider and model.
struct RunSettings: Hashable, Sendable {
    var profile: ProfileConfig
    var provider: ProviderConfig
    var model: ModelName
}

extension ProvidersConfig {
    /// Resolves a profile name for a worker, checking (not keeping) the
    /// provider's credential.
    ///
    /// `default` without a configured model takes the first built-in
    /// provider whose credential resolves, in the order openai, anthropic;
    /// with none, it is unresolved with `noProviderReason`. Any other profile
    /// is unresolved when its provider's credential does not resolve, with
    /// the reason naming the reference (`env OPENAI_API_KEY is not set`).
    func resolveRun(_ name: String, environment: [String: String]) -> Result<RunSettings, ResolveFailure> {
        guard let profile = profiles[name] else { return .failure(.unknown) }
        let credentials = CredentialResolver(environment: environment)
        guard let model = profile.model.flatMap(ModelName.init) else {
            // Only `default` may lack a model (the parser guarantees it).
            for candidate in Self.defaultProviderOrder {
                guard let provider = providers[candidate], let model = provider.defaultModel,
                      case .success = credentials.check(provider.auth) else { continue }
                return .success(RunSettings(profile: profile, provider: provider,
                                            model: ModelName(provider: candidate, model: model)))
            }
            return .failure(.unresolved(Self.noProviderReason))
        }
        guard let provider = providers[model.provider] else {
            return .failure(.unresolved("profile \(name) names unknown provider \(model.provider)"))
        }
        if case let .failure(error) = credentials.check(provider.auth) {
            return .failure(.unresolved(error.message))
        }
        return .success(RunSettings(profile: profile, provider: provider, model: model))
    }

    /// The environment variables the providers' `{ env = NAME }`
    /// credentials name: all a backend needs of the process environment.
    public var credentialVariables: Set<String> {
        Set(providers.values.compactMap { if case let .env(name) = $0.auth { name } else { nil } })
    }

    enum ResolveFailure: Error, Hashable {
        case unknown
        case unresolved(String)
    }

    /// The runtime's view of `resolveRun`.
    public func resolveProfile(named name: String, environment: [String: String]) -> ProfileResolution {
        switch resolveRun(name, environment: environment) {
        case let .success(run): .resolved(ResolvedProfile(name: name, model: run.model.display))
        case .failure(.unknown): .unknown
        case let .failure(.unresolved(reason)): .unresolved(reason: reason)
        }
    }
}

/// What `workerdeck doctor` shows for one provider. Never a credential value.
public struct ProviderDoctorInfo: Hashable, Sendable {
    public enum Credential: String, Hashable, Sendable {
        case present, missing
        case notRequired = "not required"
    }

    public var name: String
    public var scheme: ProviderScheme
    /// The host of `base_url` (nil for `scripted`); never its path or query.
    public var host: String?
    /// `env`, `file` or `none`.
    public var authKind: String
    /// The variable name, or the credential file's name.
    public var reference: String?
    public var credential: Credential
    /// Why the credential is missing, naming the reference only.
    public var problem: String?
}

extension ProvidersConfig {
    /// One line per provider, sorted by name, for `doctor`.
    public func doctorReport(environment: [String: String]) -> [ProviderDoctorInfo] {
        let credentials = CredentialResolver(environment: environment)
        return providers.values.sorted { $0.name < $1.name }.map { provider in
            var credential = ProviderDoctorInfo.Credential.notRequired
            var problem: String?
            if provider.auth != .none {
                switch credentials.check(provider.auth) {
                case .success: credential = .present
                case let .failure(error):
                    credential = .missing
                    problem = error.message
                }
            }
            return ProviderDoctorInfo(name: provider.name, scheme: provider.scheme, host: provider.host,
                                      authKind: provider.auth.kind, reference: provider.auth.referenceName,
                                      credential: credential, problem: problem)
        }
    }
}

/// What `workerdeck doctor` shows for one profile: how it resolves now.
public struct ProfileDoctorInfo: Hashable, Sendable {
    public var name: String
    /// The configured `provider/model`; nil for `default` left to choose.
    public var configuredModel: String?
    public var resolution: ProfileResolution
}

extension ProvidersConfig {
    /// One line per profile, sorted by name, for `doctor`.
    public func profileReport(environment: [String: String]) -> [ProfileDoctorInfo] {
        profiles.values.sorted { $0.name < $1.name }.map { profile in
            ProfileDoctorInfo(name: profile.name, configuredModel: profile.model,
                              resolution: resolveProfile(named: profile.name, environment: environment))
        }
    }
}
