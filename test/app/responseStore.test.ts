import {spawn} from "node:child_process";
import {mkdtemp, rm, stat, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import Database from "better-sqlite3";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import type {ResponseObject} from "../../contract/index.js";
import {ResponseStore} from "../../src/app/responses/ResponseStore.js";
import {openAppStores} from "../../src/app/utils/openAppStores.js";

/** The Responses API's store: a real SQLite file in a temporary data dir, opened, closed, reopened and killed. */
let dataDir: string;
beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "tholos-store-"));
});
afterEach(async () => {
    await rm(dataDir, {recursive: true, force: true});
});

const response = (id: string, text = "Hello."): ResponseObject => ({
    id, object: "response", created_at: 1, completed_at: 1, status: "completed", error: null, incomplete_details: null, instructions: null,
    max_output_tokens: null, model: "m", output: [{type: "message", id: `msg_${id}`, status: "completed", role: "assistant", content: [{type: "output_text", text, annotations: [], logprobs: []}]}],
    parallel_tool_calls: true, previous_response_id: null, reasoning: {effort: null, summary: null}, store: true, temperature: 1,
    text: {format: {type: "text"}}, tool_choice: "auto", tools: [], top_p: 1, truncation: "disabled", metadata: {}
});
const put = (store: ResponseStore, id: string, previousResponseId: string | null = null) =>
    store.put({response: response(id), input: [{type: "message", role: "user", content: `question ${id}`, id: `msg_in_${id}`}], previousResponseId});

describe("ResponseStore", () => {
    it("creates responses.sqlite for the user only, in WAL mode, at schema version 1, and keeps what it stored across reopening", async () => {
        const store = ResponseStore.open({dataDir});
        expect(store.schemaVersion).toBe(1);
        put(store, "resp_a");
        put(store, "resp_b", "resp_a");
        store.close();
        const file = path.join(dataDir, "responses.sqlite");
        expect((await stat(file)).mode & 0o777).toBe(0o600);

        const reopened = ResponseStore.open({dataDir});
        expect(reopened.get("resp_b")).toEqual({response: response("resp_b"), input: [{type: "message", role: "user", content: "question resp_b", id: "msg_in_resp_b"}], previousResponseId: "resp_a"});
        expect(reopened.count()).toBe(2);
        expect(reopened.delete("resp_a")).toBe(true);
        expect(reopened.delete("resp_a")).toBe(false);
        expect(reopened.get("resp_a")).toBeNull();
        reopened.close();
        const raw = new Database(file, {readonly: true});
        expect(raw.pragma("journal_mode", {simple: true})).toBe("wal");
        raw.close();
    });

    it("creates a data dir that doesn't exist yet (a first start), for the user only", async () => {
        const fresh = path.join(dataDir, "new", "home");
        ResponseStore.open({dataDir: fresh}).close();
        expect((await stat(fresh)).mode & 0o777).toBe(0o700);
        expect((await stat(path.join(fresh, "responses.sqlite"))).mode & 0o777).toBe(0o600);
    });

    it("evicts the oldest beyond maxResponses and anything older than maxAgeDays; clear empties it", () => {
        let now = 0;
        const store = ResponseStore.open({dataDir, maxResponses: 3, maxAgeDays: 1, now: () => now});
        for (const id of ["r1", "r2", "r3", "r4"]) {
            now += 1000;
            put(store, id);
        }
        expect(["r1", "r2", "r3", "r4"].map((id) => store.get(id) != null)).toEqual([false, true, true, true]);
        now += 86_400_000 + 1;
        put(store, "r5");
        expect(store.count()).toBe(1);
        expect(store.clear()).toBe(1);
        expect(store.count()).toBe(0);
        store.close();
    });

    it("the app's stores keep as many responses as settings.json's responsesMaxCount says", async () => {
        await writeFile(path.join(dataDir, "settings.json"), JSON.stringify({responsesMaxCount: 2}));
        const stores = await openAppStores({env: {}, envKey: "tholos-test-key", dataDir});
        for (const id of ["r1", "r2", "r3"]) put(stores.responses, id);
        expect(stores.responses.count()).toBe(2);
        expect(stores.responses.get("r1")).toBeNull();
        stores.responses.close();
    });

    it("refuses a database from a newer release instead of guessing at its schema", () => {
        ResponseStore.open({dataDir}).close();
        const raw = new Database(path.join(dataDir, "responses.sqlite"));
        raw.pragma("user_version = 9");
        raw.close();
        expect(() => ResponseStore.open({dataDir})).toThrow(/schema version 9, newer than this release knows \(1\)/);
    });

    it("a kill -9 while writing leaves a database that opens and holds every response stored before the kill", async () => {
        const writer = fileURLToPath(new URL("./utils/writeResponses.ts", import.meta.url));
        const child = spawn(process.execPath, ["--import", "tsx", writer, dataDir], {stdio: ["ignore", "pipe", "inherit"]});
        const acknowledged: string[] = [];
        await new Promise<void>((resolve, reject) => {
            child.stdout.setEncoding("utf8");
            let buffer = "";
            child.stdout.on("data", (chunk: string) => {
                buffer += chunk;
                const lines = buffer.split("\n");
                buffer = lines.pop()!;
                acknowledged.push(...lines.filter((line) => line !== ""));
                // Killed mid-stream of writes, well after the first ones were answered
                if (acknowledged.length >= 200) {
                    child.kill("SIGKILL");
                    resolve();
                }
            });
            child.on("exit", () => resolve());
            child.on("error", reject);
        });
        await new Promise((resolve) => child.once("close", resolve));
        expect(child.signalCode).toBe("SIGKILL");

        const store = ResponseStore.open({dataDir});
        for (const id of acknowledged) expect(store.get(id), id).not.toBeNull();
        store.close();
        const raw = new Database(path.join(dataDir, "responses.sqlite"));
        expect(raw.pragma("integrity_check", {simple: true})).toBe("ok");
        raw.close();
    });
});
