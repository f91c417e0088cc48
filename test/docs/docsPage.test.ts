import {readFile} from "node:fs/promises";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "../support/launchChromium.js";
import type {Browser} from "playwright-core";
import {screenshotPath} from "../support/screenshotPath.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

const root = new URL("../../", import.meta.url);
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
    server = await startTestServer({sequences: 1});
    browser = await launchChromium();
});
afterAll(async () => {
    await browser?.close();
    await server?.close();
});

describe("GET /docs", () => {
    it("serves docs/reference.html without a key, under a policy that allows no remote asset", async () => {
        const response = await fetch(`${server.origin}/docs`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
        const policy = response.headers.get("content-security-policy") ?? "";
        expect(policy).toContain("default-src 'none'");
        expect(policy).toContain("style-src 'unsafe-inline'");
        expect(policy).not.toMatch(/script-src|img-src|font-src|connect-src/);
        expect(await response.text()).toBe(await readFile(new URL("docs/reference.html", root), "utf8"));
    });

    it("and /openapi.json without a key, while /v1 still wants one", async () => {
        expect((await fetch(`${server.origin}/openapi.json`)).status).toBe(200);
        expect((await fetch(`${server.baseUrl}/models`)).status).toBe(401);
    });

    it("renders in Chromium with every request on loopback, no policy violation, and working tabs", async () => {
        const page = await browser.newPage({viewport: {width: 1360, height: 900}, deviceScaleFactor: 1});
        const requests: string[] = [];
        const problems: string[] = [];
        page.on("request", (request) => requests.push(request.url()));
        page.on("console", (message) => {
            if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
        });
        page.on("pageerror", (error) => problems.push(error.message));

        const response = await page.goto(`${server.origin}/docs`, {waitUntil: "load"});
        expect(response?.status()).toBe(200);
        await expect.poll(() => page.title()).toBe("Tholos AI Local API Server: API reference");

        // Styles applied: the inline sheet wasn't blocked by the policy.
        expect(await page.locator(".topbar").evaluate((element) => getComputedStyle(element).position)).toBe("sticky");
        // Every endpoint is in the page, and the sidebar links to it.
        for (const summary of ["List models", "Retrieve a model", "Create a chat completion", "Create a completion", "Create embeddings"])
            await expect.poll(() => page.locator(`nav.sidebar a:text-is("${summary}")`).count()).toBe(1);

        // What a reader first sees, for review (the page is reviewed by eye as well as by these assertions).
        await page.screenshot({path: screenshotPath("reference.png")});

        // CSS-only tabs: the first sample shows; clicking another label shows that one instead.
        const chat = page.locator(".samples").filter({hasText: "docs/samples/chat.sh"});
        expect(await chat.locator(".sample").nth(0).isVisible()).toBe(true);
        expect(await chat.locator(".sample").nth(1).isVisible()).toBe(false);
        await chat.locator("label", {hasText: "Python (requests)"}).click();
        expect(await chat.locator(".sample").nth(0).isVisible()).toBe(false);
        expect(await chat.locator(".sample").nth(1).isVisible()).toBe(true);

        await page.close();

        expect(problems).toEqual([]);
        expect(requests.length).toBeGreaterThan(0);
        for (const url of requests) expect(new URL(url).hostname, url).toBe("127.0.0.1");
    });
});
