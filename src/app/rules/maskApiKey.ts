/** `tholos-abcd…wxyz` → `tholos-••••••••wxyz`: enough to tell keys apart, not enough to use one. */
export function maskApiKey(key: string): string {
    const prefix = key.startsWith("tholos-") ? "tholos-" : "";
    const tail = key.length - prefix.length > 8 ? key.slice(-4) : "";
    return `${prefix}${"•".repeat(8)}${tail}`;
}
