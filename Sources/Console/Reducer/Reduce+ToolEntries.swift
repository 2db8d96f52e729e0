/// Tool entries are one line until asked: `e` (or Enter) on the transcript
/// expands the selected one (else the newest tool entry) into its
/// arguments, output and diff, and folds it again.
extension AppState {
    mutating func toggleExpansion() -> [Effect] {
        guard let key = openWorker, var t = transcripts[key], !t.items.isEmpty else {
            return flash(.info, "no tool entry to expand yet")
        }
        let target = t.selected ?? t.items.last(where: { $0.tool != nil })?.sequence
        guard let sequence = target, let index = t.items.firstIndex(where: { $0.sequence == sequence }) else {
            return flash(.info, "no tool entry to expand in the loaded transcript")
        }
        guard t.items[index].tool != nil else {
            return flash(.info, "entry \(sequence) is not a tool call or result")
        }
        let expanding = !t.expanded.contains(sequence)
        if expanding { t.expanded.insert(sequence) } else { t.expanded.remove(sequence) }
        // Its row count changes with the expansion.
        t.rowCounts[sequence] = nil
        t.selected = sequence
        transcripts[key] = t
        clampScroll()
        return scrollEntryIntoView(index) + flash(.info, "\(expanding ? "expanded" : "folded") entry \(sequence)")
    }
}
