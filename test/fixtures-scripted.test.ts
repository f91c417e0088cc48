import {createHash} from "node:crypto";
import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
    ChatMLChatWrapper, GemmaChatWrapper, getLlama, JinjaTemplateChatWrapper, Llama3_1ChatWrapper, LlamaChat, LlamaCompletion,
    QwenChatWrapper, resolveChatWrapper, type ChatHistoryItem, type Llama, type LlamaContext, type LlamaModel, type Token
} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {chatTemplates} from "./fixtures/gguf/chatTemplates.js";
import {createScriptedModel, type CreateScriptedModelOptions, type CreateScriptedModelResult} from "./fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "./fixtures/gguf/familyTemplates.js";
import {readGguf} from "./fixtures/gguf/readGguf.js";
import {canSpmProduceText} from "./fixtures/gguf/utils/canSpmProduceText.js";

let dir: string;

beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tholos-scripted-"));
});

afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
});

/** ChatML with Qwen's special tokens (BOS `<|endoftext|>`, not added; EOS `<|im_end|>`). */
const chatMl = {
    chatTemplate: chatTemplates.chatMl,
    controlTokens: {bos: "<|endoftext|>", eos: "<|im_end|>", extra: ["<|im_start|>"]},
    addBosToken: false
} as const;

const thinkingScript = ["<think>", "\n", "The user wants a greeting.", "\n", "</think>", "\n\n", "Hello there!"];

/** Every character class a prompt may hold: punctuation, a dash, accents, an emoji (4 UTF-8 bytes), line breaks. */
const history: ChatHistoryItem[] = [
    {type: "system", text: "Be brief."},
    {type: "user", text: "Hi! Say hello — in two words,\nünïcödé 🦙 welcome."},
    {type: "model", response: []}
];

/** Temperature 0, then 1.5 with several seeds: sampling must never leave the script. */
const samplings = [{temperature: 0}, ...[1, 2, 3, 42].map((seed) => ({temperature: 1.5, seed}))];

function readTokenTexts(file: string) {
    const tokens = readGguf(file).metadata["tokenizer.ggml.tokens"];
    if (tokens?.type !== "array" || tokens.itemType !== "string")
        throw new Error(`${file} has no tokenizer.ggml.tokens`);
    return tokens.value;
}

