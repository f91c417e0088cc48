/** True when `err` is a Node system error with the given `code` (e.g. `"ENOENT"`). */
export function isErrnoCode(err: unknown, code: string): boolean {
    return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}
