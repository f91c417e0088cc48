/** The message of anything thrown, for wrapping into our own errors. */
export function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}
