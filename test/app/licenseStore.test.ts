import {generateKeyPairSync} from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {devKey} from "../../src/app/license/devKey.js";
import {LicenseError} from "../../src/app/license/LicenseError.js";
import type {LicensePayload} from "../../src/app/license/licensePayloadSchema.js";
import {LicenseStore} from "../../src/app/license/LicenseStore.js";
import {signLicense} from "../../src/app/license/signLicense.js";
import {makeTempDir} from "./utils/makeTempDir.js";

const {publicKey, privateKey} = generateKeyPairSync("ed25519", {
    publicKeyEncoding: {type: "spki", format: "pem"},
    privateKeyEncoding: {type: "pkcs8", format: "pem"}
});
const issuer = {id: "test-issuer", privateKeyPem: privateKey};
const trustedKeys = [{id: issuer.id, publicKeyPem: publicKey}];

const business: LicensePayload = {edition: "business", licensee: "Acme Ltd", issuedAt: "2026-11-01T10:00:00.000Z", id: "lic-1"};

/** A package root that is neither a checkout nor packaged: like an npm install. */
async function installedRoot(): Promise<string> {
    return makeTempDir();
}

async function sourceRoot(): Promise<string> {
    const root = await makeTempDir();
    await fs.mkdir(path.join(root, ".git"));
    return root;
}

async function writeLicense(dir: string, text: string): Promise<string> {
    const file = path.join(dir, "incoming-license.json");
    await fs.writeFile(file, text);
    return file;
}

describe("LicenseStore", () => {
    test("no licence: personal edition, with the reason", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {env: {}});
        expect(await store.show()).toMatchObject({state: "none"});
        expect(await store.edition()).toEqual({edition: "personal", reason: "No licence is installed.", code: null});
    });

    test("activating a valid business licence installs it and grants business", async () => {
        const dataDir = await makeTempDir();
        const store = new LicenseStore({dataDir, rootDir: await installedRoot()}, {trustedKeys, env: {}});
        const active = await store.activate(await writeLicense(await makeTempDir(), signLicense(business, issuer)));

        expect(active).toEqual({license: business, keyId: issuer.id, signer: "production"});
        expect(await store.show()).toMatchObject({state: "valid", license: business});
        expect(await store.edition()).toMatchObject({edition: "business", code: null});
        expect((await fs.stat(path.join(dataDir, "license.json"))).mode & 0o777).toBe(0o600);
        expect(await fs.readdir(dataDir)).toEqual(["license.json"]);
    });

    test("a valid personal licence gives the personal edition", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {trustedKeys, env: {}});
        await store.activate(await writeLicense(await makeTempDir(), signLicense({...business, edition: "personal"}, issuer)));
        expect(await store.edition()).toMatchObject({edition: "personal", code: null, reason: expect.stringContaining("Personal licence")});
    });

    test("an invalid licence is refused by activate and the installed one is kept", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {trustedKeys, env: {}});
        await store.activate(await writeLicense(await makeTempDir(), signLicense(business, issuer)));
        const installed = await fs.readFile(store.filePath, "utf8");

        const tampered = JSON.parse(signLicense({...business, edition: "personal", id: "lic-2"}, issuer)) as {payload: LicensePayload};
        tampered.payload.edition = "business";
        const err = await store.activate(await writeLicense(await makeTempDir(), JSON.stringify(tampered))).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LicenseError);
        expect((err as LicenseError).code).toBe("license_invalid_signature");
        expect(await fs.readFile(store.filePath, "utf8")).toBe(installed);

        await expect(store.activate(path.join(await makeTempDir(), "missing.json"))).rejects.toMatchObject({code: "license_read_failed"});
    });

    test("editing the installed licence to business drops to personal, with the reason", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {trustedKeys, env: {}});
        await store.activate(await writeLicense(await makeTempDir(), signLicense({...business, edition: "personal"}, issuer)));

        const file = JSON.parse(await fs.readFile(store.filePath, "utf8")) as {payload: LicensePayload};
        file.payload.edition = "business";
        await fs.writeFile(store.filePath, JSON.stringify(file));

        const edition = await store.edition();
        expect(edition).toMatchObject({edition: "personal", code: "license_invalid_signature"});
        expect(edition.reason).toMatch(/rejected: the licence signature does not match/);
    });

    test("a garbage or unreadable licence file means personal, never a throw", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {trustedKeys, env: {}});
        await fs.writeFile(store.filePath, "{\"edition\": \"business\"}");
        expect(await store.edition()).toMatchObject({edition: "personal", code: "license_malformed"});

        await fs.rm(store.filePath);
        await fs.mkdir(store.filePath);
        expect(await store.edition()).toMatchObject({edition: "personal", code: "license_read_failed"});
    });

    test("the default trusted keys don't include a test key", async () => {
        const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {env: {}});
        await expect(store.activate(await writeLicense(await makeTempDir(), signLicense(business, issuer))))
            .rejects.toMatchObject({code: "license_unknown_key"});
    });

    describe("development licences", () => {
        test("issued and trusted in a source checkout", async () => {
            const store = new LicenseStore(
                {dataDir: await makeTempDir(), rootDir: await sourceRoot()},
                {env: {}, resourcesPath: undefined, now: () => new Date("2026-11-28T12:00:00.000Z")}
            );
            expect(store.canIssueDevLicense).toBe(true);
            const active = await store.issueDevLicense();
            expect(active).toMatchObject({keyId: devKey.id, signer: "development", license: {edition: "business", issuedAt: "2026-11-28T12:00:00.000Z"}});
            expect(await store.edition()).toMatchObject({edition: "business", reason: expect.stringContaining("development licence")});
        });

        test("refused when not a source checkout", async () => {
            const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await installedRoot()}, {env: {}, resourcesPath: undefined});
            expect(store.canIssueDevLicense).toBe(false);
            await expect(store.issueDevLicense()).rejects.toMatchObject({code: "license_dev_unavailable"});
            await expect(fs.stat(store.filePath)).rejects.toMatchObject({code: "ENOENT"});
        });

        test("refused in a checkout when THOLOS_PACKAGED=1", async () => {
            const store = new LicenseStore({dataDir: await makeTempDir(), rootDir: await sourceRoot()}, {env: {THOLOS_PACKAGED: "1"}});
            await expect(store.issueDevLicense()).rejects.toMatchObject({code: "license_dev_unavailable"});
        });

        test("a dev licence made in a checkout is worthless in a packaged build", async () => {
            const dataDir = await makeTempDir();
            await new LicenseStore({dataDir, rootDir: await sourceRoot()}, {env: {}}).issueDevLicense();

            const packaged = new LicenseStore({dataDir, rootDir: await installedRoot()}, {env: {}});
            expect(await packaged.edition()).toMatchObject({edition: "personal", code: "license_unknown_key"});
        });
    });
});