describe("createScriptedModel", () => {
    test("gives each piece a token of its own that no prompt can end with, and spells the rest in bytes", async () => {
        const created = await createScriptedModel({
            path: path.join(dir, "layout.gguf"),
            architecture: "llama",
            ...familyTemplates.qwen3,
            script: ["<think>", "<0x0A#1>", "Hello there, friend", "\n", "Hello there, friend", "Hi", "Goodbye", "Goodbye", "\n", " "]
        });
        const texts = readTokenTexts(created.path);
        const spell = (piece: readonly number[]) => piece.map((token) => texts[token]);

        expect(created.text).toBe("<think><0x0A#1>Hello there, friend\nHello there, friend" + "HiGoodbyeGoodbye\n ");
        expect(created.pieceTokens.map(spell)).toEqual([
            ["<think>"],
            ["<0x0A#1>"],
            ["Hello there, friend"],
            ["<0x0A#2>"],
            ["Hello▁there, friend"],
            ["<0x48#1>", "<0x69#1>"],
            ["Goodbye"],
            ["<0x47#1>", "<0x6F#1>", "<0x6F#2>", "<0x64#1>", "<0x62#1>", "<0x79#1>", "<0x65#1>"],
            ["<0x0A#3>"],
            ["<0x20#1>"]
        ]);
        expect(created.scriptTokens).toEqual([...created.pieceTokens.flat(), created.stopToken]);
        expect(texts[created.stopToken]).toBe("<|im_end|>");
        expect(texts[created.generationPromptToken]).toBe("<0x0A>");
        expect(new Set(texts).size).toBe(texts.length);
        expect(created.vocabularySize).toBe(texts.length);
        expect(created.embeddingLength % 64).toBe(0);
        expect(created.embeddingLength).toBeGreaterThanOrEqual(created.vocabularySize);

        // The property the chain relies on: no script token can come out of the tokenizer
        const vocabulary = new Set(texts);
        for (const token of created.pieceTokens.flat().filter((token) => texts[token] !== "<think>"))
            expect(canSpmProduceText(texts[token]!, vocabulary), texts[token]).toBe(false);
    });

    test("family templates are the published texts", () => {
        // SHA-256 of llama.cpp's models/templates/Qwen-Qwen3-0.6B.jinja, meta-llama-Llama-3.1-8B-Instruct.jinja and
        // deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja, mistralai-Mistral-Nemo-Instruct-2407.jinja and
        // openai-gpt-oss-120b.jinja, and of
        // the JSON-decoded Gemma 3 chat_template: a template edited by mistake fails here
        const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
        expect(sha256(familyTemplates.qwen3.chatTemplate)).toBe("87a2728cb8dc9fe424d624542f6060ec05a1d285ebbec578bb078900e33396b5");
        expect(sha256(familyTemplates.llama3_1.chatTemplate)).toBe("e10ca381b1ccc5cf9db52e371f3b6651576caee0a630b452e2816b2d404d4b65");
        expect(sha256(familyTemplates.deepseekR1.chatTemplate)).toBe("dd2675619a64a449cdcdd2b93e605a0a50764cee41e344f244752bc93643936c");
        expect(sha256(familyTemplates.mistralNemo.chatTemplate)).toBe("e4676cb56dffea7782fd3e2b577cfaf1e123537e6ef49b3ec7caa6c095c62272");
        expect(sha256(familyTemplates.gptOss.chatTemplate)).toBe("a4c9919cbbd4acdd51ccffe22da049264b1b73e59055fa58811a99efbd7c8146");
        expect(sha256(familyTemplates.gemma3.chatTemplate)).toBe("7de1c58e208eda46e9c7f86397df37ec49883aeece39fb961e0a6b24088dd3c4");
    });

    test("resumes and markers: refuses what the output matrix can't encode", async () => {
        const base = {path: path.join(dir, "resumes.gguf"), architecture: "llama", ...familyTemplates.qwen3, script: ["<tool_call>", "Hello there"]} as const;
        // After a script token (its successor is the next piece), twice for one state, more markers than there are
        await expect(createScriptedModel({...base, resumes: [{after: "<tool_call>", script: ["Bye now"]}]})).rejects.toThrow(/chain/);
        await expect(createScriptedModel({...base, resumes: [{after: '"', script: ["Bye now"]}, {after: '"', script: ["See you"]}]})).rejects.toThrow(/Two resumes/);
        await expect(createScriptedModel({...base, markers: ["{}"], resumes: [{after: '"', markersHeld: 2, script: ["Bye now"]}]})).rejects.toThrow(/markersHeld/);
        await expect(createScriptedModel({...base, markers: ["x"]})).rejects.toThrow(/two characters/);
        await expect(createScriptedModel({...base, architecture: "gemma3", ...familyTemplates.gemma3, markers: ["{}"]})).rejects.toThrow(/gemma3/);
        // A marker is one token wherever a prompt holds it
        const created = await createScriptedModel({...base, markers: ['{"city": "Paris"}']});
        expect(created.namedTokens['{"city":\u2581"Paris"}']).toBeTypeOf("number");
    });

    test("canSpmProduceText follows llama.cpp's SentencePiece merges", () => {
        expect(canSpmProduceText("a", new Set(["a"]))).toBe(true);
        expect(canSpmProduceText("ab", new Set(["ab"]))).toBe(true);
        expect(canSpmProduceText("abc", new Set(["abc"]))).toBe(false);
        expect(canSpmProduceText("abc", new Set(["abc", "bc"]))).toBe(true);
        expect(canSpmProduceText("a b", new Set(["a b", "a ", " b"]))).toBe(false);
        expect(canSpmProduceText("🦙x", new Set(["🦙x"]))).toBe(true);
        expect(canSpmProduceText("ab", new Set(["a"]))).toBe(false);
    });

    test("rejects scripts it can't make a chain of", async () => {
        const create = (script: string[], extra: Partial<CreateScriptedModelOptions> = {}) =>
            createScriptedModel({path: path.join(dir, "rejected.gguf"), architecture: "llama", ...familyTemplates.qwen3, script, ...extra});

        await expect(create([])).rejects.toThrow(RangeError);
        await expect(create(["Hi", ""])).rejects.toThrow(/piece 1 is empty/);
        await expect(create(["<think>", "x", "<think>"])).rejects.toThrow(/only once/);
        await expect(create(["Hello", "<|im_end|>"])).rejects.toThrow(/stop token/);
        await expect(create(["Hello"], {userDefinedTokens: ["<|im_start|>"]})).rejects.toThrow(/declared twice/);
    });
});

