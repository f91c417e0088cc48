import {EngineError} from "../EngineError.js";
import type {ChoiceGeneration, ChoiceOptions} from "./ChoiceGeneration.js";
import type {GenerateOptions} from "./GenerateOptions.js";
import type {Generation} from "./Generation.js";
import type {GenerationRequest} from "./GenerationRequest.js";
import {SharedPrompt} from "./SharedPrompt.js";

/** Most choices one request may ask for (OpenAI allows 128; each holds a sequence while it runs). */
export const maxChoices = 16;

/** Most alternatives a token's log-probability may list (OpenAI's limit). */
export const maxTopLogprobs = 20;

/**
 * Runs `request.choices` generations of the same request at once, each on its own pooled sequence (so several
 * decode in one batch; the prompt is read once and its state shared, see `SharedPrompt`), and sums them up. Choice
 * `i` of a seeded request uses `seed + i`. `onStart` fires once, when the first choice starts; if any choice fails,
 * the others are stopped and the request fails with the first error (`Promise.all` rejects with it; the siblings then
 * fail with it as their abort reason).
 */
export async function generateChoices(
    request: GenerationRequest, options: GenerateOptions,
    generateOne: (request: GenerationRequest, options: ChoiceOptions) => Promise<ChoiceGeneration>
): Promise<Generation> {
    const count = request.choices ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > maxChoices)
        throw new EngineError("invalid_parameter", `{param} must be a whole number from 1 to ${maxChoices}.`, {param: "choices"});
    if (request.topLogprobs != null && (!Number.isInteger(request.topLogprobs) || request.topLogprobs < 0 || request.topLogprobs > maxTopLogprobs))
        throw new EngineError("invalid_parameter", `{param} must be a whole number from 0 to ${maxTopLogprobs}.`, {param: "topLogprobs"});
    if (count === 1) {
        const {usage, ...choice} = await generateOne(request, options);
        return {choices: [choice], usage};
    }

    // Linked by hand, not with AbortSignal.any (see generateText).
    const siblings = new AbortController();
    const onAbort = () => siblings.abort(options.signal!.reason);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, {once: true});
    let started = false;
    const sharedPrompt = new SharedPrompt();
    try {
        const results = await Promise.all(Array.from({length: count}, (_, choice) => generateOne({
            ...request,
            sampling: {...request.sampling, seed: request.sampling?.seed == null ? undefined : request.sampling.seed + choice}
        }, {
            signal: siblings.signal,
            choice,
            sharedPrompt,
            onEvent: options.onEvent,
            onStart(start) {
                if (started) return;
                started = true;
                options.onStart?.(start);
            }
        }).catch((error: unknown) => {
            if (!siblings.signal.aborted) siblings.abort(error);
            throw error;
        })));
        const reasoningTokens = results.reduce((sum, result) => sum + (result.usage.reasoningTokens ?? 0), 0);
        return {
            choices: results.map(({usage: _, ...choice}) => choice),
            usage: {
                promptTokens: results[0]!.usage.promptTokens,
                completionTokens: results.reduce((sum, result) => sum + result.usage.completionTokens, 0),
                ...(reasoningTokens > 0 ? {reasoningTokens} : {}),
                ...(results[0]!.usage.cachedPromptTokens != null ? {cachedPromptTokens: results[0]!.usage.cachedPromptTokens} : {})
            }
        };
    } finally {
        options.signal?.removeEventListener("abort", onAbort);
        await sharedPrompt.dispose();
    }
}
