import net from "node:net";
import type {AppState} from "../AppState.js";
import {isErrnoCode} from "../utils/isErrnoCode.js";
import {ControlError} from "./ControlError.js";
import type {ControlEvent, ControlMethod, ControlParams, ControlResponse, ControlResults} from "./ControlMethods.js";
import {splitLines} from "./splitLines.js";

export type ControlClientConnectOptions = {
    /** Give up connecting after this many ms. Default: 2000. */
    readonly timeoutMs?: number
};

export type ControlRequestOptions = {
    /** Give up waiting for the answer after this many ms; 0 waits as long as the instance is there. Default: 60 000. */
    readonly timeoutMs?: number
};

type Pending = {resolve(result: unknown): void, reject(error: unknown): void, timer: NodeJS.Timeout | null};

/** The CLI's end of the control socket: requests to the running instance, and its state pushes after `watch`. */
export class ControlClient {
    readonly #socket: net.Socket;
    readonly #pending = new Map<number, Pending>();
    readonly #stateListeners = new Set<(state: AppState) => void>();
    #nextId = 1;
    #closed = false;

    private constructor(socket: net.Socket) {
        this.#socket = socket;
        socket.setEncoding("utf8");
        socket.on("data", splitLines((line) => this.#onLine(line), () => this.#fail("control_protocol", "The instance sent a line that is too long.")));
        socket.on("error", () => undefined);
        socket.on("close", () => this.#fail("control_connection_closed", "The running instance closed the connection (did it quit?)."));
    }

    /**
     * Connects to the instance listening on `socketPath`, or resolves `null` when none does (no socket file, or a
     * stale one left by an instance that crashed).
     */
    public static async connect(socketPath: string, {timeoutMs = 2000}: ControlClientConnectOptions = {}): Promise<ControlClient | null> {
        return new Promise((resolve, reject) => {
            const socket = net.createConnection(socketPath);
            const timer = setTimeout(() => {
                socket.destroy();
                reject(new ControlError("control_timeout", `The instance at ${socketPath} did not accept a connection within ${timeoutMs} ms.`));
            }, timeoutMs);
            socket.once("connect", () => {
                clearTimeout(timer);
                resolve(new ControlClient(socket));
            });
            socket.once("error", (err) => {
                clearTimeout(timer);
                socket.destroy();
                if (isErrnoCode(err, "ENOENT") || isErrnoCode(err, "ECONNREFUSED") || isErrnoCode(err, "ENOTSOCK"))
                    resolve(null);
                else
                    reject(new ControlError("control_connection_closed", `Could not connect to ${socketPath}: ${err.message}`, {cause: err}));
            });
        });
    }

    /** Sends one request and resolves with its result; an error answer rejects with `ControlError("control_remote")` carrying the instance's code. */
    public request<M extends ControlMethod>(method: M, ...[params, options]: ParamsArgs<M>): Promise<ControlResults[M]> {
        if (this.#closed)
            return Promise.reject(new ControlError("control_connection_closed", "The control connection is closed."));
        const id = this.#nextId++;
        const timeoutMs = options?.timeoutMs ?? 60_000;
        return new Promise((resolve, reject) => {
            const timer = timeoutMs === 0 ? null : setTimeout(() => {
                this.#pending.delete(id);
                reject(new ControlError("control_timeout", `The running instance did not answer "${method}" within ${timeoutMs / 1000} s.`));
            }, timeoutMs);
            this.#pending.set(id, {resolve: resolve as (result: unknown) => void, reject, timer});
            this.#socket.write(JSON.stringify(params == null ? {id, method} : {id, method, params}) + "\n");
        });
    }

    /** Calls `listener` on each state the instance pushes (send `watch` first). Returns the unsubscribe function. */
    public onState(listener: (state: AppState) => void): () => void {
        this.#stateListeners.add(listener);
        return () => {
            this.#stateListeners.delete(listener);
        };
    }

    public close(): void {
        this.#closed = true;
        this.#socket.end();
        this.#socket.destroy();
    }

    #onLine(line: string): void {
        let message: ControlResponse | ControlEvent;
        try {
            message = JSON.parse(line) as ControlResponse | ControlEvent;
        } catch {
            return this.#fail("control_protocol", "The instance sent a line that is not JSON.");
        }
        if ("event" in message) {
            for (const listener of [...this.#stateListeners]) {
                try {
                    listener(message.state);
                } catch {
                    // a broken listener must not break the connection
                }
            }
            return;
        }
        const pending = message.id == null ? undefined : this.#pending.get(message.id);
        if (pending == null) return;
        this.#pending.delete(message.id!);
        if (pending.timer != null) clearTimeout(pending.timer);
        if (message.ok)
            pending.resolve(message.result);
        else
            pending.reject(new ControlError("control_remote", message.error.message, {remoteCode: message.error.code}));
    }

    #fail(code: "control_protocol" | "control_connection_closed", text: string): void {
        this.#closed = true;
        for (const [id, pending] of this.#pending) {
            this.#pending.delete(id);
            if (pending.timer != null) clearTimeout(pending.timer);
            pending.reject(new ControlError(code, text));
        }
        this.#socket.destroy();
    }
}

type ParamsArgs<M extends ControlMethod> = undefined extends ControlParams<M>
    ? [params?: ControlParams<M>, options?: ControlRequestOptions]
    : [params: ControlParams<M>, options?: ControlRequestOptions];
