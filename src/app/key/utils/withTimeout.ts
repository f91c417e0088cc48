export type WithTimeoutOptions = {
    /** Milliseconds before giving up. */
    readonly timeoutMs: number,

    /** Builds the error thrown on timeout. */
    readonly onTimeout: () => Error
};

/**
 * Resolves/rejects like `promise`, or rejects with `onTimeout()` after
 * `timeoutMs`. The underlying operation is not cancelled (a native keychain
 * call can't be); its late result or rejection is swallowed so it never
 * becomes an unhandled rejection.
 */
export async function withTimeout<T>(promise: Promise<T>, {timeoutMs, onTimeout}: WithTimeoutOptions): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), timeoutMs);
        // A hung keychain daemon must not keep the process alive on exit.
        timer.unref();
    });

    promise.catch(() => undefined);

    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}