describe("scripted models in node-llama-cpp", () => {
    let llama: Llama;

    beforeAll(async () => {
        llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    });

    afterAll(async () => {
        await llama?.dispose();
    });

    async function withScriptedModel(
        name: string, options: Omit<CreateScriptedModelOptions, "path">,
        run: (scripted: {created: CreateScriptedModelResult, model: LlamaModel, context: LlamaContext, chat: LlamaChat}) => Promise<void>
    ) {
        const created = await createScriptedModel({path: path.join(dir, name), ...options});
        const model = await llama.loadModel({modelPath: created.path});
        try {
            const context = await model.createContext({contextSize: 1024, threads: 1});
            await run({created, model, context, chat: new LlamaChat({contextSequence: context.getSequence()})});
        } finally {
            await model.dispose();
        }
    }

    /**
     * One answer: its text and thought, the tokens `onToken` reported (those of the text, not of the thought), the prompt
     * as the chat wrapper renders it, and what the sequence evaluated after that prompt.
     */
    async function answer(chat: LlamaChat, chatHistory: ChatHistoryItem[], sampling: {temperature: number, seed?: number}) {
        const generated: Token[] = [];
        let thought = "";
        const result = await chat.generateResponse(chatHistory, {
            ...sampling,
            maxTokens: 64,
            onToken: (tokens) => generated.push(...tokens),
            onResponseChunk: (chunk) => void (chunk.segmentType === "thought" && (thought += chunk.text))
        });
        const prompt = chat.chatWrapper.generateContextState({chatHistory}).contextText.tokenize(chat.model.tokenizer);
        const evaluated = chat.sequence.contextTokens;
        return {
            response: result.response,
            thought,
            fullResponse: result.fullResponse,
            stopReason: result.metadata.stopReason,
            generated,
            promptTail: prompt.slice(-3),
            evaluatedPrompt: evaluated.slice(0, prompt.length),
            prompt,
            // Every generated token but the stop token, which is never evaluated
            evaluatedAfterPrompt: evaluated.slice(prompt.length)
        };
    }

    /** What every answer must satisfy: the sequence evaluated the rendered prompt, then the script up to its stop token. */
    function expectScriptFollowedPrompt(result: Awaited<ReturnType<typeof answer>>, created: CreateScriptedModelResult) {
        expect(result.evaluatedPrompt).toEqual(result.prompt);
        expect(result.evaluatedAfterPrompt).toEqual(created.scriptTokens.slice(0, -1));
    }

    test("a llama model with a ChatML template answers exactly the script at temperature 0 and 1.5", async () => {
        const script = ["Hello", " there", "!", "\n", "Hello", " there", " — ünïcödé 🦙"];
        await withScriptedModel("chatml.gguf", {architecture: "llama", ...chatMl, script}, async ({created, chat}) => {
            expect(chat.chatWrapper).toBeInstanceOf(ChatMLChatWrapper);
            for (const sampling of samplings) {
                const result = await answer(chat, history, sampling);
                expectScriptFollowedPrompt(result, created);

                expect(result.response, JSON.stringify(sampling)).toBe("Hello there!\nHello there — ünïcödé 🦙");
                expect(result.stopReason).toBe("eogToken");
                expect(result.generated).toEqual(created.pieceTokens.flat());
                expect(result.promptTail.at(-1)).toBe(created.generationPromptToken);
            }
        });
    });

    test("answers every turn, and a raw prompt that is the script itself", async () => {
        const script = ["Sure.", " Anything else?"];
        await withScriptedModel("turns.gguf", {architecture: "llama", ...chatMl, script}, async ({created, model, context, chat}) => {
            const first = await answer(chat, history, {temperature: 1, seed: 7});
            const second = await answer(chat, [
                ...history.slice(0, -1),
                {type: "model", response: [first.response]},
                {type: "user", text: created.text},
                {type: "model", response: []}
            ], {temperature: 1, seed: 8});
            expect([first.response, second.response]).toEqual([created.text, created.text]);

            // Tokenizing the script's own text gives no script token, so it is answered with the script from the start
            const scriptTokens = new Set<number>(created.scriptTokens);
            expect(model.tokenize(created.text).some((token) => scriptTokens.has(token))).toBe(false);
            chat.dispose({disposeSequence: true});
            const completion = new LlamaCompletion({contextSequence: context.getSequence()});
            expect(await completion.generateCompletion(created.text, {temperature: 1.5, seed: 3, maxTokens: 32})).toBe(created.text);
        });
    });

    test("a llama model with Llama 3.1's template resolves Llama3_1ChatWrapper and stops on <|eot_id|>", async () => {
        const script = ["Hello there!", " How can I help?"];
        await withScriptedModel("llama3.gguf", {architecture: "llama", ...familyTemplates.llama3_1, script}, async ({created, model, chat}) => {
            expect(resolveChatWrapper(model)).toBeInstanceOf(Llama3_1ChatWrapper);
            expect(chat.chatWrapper).toBeInstanceOf(Llama3_1ChatWrapper);
            expect(model.tokens.eos).toBe(created.stopToken);
            expect(model.detokenize([created.stopToken as Token], true)).toBe("<|eot_id|>");

            for (const sampling of samplings) {
                const result = await answer(chat, history, sampling);
                expectScriptFollowedPrompt(result, created);

                expect(result.response, JSON.stringify(sampling)).toBe("Hello there! How can I help?");
                expect(result.fullResponse).toEqual(["Hello there! How can I help?"]);
                expect(result.stopReason).toBe("eogToken");
                expect(result.generated).toEqual(created.pieceTokens.flat());
                // `<|end_header_id|>\n\n`
                expect(result.promptTail).toEqual([created.namedTokens["<|end_header_id|>"], created.generationPromptToken, created.generationPromptToken]);
            }
        });
    });

    test("Qwen 3's template on a llama model: the Jinja template wrapper pre-closes an empty thought, yet splits the one generated", async () => {
        await withScriptedModel("qwen3-on-llama.gguf", {architecture: "llama", ...familyTemplates.qwen3, script: thinkingScript}, async ({created, chat}) => {
            // QwenChatWrapper only accepts Qwen architectures, and ChatML doesn't render this template's empty last
            // assistant turn, `<think>\n\n</think>\n\n`, which therefore ends the prompt
            expect(chat.chatWrapper).toBeInstanceOf(JinjaTemplateChatWrapper);
            for (const sampling of samplings) {
                const result = await answer(chat, history, sampling);
                expectScriptFollowedPrompt(result, created);

                expect(result.promptTail).toEqual([created.namedTokens["</think>"], created.generationPromptToken, created.generationPromptToken]);
                expect(result.thought).toBe("The user wants a greeting.");
                expect(result.response).toBe("Hello there!");
                expect(result.fullResponse).toEqual(["", expect.objectContaining({type: "segment", segmentType: "thought", text: "The user wants a greeting.", ended: true}), "Hello there!"]);
                expect(result.stopReason).toBe("eogToken");
            }
        });
    });

    test("a qwen3 model resolves QwenChatWrapper, which splits the thought and keeps the line breaks after it", async () => {
        await withScriptedModel("qwen3.gguf", {architecture: "qwen3", ...familyTemplates.qwen3, script: thinkingScript}, async ({created, model, chat}) => {
            expect(resolveChatWrapper(model)).toBeInstanceOf(QwenChatWrapper);
            expect(chat.chatWrapper).toBeInstanceOf(QwenChatWrapper);
            for (const sampling of samplings) {
                const result = await answer(chat, history, sampling);
                expectScriptFollowedPrompt(result, created);

                // `<|im_start|>assistant\n`
                expect(result.promptTail.at(-1)).toBe(created.generationPromptToken);
                expect(result.thought).toBe("The user wants a greeting.");
                // The wrapper's thought suffix is `\n</think>`: the `\n\n` after it stays in the text
                expect(result.response).toBe("\n\nHello there!");
                expect(result.fullResponse).toEqual(["", expect.objectContaining({segmentType: "thought", text: "The user wants a greeting."}), "\n\nHello there!"]);
                expect(result.stopReason).toBe("eogToken");
            }
        });
    });

    test("a gemma3 model with Gemma 3's template resolves GemmaChatWrapper and stops on <end_of_turn>", async () => {
        const script = ["Hello there!", " How can I help?"];
        await withScriptedModel("gemma3.gguf", {architecture: "gemma3", ...familyTemplates.gemma3, script}, async ({created, model, chat}) => {
            expect(chat.chatWrapper).toBeInstanceOf(GemmaChatWrapper);
            expect(model.tokens.eot).toBe(created.stopToken);
            for (const sampling of samplings) {
                const result = await answer(chat, history, sampling);
                expectScriptFollowedPrompt(result, created);

                expect(result.response, JSON.stringify(sampling)).toBe("Hello there! How can I help?");
                expect(result.stopReason).toBe("eogToken");
                expect(result.generated).toEqual(created.pieceTokens.flat());
            }
        });
    });
});
