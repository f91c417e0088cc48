import {generateKeyPairSync} from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {AppCore} from "../../src/app/AppCore.js";
import {AppCoreError} from "../../src/app/AppCoreError.js";
import {signLicense} from "../../src/app/license/signLicense.js";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {makeTempDir} from "./utils/makeTempDir.js";
import {openTestCore} from "./utils/openTestCore.js";
import {createTestLicenseStore, testIssuer, testLicensePayload, writeTestLicense} from "./utils/testLicenses.js";

const locked = "Locked — available on the Business edition";

/** A data dir whose settings.json asks for the server, with a model, on `port`. */
async function dataDirWantingServer(modelPath: string) {
    const dataDir = await makeTempDir();
    await fs.writeFile(path.join(dataDir, "settings.json"), JSON.stringify({enabled: true, modelPath, port: 8756}));
    return dataDir;
}

async function someModelFile() {
    const file = path.join(await makeTempDir(), "tiny.gguf");
    await fs.writeFile(file, "GGUF fake body: the fake loader only checks the magic");
    return file;
}

describe("edition gate, enforced in the core", () => {
    test.each(["personal", "none"] as const)("%s edition: enable() fails with a stable code and the status stays Locked", async (edition) => {
        const {core, dataDir} = await openTestCore({edition, deps: {loadEngine: createFakeLoader()}});
        expect(core.state.status).toBe(locked);
        expect(core.state.statusKind).toBe("locked");

        const error = await core.enable().catch((err: unknown) => err);
        expect(error).toBeInstanceOf(AppCoreError);
        expect(error).toMatchObject({code: "edition_locked", message: expect.stringContaining("Business edition")});
        expect(core.state.status).toBe(locked);
        expect(core.state.enabled).toBe(false);
        await expect(fs.access(path.join(dataDir, "settings.json"))).rejects.toThrow();
    });

    test("settings.json with enabled: true on the personal edition starts nothing, not even the model load", async () => {
        const loader = createFakeLoader();
        const dataDir = await dataDirWantingServer(await someModelFile());
        const {core} = await openTestCore({edition: "personal", dataDir, deps: {loadEngine: loader}, session: {port: undefined}});
        await core.start();

        expect(core.state).toMatchObject({status: locked, enabled: true, listeningPort: null, model: {state: "none"}});
        expect(loader.loaded).toHaveLength(0);
        expect(await core.test()).toMatchObject({ok: false, reason: "locked"});
    });

    test("the session switch of `tholos serve` can't unlock it either", async () => {
        const loader = createFakeLoader();
        const {core} = await openTestCore({edition: "personal", deps: {loadEngine: loader}, session: {enabled: true, modelPath: await someModelFile()}});
        await core.start();
        expect(core.state.status).toBe(locked);
        expect(loader.loaded).toHaveLength(0);
    });

    test("loading a model on the personal edition works, but nothing listens", async () => {
        const {core} = await openTestCore({edition: "personal", deps: {loadEngine: createFakeLoader()}});
        await core.loadModel(await someModelFile());
        expect(core.state).toMatchObject({status: locked, listeningPort: null, model: {state: "loaded"}});
    });

    test("an edited licence and one signed by an unknown key both mean Locked, with the reason", async () => {
        const edited = await makeTempDir();
        const text = signLicense(testLicensePayload("personal"), testIssuer)
            .replace("\"personal\"", "\"business\"");
        await fs.writeFile(path.join(edited, "license.json"), text);
        const {core: editedCore} = await openTestCore({edition: "none", dataDir: edited, deps: {loadEngine: createFakeLoader()}});
        expect(editedCore.state.status).toBe(locked);
        expect(editedCore.state.editionReason).toMatch(/signature does not match/);

        const stranger = generateKeyPairSync("ed25519", {privateKeyEncoding: {type: "pkcs8", format: "pem"}, publicKeyEncoding: {type: "spki", format: "pem"}});
        const unknown = await makeTempDir();
        await fs.copyFile(await writeTestLicense("business", {id: "someone-else", privateKeyPem: stranger.privateKey}), path.join(unknown, "license.json"));
        const {core: unknownCore} = await openTestCore({edition: "none", dataDir: unknown, deps: {loadEngine: createFakeLoader()}});
        expect(unknownCore.state.status).toBe(locked);
        expect(unknownCore.state.editionReason).toMatch(/does not trust/);
        await expect(unknownCore.enable()).rejects.toMatchObject({code: "edition_locked"});
    });

    test("activating a Business licence at run time unlocks it: the saved model loads and the server starts", async () => {
        const loader = createFakeLoader();
        const dataDir = await dataDirWantingServer(await someModelFile());
        const licenseStore = await createTestLicenseStore(dataDir, "none");
        const {core} = await openTestCore({dataDir, deps: {loadEngine: loader, licenseStore}});
        await core.start();
        expect(core.state.status).toBe(locked);

        await core.activateLicense(await writeTestLicense("business"));
        expect(core.state.edition).toBe("business");
        expect(core.state.status).toMatch(/^Running — http:\/\/127\.0\.0\.1:\d+$/);
        expect(loader.loaded).toHaveLength(1);
    });
});

