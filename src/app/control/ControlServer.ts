import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type {AppCore} from "../AppCore.js";
import {errorMessage} from "../utils/errorMessage.js";
import {isErrnoCode} from "../utils/isErrnoCode.js";
import {ControlError} from "./ControlError.js";
import type {ControlEvent, ControlResponse} from "./ControlMethods.js";
import {runOperation} from "../operations/runOperation.js";
import {describeRunningInstance} from "./describeRunningInstance.js";
import {findRunningInstance} from "./findRunningInstance.js";
import {parseControlRequest} from "./parseControlRequest.js";
import {splitLines} from "./splitLines.js";

export type ControlServerOptions = {
    /** See `controlSocketPath()`. */
    readonly socketPath: string,

    /** The core the requests act on. */
    readonly core: AppCore,

    /** Default: `process.platform`. */
    readonly platform?: NodeJS.Platform
};

/**
 * The running instance's control socket: newline-delimited JSON requests (`parseControlRequest`) answered with
 * `{id, ok, result | error}` lines. Holding the socket is what makes this the one instance: `listen()` fails with
 * `ControlError("instance_running")` when another instance answers on the path.
 */
export class ControlServer {
    public readonly socketPath: string;
    readonly #server: net.Server;
    readonly #core: AppCore;
    readonly #sockets = new Set<net.Socket>();
    #closed = false;

    private constructor(server: net.Server, options: ControlServerOptions) {
        this.#server = server;
        this.socketPath = options.socketPath;
        this.#core = options.core;
    }

    /** Binds the socket (0600, in a 0700 directory), taking over a stale socket file; refuses when an instance answers there. */
    public static async listen(options: ControlServerOptions): Promise<ControlServer> {
        const platform = options.platform ?? process.platform;
        const server = net.createServer();
        const control = new ControlServer(server, options);
        server.on("connection", (socket) => control.#onConnection(socket));

        if (platform !== "win32")
            await fs.mkdir(path.dirname(options.socketPath), {recursive: true, mode: 0o700});

        for (let attempt = 0; ; attempt++) {
            try {
                await listenOn(server, options.socketPath);
                break;
            } catch (err) {
                if (!isErrnoCode(err, "EADDRINUSE") || attempt > 0)
                    throw new ControlError("control_listen_failed", `Could not create the control socket ${options.socketPath}: ${errorMessage(err)}`, {cause: err});
                const running = await findRunningInstance(options.socketPath, {platform});
                if (running != null)
                    throw new ControlError("instance_running", describeRunningInstance(running));
            }
        }

        // Only the user may drive the instance: the socket is private like the directory holding it.
        if (platform !== "win32") await fs.chmod(options.socketPath, 0o600);
        return control;
    }

    /** Stops accepting, drops open connections (watchers too) and removes the socket. Repeat-safe. */
    public async close(): Promise<void> {
        if (this.#closed) return;
        this.#closed = true;
        const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
        for (const socket of this.#sockets) socket.destroy();
        await closed;
    }

    #onConnection(socket: net.Socket): void {
        this.#sockets.add(socket);
        socket.setEncoding("utf8");
        let unsubscribe: (() => void) | null = null;
        const send = (message: ControlResponse | ControlEvent) => {
            if (!socket.destroyed && socket.writable) socket.write(JSON.stringify(message) + "\n");
        };
        socket.on("data", splitLines(
            (line) => void this.#handleLine(line, send, () => {
                unsubscribe ??= this.#core.onStateChange((state) => send({event: "state", state}));
            }),
            () => {
                send({id: null, ok: false, error: {code: "control_protocol", message: "Request line too long."}});
                socket.end();
            }
        ));
        socket.on("error", () => undefined);
        socket.on("close", () => {
            unsubscribe?.();
            this.#sockets.delete(socket);
        });
    }

    async #handleLine(line: string, send: (message: ControlResponse) => void, watch: () => void): Promise<void> {
        let json: unknown;
        try {
            json = JSON.parse(line);
        } catch {
            return send({id: null, ok: false, error: {code: "control_protocol", message: "The request is not valid JSON."}});
        }
        const parsed = parseControlRequest(json);
        if (!parsed.ok)
            return send({id: parsed.id, ok: false, error: {code: "control_protocol", message: parsed.message}});

        const {request} = parsed;
        try {
            const result = request.method === "watch" ? this.#core.state : await runOperation(this.#core, request.method, request.params);
            send({id: request.id, ok: true, result});
            if (request.method === "watch") watch();
        } catch (err) {
            const code = (err as {code?: unknown} | null)?.code;
            send({id: request.id, ok: false, error: {code: typeof code === "string" ? code : "internal_error", message: errorMessage(err)}});
        }
    }
}

function listenOn(server: net.Server, socketPath: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once("error", onError);
        server.listen(socketPath, () => {
            server.off("error", onError);
            resolve();
        });
    });
}
