import {readFile} from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import {getLlama, type Llama} from "node-llama-cpp";
import {launchChromium} from "../support/launchChromium.js";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, onTestFinished, test} from "vitest";
import type {AppCore} from "../../src/app/AppCore.js";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {createBridgeHandlers} from "../../tray/bridge/createBridgeHandlers.js";
import {bridgeChannels} from "../../tray/bridge/TholosBridge.js";
import {openTestCore, type OpenTestCoreOptions} from "../app/utils/openTestCore.js";
import {rawRequest} from "../server/rawRequest.js";
import {testModelPath} from "../support/testModelPath.js";
import {screenshotPath} from "../support/screenshotPath.js";
import {serveTrayPages} from "./utils/serveTrayPages.js";

// Browser + model: the Settings → Local API Server page in real Chromium, its `window.tholos` bridge backed by the
// real AppCore (through the same handlers main registers on ipcMain) on stories260K. Screenshots go to docs/.
let llama: Llama;
let modelPath: string;
let browser: Browser;
let pages: Awaited<ReturnType<typeof serveTrayPages>>;
const loadEngine: LoadEngine = (options) => LlamaEngine.load({...options, llama});

beforeAll(async () => {
    modelPath = await testModelPath();
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    pages = await serveTrayPages();
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await llama?.dispose();
});

/** What the init script puts on `window`: the exposed call into the test, the state push, and `window.tholos`. */
type FakeBridgeWindow = {__tholosCall(name: string, ...args: unknown[]): unknown, __tholosEmit?: (state: unknown) => void, tholos?: unknown};

type OpenedPage = {page: Page, core: AppCore, clipboard: {text: string}, problems: string[]};

/** Opens the page with `window.tholos` calling the real core, and state pushed to it like main's IPC does. */
async function openSettings(coreOptions: OpenTestCoreOptions = {}): Promise<OpenedPage> {
    const {core} = await openTestCore({...coreOptions, deps: {loadEngine, ...coreOptions.deps}});
    const clipboard = {text: ""};
    const handlers = createBridgeHandlers(core, {
        clipboard: {writeText: (text) => void (clipboard.text = text)},
        chooseModelFile: async () => modelPath
    });

    const context = await browser.newContext({viewport: {width: 480, height: 760}, deviceScaleFactor: 2, colorScheme: "light"});
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => {
        if (!request.url().startsWith(pages.origin)) problems.push(`remote request: ${request.url()}`);
    });

    await page.exposeFunction("__tholosCall", (name: keyof typeof handlers, ...args: unknown[]) =>
        (handlers[name] as (...a: unknown[]) => unknown)(...args));
    // The preload's shape: one method per bridge channel, plus onState.
    await page.addInitScript((methods: string[]) => {
        const w = window as unknown as FakeBridgeWindow;
        const listeners = new Set<(state: unknown) => void>();
        const call = (name: string) => (...args: unknown[]) => w.__tholosCall(name, ...args);
        w.__tholosEmit = (state: unknown) => listeners.forEach((listener) => listener(state));
        w.tholos = Object.freeze({
            ...Object.fromEntries(methods.map((name) => [name, call(name)])),
            onState: (listener: (state: unknown) => void) => {
                listeners.add(listener);
                return () => listeners.delete(listener);
            }
        });
    }, Object.keys(bridgeChannels));
    const unsubscribe = core.onStateChange((state) => {
        void page.evaluate((next) => (window as unknown as {__tholosEmit(s: unknown): void}).__tholosEmit(next), state).catch(() => undefined);
    });
    onTestFinished(unsubscribe);

    await page.goto(`${pages.origin}/renderer/settings.html`);
    await page.locator("#status").waitFor();
    await expect.poll(() => page.locator("#key").textContent()).toMatch(/•/);
    return {page, core, clipboard, problems};
}

function listModels(port: number, key: string) {
    return fetch(`http://127.0.0.1:${port}/v1/models`, {headers: {authorization: `Bearer ${key}`}});
}

const runningPattern = /^Running — http:\/\/127\.0\.0\.1:(\d+)$/;

