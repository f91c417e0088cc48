import http from "node:http";
import {setTimeout as sleep} from "node:timers/promises";
import {expect, it} from "vitest";
import {createServer} from "../../src/server/createServer.js";
import {listenOnLoopback} from "../../src/server/listenOnLoopback.js";
import {rawRequest} from "./rawRequest.js";

/** A request whose body arrives `delayMs` after its headers: open on the server all that time. */
function slowRequest(port: number, delayMs: number) {
    return new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({model: "m", messages: [{role: "user", content: "hi"}]});
        const request = http.request({
            host: "127.0.0.1", port, path: "/v1/chat/completions", method: "POST", agent: false,
            headers: {"content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: "Bearer key-0123456789"}
        }, (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode!));
        });
        request.on("error", reject);
        request.flushHeaders();
        setTimeout(() => request.end(body), delayMs);
    });
}

/** The quiet-spell hook the product hands V8's spare heap back from (startApiServer), on real timers and sockets. */
it("releases after the start's quiet spell, then only after requests ran, never while one is open or after close", async () => {
    let releases = 0;
    const app = await createServer({
        engine: () => null,
        apiKey: () => "key-0123456789",
        openApiDocument: {},
        releaseWhenIdle: {afterMs: 100, release: () => releases++}
    });
    const port = await listenOnLoopback(app, 0);
    try {
        // What loading left behind goes once the server has been quiet
        await sleep(500);
        expect(releases).toBe(1);
        // Nothing ran since: nothing new to give back
        await sleep(400);
        expect(releases).toBe(1);

        // Open for 900 ms, far longer than the quiet spell: no release until it has ended
        const slow = slowRequest(port, 900);
        await sleep(600);
        expect(releases).toBe(1);
        expect(await slow).toBe(503); // no model loaded
        await sleep(500);
        expect(releases).toBe(2);

        // A refused request ran too
        expect((await rawRequest({port, path: "/v1/models"})).status).toBe(401);
        await sleep(500);
        expect(releases).toBe(3);
        await rawRequest({port, path: "/v1/models"});
    } finally {
        await app.close();
    }
    // The request just before close would have released 100 ms later
    await sleep(400);
    expect(releases).toBe(3);
});
