/** Unicode code points end here. */
const maxCodePoint = 0x10ffff;

/** An immutable set of Unicode code points, kept as sorted, disjoint, non-adjacent inclusive ranges. */
export class CodePointSet {
    public static readonly empty = new CodePointSet([]);
    public static readonly all = new CodePointSet([[0, maxCodePoint]]);

    public readonly ranges: readonly (readonly [number, number])[];

    private constructor(ranges: readonly (readonly [number, number])[]) {
        this.ranges = ranges;
    }

    /** The code points of the given inclusive ranges (in any order, overlapping or not). */
    public static of(...ranges: (readonly [number, number])[]): CodePointSet {
        const sorted = ranges.filter(([from, to]) => from <= to).sort((a, b) => a[0] - b[0]);
        const merged: [number, number][] = [];
        for (const [from, to] of sorted) {
            const last = merged.at(-1);
            if (last != null && from <= last[1] + 1) last[1] = Math.max(last[1], to);
            else merged.push([from, to]);
        }
        return new CodePointSet(merged);
    }

    /** The code points of `chars`. */
    public static ofChars(chars: string): CodePointSet {
        return CodePointSet.of(...Array.from(chars, (char) => [char.codePointAt(0)!, char.codePointAt(0)!] as const));
    }

    public get isEmpty(): boolean {
        return this.ranges.length === 0;
    }

    /** How many code points the set holds. */
    public get size(): number {
        return this.ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0);
    }

    public has(codePoint: number): boolean {
        return this.ranges.some(([from, to]) => from <= codePoint && codePoint <= to);
    }

    public union(other: CodePointSet): CodePointSet {
        return CodePointSet.of(...this.ranges, ...other.ranges);
    }

    public complement(): CodePointSet {
        const ranges: [number, number][] = [];
        let next = 0;
        for (const [from, to] of this.ranges) {
            if (from > next) ranges.push([next, from - 1]);
            next = to + 1;
        }
        if (next <= maxCodePoint) ranges.push([next, maxCodePoint]);
        return new CodePointSet(ranges);
    }

    public intersect(other: CodePointSet): CodePointSet {
        return this.complement().union(other.complement()).complement();
    }

    public minus(other: CodePointSet): CodePointSet {
        return this.intersect(other.complement());
    }
}