describe("Settings → Local API Server in Chromium, on the real core", () => {
    test("Load Model… then flipping the switch really starts the server; the page shows the real port everywhere", async () => {
        // The default port for the picture; the server only listens after switching to a free one.
        const {page, core, problems} = await openSettings({session: {port: 8756}});
        await expect.poll(() => page.locator("#status").textContent()).toBe("Off");
        expect(await page.locator("#enable").isChecked()).toBe(false);
        expect(await page.locator("#enable").isDisabled()).toBe(false);
        expect(await page.locator("#locked-note").isVisible()).toBe(false);
        await page.screenshot({path: screenshotPath("settings-off.png"), fullPage: true});
        await core.setPort(0);

        await page.locator("#load-model").click();
        await expect.poll(() => page.locator("#model-name").textContent(), {timeout: 20_000}).toBe("stories260K.gguf (stories260K)");
        expect(await page.locator("#status").textContent()).toBe("Off");

        await page.locator(".switch").click();
        await expect.poll(() => page.locator("#status").textContent(), {timeout: 20_000}).toMatch(runningPattern);
        expect(await page.locator("#enable").isChecked()).toBe(true);
        const port = Number(runningPattern.exec((await page.locator("#status").textContent())!)?.[1]);
        expect(port).toBe(core.state.listeningPort);
        expect((await listModels(port, core.copyKey())).status).toBe(200);
        expect(await page.locator("#base-url").textContent()).toBe(`http://127.0.0.1:${port}/v1`);
        expect(await page.locator("#auth-header").textContent()).toBe(`Authorization: Bearer ${core.state.apiKey.masked}`);
        expect(await page.locator("#first-call").textContent()).toContain(`curl http://127.0.0.1:${port}/v1/chat/completions`);
        // The page never holds the full key.
        expect(await page.content()).not.toContain(core.copyKey());

        await page.locator(".switch").click();
        await expect.poll(() => page.locator("#status").textContent()).toBe("Off");
        expect(problems).toEqual([]);
    });

    test("Copy yields the real key; Test shows the real round trip inline; the curl copy holds the real key", async () => {
        const {page, core, clipboard, problems} = await openSettings({session: {enabled: true, modelPath}});
        await core.start();
        await expect.poll(() => page.locator("#status").textContent()).toMatch(runningPattern);

        await page.locator("#copy-key").click();
        await expect.poll(() => page.locator("#key-result").textContent()).toBe("Copied to the clipboard.");
        expect(clipboard.text).toBe(core.copyKey());
        expect(clipboard.text.length).toBeGreaterThan(20);

        await page.locator("#test").click();
        await expect.poll(() => page.locator("#key-result").textContent(), {timeout: 20_000})
            .toMatch(/^Test passed: answered in \d+ ms \(model stories260K\)$/);
        expect(await page.locator("#key-result").getAttribute("data-ok")).toBe("true");
        await page.screenshot({path: screenshotPath("settings-running.png"), fullPage: true});
        await page.emulateMedia({colorScheme: "dark"});
        await page.screenshot({path: screenshotPath("settings-running-dark.png"), fullPage: true});
        await page.emulateMedia({colorScheme: "light"});

        await page.locator("#copy-first-call").click();
        await expect.poll(() => page.locator("#first-call-result").textContent()).toBe("Copied, with your API key in it.");
        expect(clipboard.text).toContain(`-H "Authorization: Bearer ${core.copyKey()}"`);
        expect(problems).toEqual([]);
    });

    test("Regenerate asks first; Cancel keeps the key; confirming changes it and the old key then gets 401 from the real server", async () => {
        const {page, core, problems} = await openSettings({session: {enabled: true, modelPath}});
        await core.start();
        await expect.poll(() => page.locator("#status").textContent()).toMatch(runningPattern);
        const port = core.state.listeningPort!;
        const oldKey = core.copyKey();
        const oldMasked = await page.locator("#key").textContent();

        await page.locator("#regenerate-key").click();
        expect(await page.locator("#regenerate-confirm").isVisible()).toBe(true);
        expect(await page.locator("#confirm-text").textContent()).toContain("Any script using the old key stops working");
        await page.screenshot({path: screenshotPath("settings-regenerate.png"), fullPage: true});
        await page.locator("#regenerate-cancel").click();
        expect(await page.locator("#regenerate-confirm").isVisible()).toBe(false);
        expect(core.copyKey()).toBe(oldKey);

        await page.locator("#regenerate-key").click();
        await page.locator("#regenerate-confirm-button").click();
        await expect.poll(() => page.locator("#key-result").textContent()).toBe("New key created. The old key no longer works.");
        await expect.poll(() => page.locator("#key").textContent()).not.toBe(oldMasked);
        const newKey = core.copyKey();
        expect(newKey).not.toBe(oldKey);
        expect((await listModels(port, oldKey)).status).toBe(401);
        expect((await listModels(port, newKey)).status).toBe(200);

        await page.locator("#test").click();
        await expect.poll(() => page.locator("#key-result").textContent(), {timeout: 20_000}).toMatch(/^Test passed: answered in/);
        expect(problems).toEqual([]);
    });

    test("Stored responses shows how many /v1/responses answers are kept; Clear asks first, then empties the store", async () => {
        const {page, core, problems} = await openSettings({session: {enabled: true, modelPath}});
        await core.start();
        await expect.poll(() => page.locator("#status").textContent()).toMatch(runningPattern);
        expect(await page.locator("#stored-responses").textContent()).toBe("None");
        expect(await page.locator("#clear-responses").isDisabled()).toBe(true);

        const port = core.state.listeningPort!;
        const headers = {authorization: `Bearer ${core.copyKey()}`, "content-type": "application/json"};
        const ids: string[] = [];
        for (const input of ["Hi", "Hello"]) {
            const created = await fetch(`http://127.0.0.1:${port}/v1/responses`, {method: "POST", headers, body: JSON.stringify({input, max_output_tokens: 4})});
            ids.push((await created.json() as {id: string}).id);
        }
        await expect.poll(() => page.locator("#stored-responses").textContent()).toBe("2 (kept for previous_response_id)");

        await page.locator("#clear-responses").click();
        expect(await page.locator("#clear-responses-confirm").isVisible()).toBe(true);
        await page.locator("#clear-responses-cancel").click();
        expect(core.state.storedResponses).toBe(2);

        await page.locator("#clear-responses").click();
        await page.locator("#clear-responses-confirm-button").click();
        await expect.poll(() => page.locator("#responses-result").textContent()).toBe("Cleared 2 stored responses.");
        await expect.poll(() => page.locator("#stored-responses").textContent()).toBe("None");
        expect((await fetch(`http://127.0.0.1:${port}/v1/responses/${ids[0]}`, {headers})).status).toBe(404);
        expect(problems).toEqual([]);
    });

    test("the personal edition shows the switch disabled, Locked, with the Business edition note", async () => {
        const {page, core, problems} = await openSettings({edition: "personal", session: {port: 8756}});
        expect(await page.locator("#status").textContent()).toBe("Locked — available on the Business edition");
        expect(await page.locator("#enable").isDisabled()).toBe(true);
        expect(await page.locator("#enable").isChecked()).toBe(false);
        expect(await page.locator("#locked-note").isVisible()).toBe(true);
        expect(await page.locator("#locked-note").textContent()).toContain("Business edition");
        expect(await page.locator("#test").isDisabled()).toBe(true);
        await page.screenshot({path: screenshotPath("settings-locked.png"), fullPage: true});

        // Even a forced click can't switch it on: the core refuses.
        await page.locator("#enable").click({force: true}).catch(() => undefined);
        expect(core.state.statusKind).toBe("locked");
        expect(core.state.listeningPort).toBeNull();
        expect(problems).toEqual([]);
    });

    test("Performance: threads, GPU and context size are saved and the next model load uses them", async () => {
        const {page, core, problems} = await openSettings({session: {threads: undefined, gpu: undefined}});
        expect(await page.locator("#threads").inputValue()).toBe("");
        expect(await page.locator("#gpu").inputValue()).toBe("auto");
        expect(await page.locator("#context-size").inputValue()).toBe("");

        await page.locator("#threads").fill("0");
        await page.locator("#threads-apply").click();
        await expect.poll(() => page.locator("#engine-result").textContent())
            .toBe("params.threads: Threads must be a whole number from 1 to 256, or auto to let the engine choose (got 0).");
        expect(core.state.threads).toBeNull();

        await page.locator("#threads").fill("1");
        await page.locator("#threads-apply").click();
        await expect.poll(() => page.locator("#engine-result").textContent()).toBe("Threads: 1, used from the next model load.");
        await page.locator("#gpu").selectOption("cpu");
        await expect.poll(() => page.locator("#engine-result").textContent()).toBe("GPU: cpu, used from the next model load.");
        await page.locator("#context-size").fill("256");
        await page.locator("#context-size-apply").click();
        await expect.poll(() => page.locator("#engine-result").textContent()).toBe("Context size: 256, used from the next model load.");
        expect(core.state).toMatchObject({threads: 1, gpu: "cpu", contextSize: 256});
        expect(JSON.parse(await readFile(path.join(core.dataDir, "settings.json"), "utf8"))).toMatchObject({threads: 1, gpu: "cpu", contextSize: 256});

        await core.enable();
        await page.locator("#load-model").click();
        await expect.poll(() => page.locator("#status").textContent(), {timeout: 20_000}).toMatch(runningPattern);
        const models = await (await listModels(core.state.listeningPort!, core.copyKey())).json() as {data: {meta: {context_length: number}}[]};
        expect(models.data[0]?.meta.context_length).toBe(256);

        await page.locator("#context-size").fill("");
        await page.locator("#context-size-apply").click();
        await expect.poll(() => page.locator("#engine-result").textContent()).toBe("Context size: the model's default, used from the next model load.");
        expect(core.state.contextSize).toBeNull();
        expect(problems).toEqual([]);
    });

    test("Browser access: an origin added is listed and gets CORS headers from the running server; a wildcard is refused; Remove takes it away", async () => {
        const {page, core, problems} = await openSettings({session: {enabled: true, modelPath}});
        await core.start();
        await expect.poll(() => page.locator("#status").textContent()).toMatch(runningPattern);
        const port = core.state.listeningPort!;
        const preflight = () => rawRequest({
            port, path: "/v1/chat/completions", method: "OPTIONS",
            headers: {host: `127.0.0.1:${port}`, origin: "http://localhost:3000", "access-control-request-method": "POST"}
        });
        expect(await page.locator("#origins-none").isVisible()).toBe(true);
        expect(await page.locator("#origins li").count()).toBe(0);

        await page.locator("#origin").fill("http://*.example.com");
        await page.locator("#origin-add").click();
        await expect.poll(() => page.locator("#origins-result").textContent()).toBe(
            'params.origin: An allowed origin must be exactly scheme://host[:port] with http or https, e.g. http://localhost:3000 — no path, no wildcard, not "null" (got "http://*.example.com").');
        expect(await page.locator("#origins-result").getAttribute("data-ok")).toBe("false");
        expect(core.state.allowedOrigins).toEqual([]);

        await page.locator("#origin").fill("http://LOCALHOST:3000/");
        await page.locator("#origin-add").click();
        await expect.poll(() => page.locator("#origins-result").textContent()).toBe("Allowed http://localhost:3000, from the next request on.");
        await expect.poll(() => page.locator("#origins li code").allTextContents()).toEqual(["http://localhost:3000"]);
        expect(await page.locator("#origin").inputValue()).toBe("");
        expect(await page.locator("#origins-none").isVisible()).toBe(false);
        expect(JSON.parse(await readFile(path.join(core.dataDir, "settings.json"), "utf8"))).toMatchObject({allowedOrigins: ["http://localhost:3000"]});
        const allowed = await preflight();
        expect(allowed.status).toBe(204);
        expect(allowed.headers["access-control-allow-origin"]).toBe("http://localhost:3000");

        await page.getByRole("button", {name: "Remove http://localhost:3000"}).click();
        await expect.poll(() => page.locator("#origins-result").textContent()).toBe("Removed http://localhost:3000, from the next request on.");
        await expect.poll(() => page.locator("#origins li").count()).toBe(0);
        expect(await page.locator("#origins-none").isVisible()).toBe(true);
        expect((await preflight()).headers["access-control-allow-origin"]).toBeUndefined();
        expect(problems).toEqual([]);
    });

    test("a busy port is an Error status naming the port; applying another port recovers", async () => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
        onTestFinished(() => void blocker.close());
        const busyPort = (blocker.address() as net.AddressInfo).port;

        const {page, core, problems} = await openSettings({session: {enabled: true, modelPath, port: busyPort}});
        await core.start();
        await expect.poll(() => page.locator("#status").textContent()).toMatch(new RegExp(`^Error — port ${busyPort} is already in use`));
        expect(await page.locator("#status-row").getAttribute("data-kind")).toBe("error");
        await page.screenshot({path: screenshotPath("settings-error.png"), fullPage: true});

        const free = net.createServer();
        await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
        const freePort = (free.address() as net.AddressInfo).port;
        await new Promise((resolve) => free.close(resolve));
        await page.locator("#port").fill(String(freePort));
        await page.locator("#port-apply").click();
        await expect.poll(() => page.locator("#status").textContent(), {timeout: 20_000}).toBe(`Running — http://127.0.0.1:${freePort}`);
        expect(await page.locator("#port-result").textContent()).toBe(`Port set to ${freePort}.`);
        expect(problems).toEqual([]);
    });
});
