/// A streaming filter that replaces every occurrence of any of a set of byte strings with `*****`.
///
/// Why a streaming multi-pattern matcher: a child's output arrives in arbitrary pieces, so a value can be
/// split across writes, and lwexec must neither wait for whole lines (that would change buffering) nor
/// hold more than it needs. This is an Aho–Corasick automaton compiled to a dense table over byte classes
/// (only bytes that occur in some value get a class of their own, so the table stays small).
///
/// Guarantees:
/// - Output equals input with every matched range replaced; overlapping occurrences merge into one
///   `*****`, adjacent ones each get their own. Everything else is byte-identical.
/// - Unmasked bytes are held back only while they could still be the start of a match: at most
///   `longest - 1` bytes, exactly the longest suffix of the stream that is a prefix of some value.
///   A held byte is released by the first byte that rules out every match through it, or by `finish`.
public struct MaskFilter: Sendable {
    /// What a masked range becomes.
    public static let replacement: [UInt8] = Array("*****".utf8)

    /// Byte -> class; class 0 is "occurs in no value" and always leads back to the root.
    private let classOf: [UInt8]
    private let classCount: Int
    /// The automaton: `next[state * classCount + class]`.
    private let next: [Int32]
    /// Length of the prefix each state stands for (how many bytes it may have to hold).
    private let depth: [Int32]
    /// Length of the longest value that ends at this state (0: none).
    private let matchLength: [Int32]
    /// The longest value, in bytes (0: nothing to mask, the filter passes everything through).
    public let longest: Int

    private var state: Int32 = 0
    /// Bytes not yet written out; `pending[0]` is stream position `pendingStart`.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Bytes seen so far.
    private var position = 0
    /// Masked ranges `[start, end)` in stream positions, sorted, not yet written out.
    private var masks: [(start: Int, end: Int)] = []

    /// Builds the matcher. Empty values are ignored; duplicates are harmless.
    public init(values: [[UInt8]]) {
        let patterns = Array(Set(values.filter { !$0.isEmpty }))
        var classOf = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for p in patterns {
            for b in p where classOf[Int(b)] == 0 {
                // More than 255 distinct bytes cannot happen: there are 256 bytes and class 0 is reserved,
                // so the 256th distinct byte would need 256; share the last class instead (still correct,
                // only less precise: shared classes make transitions coarser). Guard anyway.
                if classes < 256 { classOf[Int(b)] = UInt8(classes); classes += 1 }
            }
        }
        // With every byte used, one byte shares class 0 — impossible to tell it from "no value". Fall back
        // to identity classes in that (pathological) case.
        if patterns.contains(where: { $0.contains { classOf[Int($0)] == 0 } }) {
            classes = 256
            for b in 0..<256 { classOf[b] = UInt8(truncatingIfNeeded: b) }
        }
        let width = classes
        // Trie.
        var next = [Int32](repeating: -1, count: width)
        var depth: [Int32] = [0]
        var terminal: [Int32] = [0]
        for p in patterns {
            var s = 0
            for b in p {
                let slot = s * width + Int(classOf[Int(b)])
                if next[slot] < 0 {
                    next[slot] = Int32(depth.count)
                    depth.append(depth[s] + 1)
                    terminal.append(0)
                    next += [Int32](repeating: -1, count: width)
                }
                s = Int(next[slot])
            }
            terminal[s] = Int32(p.count)
        }
        // Failure links, breadth first, folded into the table (a complete DFA).
        var fail = [Int32](repeating: 0, count: depth.count)
        var match = terminal
        var queue: [Int] = []
        for c in 0..<width {
            let t = next[c]
            if t < 0 { next[c] = 0 } else { fail[Int(t)] = 0; queue.append(Int(t)) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            match[s] = max(match[s], match[Int(fail[s])])
            for c in 0..<width {
                let slot = s * width + c
                let t = next[slot]
                let viaFail = next[Int(fail[s]) * width + c]
                if t < 0 {
                    next[slot] = viaFail
                } else {
                    fail[Int(t)] = viaFail
                    queue.append(Int(t))
                }
            }
        }
        self.classOf = classOf
        self.classCount = width
        self.next = next
        self.depth = depth
        self.matchLength = match
        self.longest = patterns.map { $0.count }.max() ?? 0
    }

    /// How many bytes are held back right now (masked or not).
    public var heldCount: Int { pending.count }

    /// Filters the next piece of the stream, appending what can be written now to `out`.
    public mutating func feed(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        if longest == 0 { out.append(contentsOf: input); return }
        let inputStart = position
        var s = Int(state)
        var pos = position
        let classes = classOf, table = next, found = matchLength, width = classCount
        var masks = self.masks
        self.masks = []
        classes.withUnsafeBufferPointer { cls in
            table.withUnsafeBufferPointer { table in
                found.withUnsafeBufferPointer { found in
                    for b in input {
                        s = Int(table[s &* width &+ Int(cls[Int(b)])])
                        pos &+= 1
                        let length = Int(found[s])
                        if length > 0 { Self.addMask(start: pos - length, end: pos, to: &masks) }
                    }
                }
            }
        }
        self.masks = masks
        state = Int32(s)
        position = pos
        var boundary = position - Int(depth[s])
        // A masked range still in the hold zone may yet merge with a later match: hold all of it.
        if let open = masks.first(where: { $0.end > boundary }), open.start < boundary { boundary = open.start }
        emit(upTo: boundary, input: input, inputStart: inputStart, into: &out)
    }

    /// Convenience for byte arrays.
    public mutating func feed(_ input: [UInt8], into out: inout [UInt8]) {
        input.withUnsafeBytes { feed($0, into: &out) }
    }

    /// The stream ended: nothing can match any more, so everything held is written out.
    public mutating func finish(into out: inout [UInt8]) {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        emit(upTo: position, input: empty, inputStart: position, into: &out)
        state = 0
    }

    private static func addMask(start: Int, end: Int, to masks: inout [(start: Int, end: Int)]) {
        var start = start
        // Overlapping ranges become one; `end` is the largest end so far.
        while let last = masks.last, last.end > start {
            start = min(start, last.start)
            masks.removeLast()
        }
        masks.append((start, end))
    }

    /// Writes stream positions `[pendingStart, limit)` with masked ranges replaced, and keeps the rest.
    private mutating func emit(upTo limit: Int, input: UnsafeRawBufferPointer, inputStart: Int,
                               into out: inout [UInt8]) {
        var cursor = pendingStart
        var done = 0
        for m in masks {
            guard m.end <= limit else { break }
            copy(from: cursor, to: m.start, input: input, inputStart: inputStart, into: &out)
            out.append(contentsOf: Self.replacement)
            cursor = m.end
            done += 1
        }
        masks.removeFirst(done)
        copy(from: cursor, to: limit, input: input, inputStart: inputStart, into: &out)
        // Keep [limit, position).
        var kept: [UInt8] = []
        kept.reserveCapacity(position - limit)
        copy(from: limit, to: position, input: input, inputStart: inputStart, into: &kept)
        pending = kept
        pendingStart = limit
    }

    /// Appends stream positions `[from, to)`, which lie in `pending` and/or `input`.
    private func copy(from: Int, to: Int, input: UnsafeRawBufferPointer, inputStart: Int, into out: inout [UInt8]) {
        guard from < to else { return }
        let pendingEnd = pendingStart + pending.count
        if from < pendingEnd {
            out.append(contentsOf: pending[(from - pendingStart)..<(min(to, pendingEnd) - pendingStart)])
        }
        let a = max(from, inputStart), b = to
        if a < b {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[(a - inputStart)..<(b - inputStart)]))
        }
    }
}
