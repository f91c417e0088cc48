/**
 * A CLI argument for a number setting: `auto` → `null` (the default), digits → the number, anything else stays the
 * string, so the setting's rule rejects it by name.
 */
export function numberOrAuto(arg: string | undefined): number | string | null {
    if (arg === "auto") return null;
    return arg != null && /^\d+$/.test(arg) ? Number(arg) : arg ?? "";
}
