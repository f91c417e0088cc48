import {spawn} from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, test} from "vitest";
import {useSharedLlama} from "../support/useSharedLlama.js";
import {SettingsStore} from "../../src/app/settings/SettingsStore.js";
import {makeTempDir} from "../app/utils/makeTempDir.js";
import {openTestCore} from "../app/utils/openTestCore.js";
import {createTestLicenseStore} from "../app/utils/testLicenses.js";
import {cliEnv, runCli} from "../e2e/utils/cli.js";
import {createCorruptModels} from "../fixtures/gguf/createCorruptModels.js";

// SPEC §5 faults: crashes mid-write, corrupt files, a port taken at the worst moment — the app reports and goes on.
const root = fileURLToPath(new URL("../../", import.meta.url));
const writer = fileURLToPath(new URL("./utils/settingsWriter.ts", import.meta.url));
const runningPattern = /^Running — http:\/\/127\.0\.0\.1:(\d+)$/;

const shared = useSharedLlama();

describe("kill -9 during settings writes", () => {
    test("always leaves a valid settings.json (never corrupt, never missing once written)", {timeout: 120_000}, async () => {
        const dataDir = await makeTempDir();
        const kills = 8;
        for (let round = 0; round < kills; round++) {
            const child = spawn(process.execPath, ["--import", "tsx", writer, dataDir], {cwd: root, stdio: ["ignore", "pipe", "inherit"]});
            await new Promise<void>((resolve, reject) => {
                child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
                child.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
            });
            // Let it write for a random while (tens to hundreds of writes), then kill it without warning.
            await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 400));
            const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
            child.kill("SIGKILL");
            expect(await exited).toBe("SIGKILL");

            const text = await fs.readFile(path.join(dataDir, "settings.json"), "utf8");
            expect(() => JSON.parse(text), `round ${round}: ${text.slice(0, 200)}`).not.toThrow();
            const {settings, problem} = await new SettingsStore({dataDir}).load();
            expect(problem, `round ${round}`).toBeNull();
            expect(settings.modelPath).toMatch(/^\/models\/m*-\d+\.gguf$/);
        }
        // A temp file a killed write left behind is never mistaken for settings, and the next write still works.
        const store = new SettingsStore({dataDir});
        await store.load();
        await store.update({port: 9999});
        expect((await new SettingsStore({dataDir}).load()).settings.port).toBe(9999);
    });
});

describe("corrupt files give clear errors and the core goes on", () => {
    test("corrupt settings, a garbage licence and a truncated model at once: each reported, the core still answering", {timeout: 60_000}, async () => {
        const dataDir = await makeTempDir();
        await fs.writeFile(path.join(dataDir, "settings.json"), '{"enabled": true, "port": "eighty"');
        const corrupt = await createCorruptModels(await makeTempDir());
        const licenseStore = await createTestLicenseStore(dataDir, "none");
        await fs.writeFile(path.join(dataDir, "license.json"), "\u0000garbage{");

        const {core} = await openTestCore({
            dataDir, deps: {loadEngine: shared.loadEngine, licenseStore}, session: {modelPath: corrupt.truncated, enabled: true}
        });
        expect(core.state.settingsProblem).toMatch(/moved to/);
        expect(core.state.edition).toBe("personal");
        expect(core.state.editionReason.length).toBeGreaterThan(10);
        await core.start();
        // Locked (no valid Business licence): nothing listens, but the core answers.
        expect(core.state.listeningPort).toBeNull();
        expect(await core.test()).toMatchObject({ok: false, reason: "locked"});
        expect((await fs.readdir(dataDir)).some((name) => name.startsWith("settings.json.corrupt-"))).toBe(true);
    });

    test("a truncated model is an Error naming it; loading a good one afterwards serves", {timeout: 60_000}, async () => {
        const corrupt = await createCorruptModels(await makeTempDir());
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}});
        await core.enable();
        await expect(core.loadModel(corrupt.truncated)).rejects.toMatchObject({code: "model_load_failed"});
        expect(core.state.status).toMatch(/^Error — .*truncated, corrupt or of an unsupported kind/);
        await core.loadModel(shared.modelPath);
        expect(core.state.status).toMatch(runningPattern);
    });
});

describe("the port taken between enabling and listening", () => {
    test("is an Error naming the port; the core keeps answering and listens once the port is free again", {timeout: 60_000}, async () => {
        const probe = net.createServer();
        await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
        const port = (probe.address() as net.AddressInfo).port;
        await new Promise((resolve) => probe.close(resolve));

        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}, session: {port}});
        await core.enable();
        expect(core.state.status).toBe("Enabled — starts once a model is loaded.");

        // Another program takes the port after the switch was turned on, before the model is loaded.
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
        try {
            await core.loadModel(shared.modelPath);
            expect(core.state.status).toMatch(new RegExp(`^Error — port ${port} is already in use by another program`));
            expect(core.state.model.state).toBe("loaded");
            expect(await core.test()).toMatchObject({ok: false, reason: "port_error"});
        } finally {
            await new Promise((resolve) => blocker.close(resolve));
        }
        await core.setPort(port);
        expect(core.state.status).toBe(`Running — http://127.0.0.1:${port}`);
        const response = await fetch(`http://127.0.0.1:${port}/v1/models`, {headers: {authorization: `Bearer ${core.copyKey()}`}});
        expect(response.status).toBe(200);
    });
});

describe("the keychain daemon gone", () => {
    test("the key falls back to the 0600 file and the status says why", {timeout: 60_000, tags: ["dbus"]}, async () => {
        const home = await makeTempDir();
        // A session bus address where nothing listens: what a headless box or a crashed keyring daemon looks like.
        const env = cliEnv(home, {THOLOS_KEYCHAIN: "auto", DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, "no-bus")}`});
        const status = await runCli(["status"], env);
        expect(status.code).toBe(0);
        expect(status.stdout).toMatch(new RegExp(`^API key: .* in file ${path.join(home, "api-key").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(0600\\) — no keychain service answered`, "m"));
    });
});
