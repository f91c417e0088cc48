import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {ModelList} from "../../contract/index.js";
import {resolveGpuOption} from "../../src/engine/resolveGpuOption.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

describe("resolveGpuOption", () => {
    it("lets node-llama-cpp pick a GPU backend for auto, and the default", () => {
        expect(resolveGpuOption("auto")).toBe("auto");
        expect(resolveGpuOption()).toBe("auto");
    });

    it("turns the GPU off for cpu", () => {
        expect(resolveGpuOption("cpu")).toBe(false);
    });
});

describe("the backend a model runs on", () => {
    let server: TestServer;
    beforeAll(async () => {
        server = await startTestServer({sequences: 1});
    });
    afterAll(async () => {
        await server?.close();
    });

    it("is cpu when the engine is loaded with gpu cpu, as /v1/models reports", async () => {
        const {body} = await callApi<ModelList>(server, "/models");
        expect(body.data[0]!.meta?.backend).toBe("cpu");
        expect(server.engine.threads).toBe(1);
    });
});
