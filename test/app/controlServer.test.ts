import {spawn} from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import {describe, expect, onTestFinished, test} from "vitest";
import {AppInstance} from "../../src/app/AppInstance.js";
import type {AppState} from "../../src/app/AppState.js";
import {ControlClient} from "../../src/app/control/ControlClient.js";
import {ControlError} from "../../src/app/control/ControlError.js";
import {ControlServer} from "../../src/app/control/ControlServer.js";
import {controlSocketPath} from "../../src/app/control/controlSocketPath.js";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {makeTempDir} from "./utils/makeTempDir.js";
import {openTestCore, type OpenTestCoreOptions} from "./utils/openTestCore.js";

async function listenControl(options: OpenTestCoreOptions = {}) {
    const test = await openTestCore({deps: {loadEngine: createFakeLoader()}, ...options});
    const socketPath = controlSocketPath(test.dataDir);
    const control = await ControlServer.listen({socketPath, core: test.core});
    onTestFinished(() => control.close());
    return {...test, control, socketPath};
}

async function connect(socketPath: string) {
    const client = await ControlClient.connect(socketPath);
    expect(client).not.toBeNull();
    onTestFinished(() => client!.close());
    return client!;
}

/** Sends raw lines and collects the parsed lines that come back. */
async function rawExchange(socketPath: string, lines: string, expected: number): Promise<unknown[]> {
    const socket = net.connect(socketPath);
    onTestFinished(() => {
        socket.destroy();
    });
    socket.setEncoding("utf8");
    let buffer = "";
    return new Promise((resolve) => {
        socket.on("data", (chunk: string) => {
            buffer += chunk;
            const complete = buffer.split("\n").filter((line) => line !== "");
            if (buffer.endsWith("\n") && complete.length >= expected) resolve(complete.map((line) => JSON.parse(line) as unknown));
        });
        socket.write(lines);
    });
}

