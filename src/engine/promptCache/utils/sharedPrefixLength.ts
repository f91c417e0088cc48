/** How many leading items `a` and `b` have in common. */
export function sharedPrefixLength(a: ArrayLike<number>, b: ArrayLike<number>) {
    const length = Math.min(a.length, b.length);
    let i = 0;
    while (i < length && a[i] === b[i]) i++;
    return i;
}