describe("API key source", () => {
    test("the file store says where it is; the key has the tholos- prefix", async () => {
        const {core, dataDir} = await openTestCore({deps: {loadEngine: createFakeLoader()}});
        expect(core.state.apiKey).toEqual({
            source: "file",
            location: `file ${path.join(dataDir, "api-key")} (0600) — keychain disabled`,
            masked: expect.stringMatching(/^tholos-•{8}.{4}$/)
        });
        expect(core.copyKey()).toMatch(/^tholos-[A-Za-z0-9_-]{43}$/);
        expect((await fs.readFile(path.join(dataDir, "api-key"), "utf8")).trim()).toBe(core.copyKey());
    });

    test("THOLOS_API_KEY overrides the stored key, and then Regenerate says why it can't", async () => {
        const {core, dataDir} = await openTestCore({env: {THOLOS_API_KEY: "my-script-key-123"}, deps: {loadEngine: createFakeLoader()}});
        expect(core.copyKey()).toBe("my-script-key-123");
        expect(core.state.apiKey).toMatchObject({source: "env", location: "THOLOS_API_KEY environment variable"});
        const error = await core.regenerateKey().catch((err: unknown) => err);
        expect(error).toMatchObject({code: "key_from_env", message: expect.stringContaining("THOLOS_API_KEY")});
        expect(core.copyKey()).toBe("my-script-key-123");
        await expect(fs.access(path.join(dataDir, "api-key"))).rejects.toThrow();
    });

    test("a THOLOS_API_KEY too short to be safe is refused at open", async () => {
        await expect(AppCore.open({dataDir: await makeTempDir(), env: {THOLOS_API_KEY: "short"}, useKeychain: "never"}))
            .rejects.toMatchObject({code: "key_from_env"});
    });
});

describe("AppCore state and disposal", () => {
    test("a corrupt settings.json is moved aside and reported; defaults are used", async () => {
        const dataDir = await makeTempDir();
        await fs.writeFile(path.join(dataDir, "settings.json"), "{not json");
        const {core} = await openTestCore({dataDir, deps: {loadEngine: createFakeLoader()}});
        expect(core.state.settingsProblem).toMatch(/was not valid JSON.*moved to/);
        expect(core.state.enabled).toBe(false);
        expect((await fs.readdir(dataDir)).some((name) => name.startsWith("settings.json.corrupt-"))).toBe(true);
    });

    test("a port out of range is refused with a stable code", async () => {
        const {core} = await openTestCore({deps: {loadEngine: createFakeLoader()}});
        await expect(core.setPort(70000)).rejects.toMatchObject({code: "invalid_port"});
        await expect(core.setPort(1.5)).rejects.toMatchObject({code: "invalid_port"});
    });

    test("dispose reports Off, is repeat-safe, and later calls fail with core_disposed", async () => {
        const loader = createFakeLoader();
        const {core} = await openTestCore({deps: {loadEngine: loader}, session: {enabled: true, modelPath: await someModelFile()}});
        await core.start();
        const statuses: string[] = [];
        core.onStateChange((state) => statuses.push(state.status));
        await core.dispose();
        await core.dispose();
        expect(statuses).toEqual(["Off"]);
        expect(loader.loaded[0]!.disposed).toBe(true);
        await expect(core.enable()).rejects.toMatchObject({code: "core_disposed"});
        expect(await core.test()).toMatchObject({ok: false, reason: "off"});
    });

    test("listeners are unsubscribed by the function onStateChange returns", async () => {
        const {core} = await openTestCore({deps: {loadEngine: createFakeLoader()}});
        const statuses: string[] = [];
        const unsubscribe = core.onStateChange((state) => statuses.push(state.status));
        await core.enable();
        unsubscribe();
        await core.disable();
        expect(statuses).toEqual(["Enabled — starts once a model is loaded."]);
    });
});
