/// The version `--version` prints and the API's `/v1/version` states.
enum WorkerDeckVersion {
    static let current = "0.4.0"
}
