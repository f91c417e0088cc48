import {AppCore} from "./AppCore.js";
import type {AppCoreOptions} from "./AppCoreOptions.js";
import type {AppCoreDeps} from "./AppCoreDeps.js";
import {ControlError} from "./control/ControlError.js";
import {ControlServer} from "./control/ControlServer.js";
import {controlSocketPath} from "./control/controlSocketPath.js";
import {describeRunningInstance} from "./control/describeRunningInstance.js";
import {findRunningInstance} from "./control/findRunningInstance.js";
import {resolveDataDir} from "./dataDir.js";

/**
 * The one running instance of a data dir — the tray app or `tholos serve`: an `AppCore` plus the control socket the
 * CLI drives it through. `open()` refuses with `ControlError("instance_running")` (saying where the first one runs)
 * when another instance holds the data dir.
 */
export class AppInstance {
    public readonly core: AppCore;
    public readonly control: ControlServer;
    #disposed = false;

    private constructor(core: AppCore, control: ControlServer) {
        this.core = core;
        this.control = control;
    }

    /**
     * Checks for a running instance before touching any stored state, opens the core and binds the control socket.
     * Loads nothing yet: subscribe to `core.onStateChange`, then call `core.start()`.
     */
    public static async open(options: AppCoreOptions = {}, deps: AppCoreDeps = {}): Promise<AppInstance> {
        const dataDir = options.dataDir ?? resolveDataDir(options.env ?? process.env);
        const socketPath = controlSocketPath(dataDir);
        const running = await findRunningInstance(socketPath);
        if (running != null)
            throw new ControlError("instance_running", describeRunningInstance(running));

        const core = await AppCore.open({...options, dataDir}, deps);
        try {
            // Binding is the lock; it checks again, for a second start that raced this one.
            return new AppInstance(core, await ControlServer.listen({socketPath, core}));
        } catch (err) {
            await core.dispose();
            throw err;
        }
    }

    /** Stops the server and frees the model (watchers see `Off`), then closes the control socket. Repeat-safe. */
    public async dispose(): Promise<void> {
        if (this.#disposed) return;
        this.#disposed = true;
        await this.core.dispose();
        await this.control.close();
    }

    public async [Symbol.asyncDispose](): Promise<void> {
        await this.dispose();
    }
}
