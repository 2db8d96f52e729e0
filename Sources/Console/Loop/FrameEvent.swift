/// The test-event line of one frame (`WORKERDECK_TEST_EVENTS`). A struct,
/// not a `[String: Value]`: encoding the dictionary with sorted keys cost
/// about three times as much, once a frame, which the streaming benchmark
/// (B12) counts against the console. Absent fields are left out.
struct FrameEvent: Encodable {
    let event = "frame"
    var n: Int
    var width: Int
    var height: Int
    var focus: String
    var workers: Int
    var overlay: String?
    var open: String?
    var status: String?
    var draft: Int?
    var flash: String?
    var entries: Int?
    var streaming: Bool?
    var needsYou: Int
    var drawMicros: Int
    /// Cells handed to the terminal (changed since the previous frame).
    var written: Int

    enum CodingKeys: String, CodingKey {
        case event, n, width, height, focus, workers, overlay, open, status, draft, flash, entries, streaming
        case needsYou = "needs_you", drawMicros = "draw_us", written
    }
}