describe("control socket", () => {
    test("is <dataDir>/control.sock, mode 0600, and answers newline-delimited JSON requests", async () => {
        const {socketPath, dataDir, core} = await listenControl();
        expect(socketPath).toBe(path.join(dataDir, "control.sock"));
        const stat = await fs.stat(socketPath);
        expect(stat.isSocket()).toBe(true);
        expect(stat.mode & 0o777).toBe(0o600);

        const client = await connect(socketPath);
        const state = await client.request("state");
        expect(state).toMatchObject({status: "Off", pid: process.pid, edition: "business"});
        expect(await client.request("enable")).toMatchObject({status: "Enabled — starts once a model is loaded."});
        expect(core.state.enabled).toBe(true);
        expect(await client.request("key.show")).toEqual({key: core.copyKey(), source: "file", location: core.state.apiKey.location});
    });

    test("an error answer keeps the core's stable code", async () => {
        const {socketPath} = await listenControl({edition: "personal"});
        const client = await connect(socketPath);
        const error = await client.request("enable").catch((err: unknown) => err);
        expect(error).toBeInstanceOf(ControlError);
        expect(error).toMatchObject({code: "control_remote", remoteCode: "edition_locked", message: expect.stringContaining("Business edition")});
        expect((await client.request("state")).status).toBe("Locked — available on the Business edition");
    });

    test("bad lines get a control_protocol answer and the connection stays usable", async () => {
        const {socketPath} = await listenControl();
        const answers = await rawExchange(socketPath, "not json\n{\"id\":7,\"method\":\"fly\"}\n{\"id\":8,\"method\":\"setPort\",\"params\":{\"port\":-1}}\n{\"id\":9,\"method\":\"state\"}\n", 4);
        expect(answers[0]).toEqual({id: null, ok: false, error: {code: "control_protocol", message: "The request is not valid JSON."}});
        expect(answers[1]).toMatchObject({id: 7, ok: false, error: {code: "control_protocol"}});
        expect(answers[2]).toEqual({id: 8, ok: false, error: {code: "control_protocol",
            message: "Invalid request: params.port: The port must be a whole number from 1 to 65535, or 0 for any free port this run only (got -1)."}});
        expect(answers[3]).toMatchObject({id: 9, ok: true, result: {status: "Off"}});
    });

    test("threads, GPU, context size and stored responses over the socket; the next model load gets the engine settings", async () => {
        const loads: Parameters<LoadEngine>[0][] = [];
        const fakeLoader = createFakeLoader();
        const {socketPath, dataDir} = await listenControl({session: {threads: undefined}, deps: {loadEngine: async (options) => {
            loads.push(options);
            return fakeLoader(options);
        }}});
        const client = await connect(socketPath);
        expect(await client.request("setThreads", {threads: 2})).toMatchObject({threads: 2});
        expect(await client.request("setGpu", {gpu: "cpu"})).toMatchObject({gpu: "cpu"});
        expect(await client.request("setContextSize", {contextSize: 1024})).toMatchObject({contextSize: 1024});
        await expect(client.request("setContextSize", {contextSize: 100})).rejects.toMatchObject({
            code: "control_remote", remoteCode: "control_protocol", message: expect.stringContaining("params.contextSize: The context size must be")
        });

        const model = path.join(dataDir, "tiny.gguf");
        await fs.writeFile(model, "GGUF fake body");
        expect(await client.request("loadModel", {path: model})).toMatchObject({model: {state: "loaded", path: model}});
        expect(loads.at(-1)).toMatchObject({modelPath: model, threads: 2, gpu: "cpu", contextSize: 1024});
        expect(await client.request("responses.count")).toEqual({count: 0});
        expect(await client.request("responses.clear")).toEqual({cleared: 0});
    });

    test("watch pushes every state change", async () => {
        const {socketPath, core} = await listenControl();
        const client = await connect(socketPath);
        const pushed: AppState[] = [];
        client.onState((state) => pushed.push(state));
        await client.request("watch");
        await core.enable();
        await core.disable();
        await expect.poll(() => pushed.map((state) => state.status)).toEqual(["Enabled — starts once a model is loaded.", "Off"]);
    });

    test("a second instance on the same data dir is refused, saying where the first runs", async () => {
        const {socketPath, core} = await listenControl();
        const second = await openTestCore({dataDir: path.dirname(socketPath), deps: {loadEngine: createFakeLoader()}});
        const error = await ControlServer.listen({socketPath, core: second.core}).catch((err: unknown) => err);
        expect(error).toMatchObject({code: "instance_running"});
        expect((error as Error).message).toContain(`(pid ${process.pid}): ${core.state.status}`);
        expect((error as Error).message).toContain(socketPath);
        // The first one is untouched.
        expect((await (await connect(socketPath)).request("state")).status).toBe("Off");
    });

    test("a stale socket left by a crashed instance is removed and taken over", async () => {
        const dataDir = await makeTempDir();
        const socketPath = controlSocketPath(dataDir);
        // A process that binds the socket and dies without cleaning up, as a crash would.
        const child = spawn(process.execPath, ["-e", `require("net").createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, "SIGKILL"))`]);
        await new Promise((resolve) => child.once("exit", resolve));
        expect((await fs.lstat(socketPath)).isSocket()).toBe(true);
        expect(await ControlClient.connect(socketPath)).toBeNull();

        const {control} = await listenControl({dataDir});
        expect(control.socketPath).toBe(socketPath);
        expect((await (await connect(socketPath)).request("state")).status).toBe("Off");
    });

    test("close() drops clients and removes the socket; connecting then finds no instance", async () => {
        const {socketPath, control} = await listenControl();
        const client = await connect(socketPath);
        const pending = client.request("state");
        await pending;
        await control.close();
        await expect(fs.access(socketPath)).rejects.toThrow();
        expect(await ControlClient.connect(socketPath)).toBeNull();
        await expect(client.request("state")).rejects.toMatchObject({code: "control_connection_closed"});
    });
});

describe("AppInstance: one instance per data dir", () => {
    test("a second open is refused before it touches any stored state", async () => {
        const dataDir = await makeTempDir();
        const first = await AppInstance.open({dataDir, env: {}, useKeychain: "never", session: {port: 0}});
        onTestFinished(() => first.dispose());

        await fs.writeFile(path.join(dataDir, "settings.json"), "{corrupt");
        const error = await AppInstance.open({dataDir, env: {}, useKeychain: "never"}).catch((err: unknown) => err);
        expect(error).toMatchObject({code: "instance_running", message: expect.stringContaining("Tholos is already running (pid")});
        // Had the second instance read the settings, it would have moved the corrupt file aside.
        expect(await fs.readFile(path.join(dataDir, "settings.json"), "utf8")).toBe("{corrupt");

        await first.dispose();
        await expect(fs.access(controlSocketPath(dataDir))).rejects.toThrow();
    });
});
