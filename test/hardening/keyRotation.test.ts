import {expect, test} from "vitest";
import {useSharedLlama} from "../support/useSharedLlama.js";
import {openTestCore} from "../app/utils/openTestCore.js";
import {streamApi} from "../support/streamApi.js";

// Key rotation under load (SPEC §4): the AppCore serving the real model while streams run and clients keep sending.
const shared = useSharedLlama();

test("regenerating while streams run: old key 401 from then on, the new key never fails, running streams finish", {timeout: 90_000}, async () => {
    const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}, session: {enabled: true, modelPath: shared.modelPath, sequences: 2}});
    await core.start();
    const port = core.state.listeningPort!;
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const oldKey = core.copyKey();

    const requests = [
        {path: "/models", init: {method: "GET"}},
        {path: "/chat/completions", init: {method: "POST", body: JSON.stringify({messages: [{role: "user", content: "Once"}], max_tokens: 2})}},
        {path: "/completions", init: {method: "POST", body: JSON.stringify({prompt: "Once upon", max_tokens: 2})}},
        {path: "/embeddings", init: {method: "POST", body: JSON.stringify({input: "a cat"})}}
    ];
    const call = async (key: string, index: number) => {
        const {path, init} = requests[index % requests.length]!;
        const response = await fetch(baseUrl + path, {...init, headers: {authorization: `Bearer ${key}`, "content-type": "application/json"}});
        await response.arrayBuffer();
        return response.status;
    };

    // Six long streams on two sequences: two generating, four queued, all admitted with the old key.
    const streamStarted: Promise<void>[] = [];
    const streams = Array.from({length: 6}, (_, i) => {
        let started!: () => void;
        streamStarted.push(new Promise((resolve) => started = resolve));
        const body = i % 2 === 0
            ? {messages: [{role: "user", content: "Tell me a long story."}], max_tokens: 400, temperature: 0}
            : {prompt: "Once upon a time", max_tokens: 400, temperature: 0};
        const result = streamApi({baseUrl, apiKey: oldKey}, i % 2 === 0 ? "/chat/completions" : "/completions", body, {onChunk: (_chunk, index) => index === 0 && started()});
        return result.then((value) => ({...value, endedAt: performance.now()}));
    });
    await Promise.race(streamStarted);

    // Clients polling with the old key and (once known) the new one, through the regeneration.
    let polling = true;
    let newKey: string | undefined;
    let regeneratedAt = Infinity;
    const oldKeyResults: {sentAt: number, status: number}[] = [];
    const newKeyResults: number[] = [];
    const pollers = Array.from({length: 4}, async (_, worker) => {
        for (let i = worker; polling; i++) {
            const sentAt = performance.now();
            oldKeyResults.push({sentAt, status: await call(oldKey, i)});
            if (newKey != null) newKeyResults.push(await call(newKey, i));
        }
    });

    await new Promise((resolve) => setTimeout(resolve, 100));
    newKey = await core.regenerateKey();
    regeneratedAt = performance.now();
    expect(newKey).not.toBe(oldKey);

    // A burst right after: every old-key request refused, every new-key one answered.
    const burstOld = await Promise.all(Array.from({length: 8}, (_, i) => call(oldKey, i)));
    const burstNew = await Promise.all(Array.from({length: 8}, (_, i) => call(newKey!, i)));
    expect(burstOld).toEqual(Array(8).fill(401));
    expect(burstNew).toEqual(Array(8).fill(200));

    await new Promise((resolve) => setTimeout(resolve, 500));
    polling = false;
    await Promise.all(pollers);
    const finished = await Promise.all(streams);

    const sentAfter = oldKeyResults.filter((result) => result.sentAt > regeneratedAt);
    expect(sentAfter.length).toBeGreaterThan(0);
    expect(sentAfter.filter((result) => result.status !== 401)).toEqual([]);
    expect(oldKeyResults.filter((result) => ![200, 401].includes(result.status))).toEqual([]);
    expect(newKeyResults.length).toBeGreaterThan(0);
    expect(newKeyResults.filter((status) => status !== 200)).toEqual([]);

    for (const stream of finished) {
        expect(stream.status).toBe(200);
        expect(stream.error).toBeNull();
        expect(stream.done).toBe(true);
    }
    // The rotation really happened under load: streams admitted with the old key were still running.
    expect(finished.some((stream) => stream.endedAt > regeneratedAt)).toBe(true);
    console.log(`key rotation: ${oldKeyResults.length} old-key requests (${sentAfter.length} after), ${newKeyResults.length + 16} new-key/burst requests, 6 streams finished`);
});
