// @ts-check
// The Settings → Local API Server panel. Talks to main only through `window.tholos` (see tray/bridge/TholosBridge.ts):
// the app's operations by name (`tholos.run`), checked by main against the operations table; renders whatever state
// main pushes, so the page never disagrees with the tray menu or the CLI. Type-checked by tray/renderer/tsconfig.json.
"use strict";

/** @typedef {import("../bridge/TholosBridge.js").TholosBridge} TholosBridge */
/** @typedef {import("../../src/app/AppState.js").AppState} AppState */

(() => {
    /** @type {TholosBridge} */
    const tholos = /** @type {any} */ (window).tholos;
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

    const enable = /** @type {HTMLInputElement} */ ($("enable"));
    const port = /** @type {HTMLInputElement} */ ($("port"));
    const threads = /** @type {HTMLInputElement} */ ($("threads"));
    const gpu = /** @type {HTMLSelectElement} */ ($("gpu"));
    const contextSize = /** @type {HTMLInputElement} */ ($("context-size"));
    const progress = /** @type {HTMLProgressElement} */ ($("model-progress"));
    /** @type {AppState | null} */
    let state = null;
    /** Inputs the user is typing in: a pushed state must not overwrite them. */
    const edited = new Set();

    /** Shows `value` in `input` unless the user is editing it. */
    function sync(/** @type {HTMLInputElement} */ input, /** @type {string} */ value) {
        if (edited.has(input) && document.activeElement === input) return;
        input.value = value;
        edited.delete(input);
    }

    /** An empty number field means auto (`null`). */
    function numberOrAuto(/** @type {HTMLInputElement} */ input) {
        return input.value.trim() === "" ? null : Number(input.value);
    }

    function showResult(/** @type {string} */ id, /** @type {{ok: boolean, message: string}} */ result) {
        const element = $(id);
        element.textContent = result.message;
        element.dataset.ok = String(result.ok);
    }

    function clearResult(/** @type {string} */ id) {
        $(id).textContent = "";
    }

    function render(/** @type {AppState} */ next) {
        state = next;
        const business = next.edition === "business";
        enable.checked = business && next.enabled;
        enable.disabled = !business;
        $("locked-note").hidden = business;
        $("edition-badge").hidden = !business;
        $("edition-reason").textContent = business ? "" : next.editionReason;

        $("status").textContent = next.status;
        $("status-row").dataset.kind = next.statusKind;

        const masked = next.apiKey.masked;
        $("key").textContent = masked ?? "unavailable";
        /** @type {HTMLButtonElement} */ ($("copy-key")).disabled = masked == null;
        /** @type {HTMLButtonElement} */ ($("regenerate-key")).disabled = masked == null || next.apiKey.source === "env";
        /** @type {HTMLButtonElement} */ ($("test")).disabled = !business;
        $("key-location").textContent = `Stored in ${next.apiKey.location}.`;

        const shownPort = next.listeningPort ?? next.port;
        $("base-url").textContent = `http://127.0.0.1:${shownPort}/v1`;
        $("auth-header").textContent = `Authorization: Bearer ${masked ?? "YOUR_API_KEY"}`;
        $("first-call").textContent = [
            `curl http://127.0.0.1:${shownPort}/v1/chat/completions \\`,
            `  -H "Authorization: Bearer ${masked ?? "YOUR_API_KEY"}" \\`,
            `  -H "Content-Type: application/json" \\`,
            `  -d '{`,
            `    "messages": [{"role": "user", "content": "Say hello in one sentence."}]`,
            `  }'`
        ].join("\n");
        /** @type {HTMLButtonElement} */ ($("copy-first-call")).disabled = masked == null;

        sync(port, String(next.port === 0 ? shownPort : next.port));
        sync(threads, next.threads == null ? "" : String(next.threads));
        sync(contextSize, next.contextSize == null ? "" : String(next.contextSize));
        gpu.value = next.gpu;

        const model = next.model;
        const name = $("model-name");
        progress.hidden = model.state !== "loading";
        switch (model.state) {
            case "none":
                name.textContent = "No model loaded";
                break;
            case "loading":
                name.textContent = `Loading ${model.name}… ${Math.floor(model.progress * 100)}%`;
                progress.value = model.progress;
                break;
            case "loaded":
                name.textContent = `${model.name} (${model.id})`;
                break;
            case "failed":
                name.textContent = `${model.name} — failed to load`;
                break;
        }
        /** @type {HTMLButtonElement} */ ($("load-model")).disabled = model.state === "loading";
        /** @type {HTMLButtonElement} */ ($("unload-model")).disabled = model.state !== "loaded" && model.state !== "failed";

        renderOrigins(next.allowedOrigins);

        const stored = next.storedResponses;
        $("stored-responses").textContent = stored === 0 ? "None" : `${stored} (kept for previous_response_id)`;
        /** @type {HTMLButtonElement} */ ($("clear-responses")).disabled = stored === 0;
    }

    /** One row per allowed origin, each with its Remove button (built as nodes: an origin is never parsed as HTML). */
    function renderOrigins(/** @type {readonly string[]} */ origins) {
        const list = $("origins");
        const shown = Array.from(list.querySelectorAll("code"), (code) => code.textContent);
        $("origins-none").hidden = origins.length > 0;
        if (shown.length === origins.length && shown.every((origin, index) => origin === origins[index])) return;
        list.replaceChildren(...origins.map((origin) => {
            const item = document.createElement("li");
            const code = document.createElement("code");
            code.textContent = origin;
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "small";
            remove.textContent = "Remove";
            remove.setAttribute("aria-label", `Remove ${origin}`);
            remove.addEventListener("click", () => busy(remove, async () => {
                showResult("origins-result", await tholos.run("origins.remove", {origin}));
            }));
            item.append(code, remove);
            return item;
        }));
    }

    /** Runs a bridge call with its button disabled meanwhile. */
    async function busy(/** @type {HTMLElement} */ button, /** @type {() => Promise<void>} */ action) {
        const control = /** @type {HTMLButtonElement | HTMLInputElement | HTMLSelectElement} */ (button);
        control.disabled = true;
        try {
            await action();
        } finally {
            // Enabled again, unless the state says otherwise (render disables what can't be used now).
            control.disabled = false;
            if (state != null) render(state);
        }
    }

    enable.addEventListener("change", () => busy(enable, async () => {
        clearResult("enable-result");
        const result = await tholos.run(enable.checked ? "enable" : "disable");
        if (!result.ok) showResult("enable-result", result);
    }));

    $("copy-key").addEventListener("click", () => busy($("copy-key"), async () => {
        showResult("key-result", await tholos.copyKey());
    }));

    $("regenerate-key").addEventListener("click", () => {
        clearResult("key-result");
        $("regenerate-confirm").hidden = false;
        $("regenerate-cancel").focus();
    });
    $("regenerate-cancel").addEventListener("click", () => {
        $("regenerate-confirm").hidden = true;
        $("regenerate-key").focus();
    });
    $("regenerate-confirm-button").addEventListener("click", () => busy($("regenerate-confirm-button"), async () => {
        $("regenerate-confirm").hidden = true;
        showResult("key-result", await tholos.regenerateKey());
    }));

    $("test").addEventListener("click", () => busy($("test"), async () => {
        const element = $("key-result");
        element.textContent = "Testing…";
        delete element.dataset.ok;
        const answer = await tholos.run("test");
        const result = answer.ok ? answer.result : answer;
        showResult("key-result", {ok: result.ok, message: result.ok ? `Test passed: ${result.message}` : result.message});
    }));

    $("copy-first-call").addEventListener("click", () => busy($("copy-first-call"), async () => {
        showResult("first-call-result", await tholos.copyFirstCall());
    }));

    for (const input of [port, threads, contextSize]) input.addEventListener("input", () => edited.add(input));
    $("port-form").addEventListener("submit", (event) => {
        event.preventDefault();
        void busy($("port-apply"), async () => {
            edited.delete(port);
            showResult("port-result", await tholos.run("setPort", {port: Number(port.value)}));
        });
    });

    $("threads-form").addEventListener("submit", (event) => {
        event.preventDefault();
        void busy($("threads-apply"), async () => {
            edited.delete(threads);
            showResult("engine-result", await tholos.run("setThreads", {threads: numberOrAuto(threads)}));
        });
    });
    gpu.addEventListener("change", () => busy(gpu, async () => {
        showResult("engine-result", await tholos.run("setGpu", {gpu: gpu.value === "cpu" ? "cpu" : "auto"}));
    }));
    $("context-size-form").addEventListener("submit", (event) => {
        event.preventDefault();
        void busy($("context-size-apply"), async () => {
            edited.delete(contextSize);
            showResult("engine-result", await tholos.run("setContextSize", {contextSize: numberOrAuto(contextSize)}));
        });
    });

    $("origin-form").addEventListener("submit", (event) => {
        event.preventDefault();
        void busy($("origin-add"), async () => {
            const origin = /** @type {HTMLInputElement} */ ($("origin"));
            const result = await tholos.run("origins.add", {origin: origin.value.trim()});
            showResult("origins-result", result);
            if (result.ok) origin.value = "";
        });
    });

    $("load-model").addEventListener("click", () => busy($("load-model"), async () => {
        const result = await tholos.chooseModel();
        if (result.message !== "" || !result.ok) showResult("model-result", result);
    }));
    $("unload-model").addEventListener("click", () => busy($("unload-model"), async () => {
        showResult("model-result", await tholos.run("unloadModel"));
    }));

    $("clear-responses").addEventListener("click", () => {
        clearResult("responses-result");
        $("clear-responses-confirm").hidden = false;
        $("clear-responses-cancel").focus();
    });
    $("clear-responses-cancel").addEventListener("click", () => {
        $("clear-responses-confirm").hidden = true;
        $("clear-responses").focus();
    });
    $("clear-responses-confirm-button").addEventListener("click", () => busy($("clear-responses-confirm-button"), async () => {
        $("clear-responses-confirm").hidden = true;
        showResult("responses-result", await tholos.run("responses.clear"));
    }));

    tholos.onState(render);
    void tholos.run("state").then((answer) => {
        if (answer.ok) render(answer.result);
    });
})();
