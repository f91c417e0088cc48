import http from "node:http";
import type {AddressInfo} from "node:net";
import {getLlama, type Llama} from "node-llama-cpp";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, onTestFinished, test} from "vitest";
import type {AppCore} from "../../src/app/AppCore.js";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {runOperation} from "../../src/app/operations/runOperation.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {openTestCore} from "../app/utils/openTestCore.js";
import {launchChromium} from "../support/launchChromium.js";
import {testModelPath} from "../support/testModelPath.js";

// Browser + model: a page on another origin (a second loopback server on another port) calls the API of the real
// core on stories260K with fetch() in real Chromium. SPEC §4: only an origin the user allowed can read an answer.
let llama: Llama;
let modelPath: string;
let browser: Browser;
let site: {origin: string, close(): Promise<void>};
const loadEngine: LoadEngine = (options) => LlamaEngine.load({...options, llama});

/** A web app on its own origin: one empty page, as a dev server on `localhost:5173` would serve one. */
async function serveSite(): Promise<typeof site> {
    const server = http.createServer((_request, response) => {
        response.writeHead(200, {"content-type": "text/html; charset=utf-8"}).end("<!doctype html><title>A web app</title><p>Hello</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((resolve) => server.close(() => resolve()))
    };
}

beforeAll(async () => {
    modelPath = await testModelPath();
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    site = await serveSite();
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    await site?.close();
    await llama?.dispose();
});

/** What the page's fetch() gave: the status and body it could read, or the error it rejected with. */
type PageFetch = {readonly read: true, readonly status: number, readonly body: string} | {readonly read: false, readonly error: string};

/** Runs fetch() in the page (on the site's origin), the way a web app calls the API. */
function fetchFromPage(page: Page, url: string, init: {method?: string, headers?: Record<string, string>, body?: string} = {}): Promise<PageFetch> {
    return page.evaluate(async ({url, init}) => {
        try {
            const response = await fetch(url, init);
            return {read: true as const, status: response.status, body: await response.text()};
        } catch (error) {
            return {read: false as const, error: String(error)};
        }
    }, {url, init});
}

async function openRunningCore(): Promise<{core: AppCore, api: string, key: string}> {
    const {core} = await openTestCore({session: {enabled: true, modelPath}, deps: {loadEngine}});
    await core.start();
    const port = core.state.listeningPort;
    expect(core.state.statusKind).toBe("running");
    return {core, api: `http://127.0.0.1:${port}`, key: core.copyKey()};
}

async function openSitePage(): Promise<{page: Page, corsErrors: string[]}> {
    const context = await browser.newContext();
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const corsErrors: string[] = [];
    page.on("console", (message) => {
        if (message.type() === "error") corsErrors.push(message.text());
    });
    await page.goto(`${site.origin}/`);
    expect(await page.evaluate(() => location.origin)).toBe(site.origin);
    return {page, corsErrors};
}

describe("a page on another origin calling the API in Chromium", () => {
    test("is blocked while no origin is allowed, reads the answers once its origin is, and is blocked again for another origin", async () => {
        const {core, api, key} = await openRunningCore();
        const {page, corsErrors} = await openSitePage();
        const models = () => fetchFromPage(page, `${api}/v1/models`, {headers: {authorization: `Bearer ${key}`}});

        // The default: no CORS headers, so the browser refuses the page the answer (the preflight fails).
        expect(core.state.allowedOrigins).toEqual([]);
        expect(await models()).toMatchObject({read: false, error: expect.stringContaining("Failed to fetch")});
        expect(corsErrors.join("\n")).toMatch(/CORS policy/);

        // Allowed, as `tholos origins add` or the Settings window does it: the very next request is readable.
        await runOperation(core, "origins.add", {origin: site.origin});
        const listed = await models();
        expect(listed).toMatchObject({read: true, status: 200});
        expect(JSON.parse((listed as {body: string}).body).data[0].id).toBe("stories260K");

        const chat = await fetchFromPage(page, `${api}/v1/chat/completions`, {
            method: "POST",
            headers: {authorization: `Bearer ${key}`, "content-type": "application/json"},
            body: JSON.stringify({messages: [{role: "user", content: "Once upon a time"}], max_tokens: 8})
        });
        expect(chat).toMatchObject({read: true, status: 200});
        const completion = JSON.parse((chat as {body: string}).body);
        expect(completion.object).toBe("chat.completion");
        expect(typeof completion.choices[0].message.content).toBe("string");

        const stream = await fetchFromPage(page, `${api}/v1/chat/completions`, {
            method: "POST",
            headers: {authorization: `Bearer ${key}`, "content-type": "application/json"},
            body: JSON.stringify({messages: [{role: "user", content: "Once upon a time"}], max_tokens: 4, stream: true})
        });
        expect(stream).toMatchObject({read: true, status: 200, body: expect.stringContaining("data: [DONE]")});

        // The Anthropic route's headers pass the preflight too (x-api-key, anthropic-version).
        const message = await fetchFromPage(page, `${api}/v1/messages`, {
            method: "POST",
            headers: {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            body: JSON.stringify({model: "stories260K", max_tokens: 4, messages: [{role: "user", content: "Hi"}]})
        });
        expect(message).toMatchObject({read: true, status: 200});
        expect(JSON.parse((message as {body: string}).body).type).toBe("message");

        // The preflight needs no key, the request still does: the page reads the 401 and why.
        const wrongKey = await fetchFromPage(page, `${api}/v1/models`, {headers: {authorization: "Bearer wrong"}});
        expect(wrongKey).toMatchObject({read: true, status: 401});
        expect(JSON.parse((wrongKey as {body: string}).body).error.code).toBe("invalid_api_key");

        // Another origin configured instead: this page is blocked again, at once, with no restart.
        await runOperation(core, "origins.clear", undefined);
        await runOperation(core, "origins.add", {origin: "http://localhost:5173"});
        expect(core.state.allowedOrigins).toEqual(["http://localhost:5173"]);
        const blocked = await models();
        expect(blocked).toMatchObject({read: false, error: expect.stringContaining("Failed to fetch")});
        expect(core.state.statusKind).toBe("running");
    });
});
