/** Digits written when a side is unbounded: enough for any safe integer, few enough that a model can't run away. */
const openDigits = 16;

/**
 * A GBNF expression for the plain JSON integers (no exponent, no leading zeros, no `-0`) from `min` to `max`
 * inclusive; `null` leaves that side open, up to 16 digits (or as many as the other bound has). `min` must not
 * exceed `max`.
 *
 * Like llama.cpp's `_generate_min_max_int`, it works on the digits, so its size grows with the number of digits, not
 * with the width of the range: ±9007199254740991 takes a few dozen rules' worth of text. Numbers are split by sign
 * and by digit count; each same-length range is a common prefix, then the lowest digit followed by the range up to
 * all nines, the middle digits followed by anything, and the highest digit followed by the range from all zeros.
 */
export function integerRangeToGbnf(min: bigint | null, max: bigint | null): string {
    const alternatives: string[] = [];
    if (min == null || min < 0n) {
        // -x for x from max(1, -max) to -min
        const low = max != null && max < 0n ? -max : 1n;
        const high = min == null ? openHigh(low) : -min;
        alternatives.push(`"-" ${group(nonNegativeRange(low, high))}`);
    }
    if (max == null || max >= 0n) {
        const low = min != null && min > 0n ? min : 0n;
        alternatives.push(...nonNegativeRange(low, max ?? openHigh(low)));
    }
    return alternatives.join(" | ");
}

function openHigh(low: bigint): bigint {
    return 10n ** BigInt(Math.max(openDigits, low.toString().length)) - 1n;
}

/** Alternatives for the integers from `low` to `high` (0 ≤ low ≤ high). */
function nonNegativeRange(low: bigint, high: bigint): string[] {
    const alternatives: string[] = [];
    const lowDigits = low.toString().length;
    const highDigits = high.toString().length;
    // Digit counts whose every number is in range collapse into one `[1-9] [0-9]{a,b}`.
    let fullFrom: number | undefined;
    const flushFull = (to: number) => {
        if (fullFrom == null) return;
        alternatives.push(`[1-9]${repeatDigits(fullFrom - 1, to - 1)}`);
        fullFrom = undefined;
    };
    for (let digits = lowDigits; digits <= highDigits; digits++) {
        const from = digits === lowDigits ? low : 10n ** BigInt(digits - 1);
        const to = digits === highDigits ? high : 10n ** BigInt(digits) - 1n;
        const isFull = digits > 1 && from === 10n ** BigInt(digits - 1) && to === 10n ** BigInt(digits) - 1n;
        if (isFull) {
            fullFrom ??= digits;
            continue;
        }
        flushFull(digits - 1);
        alternatives.push(sameLength(from.toString(), to.toString()));
    }
    flushFull(highDigits);
    return alternatives;
}

/** The digit strings from `low` to `high`, both `n` digits long (leading zeros allowed). */
function sameLength(low: string, high: string): string {
    let common = 0;
    while (common < low.length && low[common] === high[common]) common++;
    const prefix = common > 0 ? `"${low.slice(0, common)}"` : "";
    if (common === low.length) return prefix;

    const lowDigit = Number(low[common]);
    const highDigit = Number(high[common]);
    const lowRest = low.slice(common + 1);
    const highRest = high.slice(common + 1);
    const rest = lowRest.length;
    const alternatives: string[] = [];
    if (rest === 0) alternatives.push(digitRange(lowDigit, highDigit));
    else {
        const lowIsFull = /^0*$/.test(lowRest);
        const highIsFull = /^9*$/.test(highRest);
        let middleFrom = lowDigit;
        let middleTo = highDigit;
        if (!lowIsFull) {
            alternatives.push(`"${lowDigit}" ${group([sameLength(lowRest, "9".repeat(rest))])}`);
            middleFrom++;
        }
        if (!highIsFull) middleTo--;
        if (middleFrom <= middleTo) alternatives.push(`${digitRange(middleFrom, middleTo)}${repeatDigits(rest, rest)}`);
        if (!highIsFull) alternatives.push(`"${highDigit}" ${group([sameLength("0".repeat(rest), highRest)])}`);
    }
    const body = alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" | ")})`;
    return prefix === "" ? body : `${prefix} ${body}`;
}

function digitRange(from: number, to: number): string {
    return from === to ? `"${from}"` : `[${from}-${to}]`;
}

/** ` [0-9]{a,b}`, or nothing for no digits. */
function repeatDigits(min: number, max: number): string {
    if (max === 0) return "";
    if (min === 1 && max === 1) return " [0-9]";
    return min === max ? ` [0-9]{${min}}` : ` [0-9]{${min},${max}}`;
}

function group(alternatives: string[]): string {
    return alternatives.length === 1 && !alternatives[0]!.includes("|") ? alternatives[0]! : `(${alternatives.join(" | ")})`;
}
