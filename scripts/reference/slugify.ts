/**
 * GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens; a repeated heading gets `-1`, `-2`…),
 * so links in `docs/reference.md` work on GitHub and in the served HTML alike.
 */
export function createSlugger() {
    const seen = new Map<string, number>();
    return (heading: string) => {
        const base = heading.toLowerCase().trim()
            .replace(/<[^>]*>/g, "")
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const count = seen.get(base);
        seen.set(base, (count ?? -1) + 1);
        return count == null ? base : `${base}-${count + 1}`;
    };
}
