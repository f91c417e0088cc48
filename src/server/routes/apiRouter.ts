import {initServer} from "@ts-rest/fastify";
import type {FastifyReply} from "fastify";
// Not the index: its OpenAPI builder (openapi3-ts, yaml) is for scripts and tests, not for starting a server.
import {apiContract} from "../../../contract/apiContract.js";
import {ApiError} from "../ApiError.js";
import type {ServerEngine} from "../ServerEngine.js";
import type {ServerLifetime} from "../ServerLifetime.js";
import {createChatCompletion} from "../openai/chat/createChatCompletion.js";
import {createCompletion} from "../openai/completions/createCompletion.js";
import {createEmbedding} from "../openai/embeddings/createEmbedding.js";
import {createResponse} from "../openai/responses/createResponse.js";
import {storedResponseRoutes} from "../openai/responses/storedResponseRoutes.js";
import type {StoredResponses} from "../openai/responses/StoredResponses.js";
import {toOpenAiModel} from "../openai/models/toOpenAiModel.js";
import {createMessage} from "../anthropic/createMessage.js";
import {countMessageTokens} from "../anthropic/countMessageTokens.js";
import {toAnthropicModel} from "../anthropic/toAnthropicModel.js";

export type ApiRouterOptions = {
    /** Where `/v1/responses` keeps stored answers; `null`: nothing is kept. */
    storage: StoredResponses | null,

    /** See `CreateServerOptions.pingIntervalMs`. */
    pingIntervalMs: number
};

/** The contract's routes, implemented over whichever engine is loaded when a request arrives. */
export function createApiRouter(getEngine: () => ServerEngine | null, lifetime: ServerLifetime, {storage, pingIntervalMs}: ApiRouterOptions) {
    const stored = storedResponseRoutes(storage);
    const requireEngine = () => {
        const engine = getEngine();
        if (engine == null) throw new ApiError("model_not_loaded", "No model is loaded. Load a model in the app (or start `tholos serve --model <file.gguf>`).");
        return engine;
    };

    return initServer().router(apiContract, {
        // The models routes serve both protocols: Anthropic's clients always send `anthropic-version`
        listModels: async ({headers}) => {
            const {info} = requireEngine();
            if (headers["anthropic-version"] == null) return {status: 200, body: {object: "list", data: [toOpenAiModel(info)]}};
            return {status: 200, body: {data: [toAnthropicModel(info)], has_more: false, first_id: info.id, last_id: info.id}};
        },
        retrieveModel: async ({params, headers}) => {
            const engine = requireEngine();
            engine.assertModel(params.model);
            return {status: 200, body: headers["anthropic-version"] == null ? toOpenAiModel(engine.info) : toAnthropicModel(engine.info)};
        },
        // Each adapter checks its request first and asks for the engine after, so bad input is a 400 even without a model.
        createChatCompletion: async ({body, reply}) => createChatCompletion(requireEngine, body, asReply(reply), lifetime),
        createCompletion: async ({body, reply}) => createCompletion(requireEngine, body, asReply(reply), lifetime),
        createEmbedding: async ({body, reply}) => createEmbedding(requireEngine, body, asReply(reply), lifetime),
        createMessage: async ({body, reply}) => createMessage(requireEngine, body, asReply(reply), lifetime, {pingIntervalMs}),
        countMessageTokens: async ({body}) => countMessageTokens(requireEngine, body),
        createResponse: async ({body, reply}) => createResponse(requireEngine, body, asReply(reply), lifetime, storage),
        // Stored responses answer with or without a model loaded: they are data, not generation
        retrieveResponse: async ({params}) => ({status: 200, body: stored.retrieve(params.response_id)}),
        deleteResponse: async ({params}) => ({status: 200, body: stored.delete(params.response_id)}),
        listInputItems: async ({params, query}) => ({status: 200, body: stored.inputItems(params.response_id, query)})
    });
}

/**
 * @ts-rest/fastify 3.52 types `reply` with Fastify 4's `FastifyReply` generic order, which Fastify 5 reordered; the
 * object is Fastify 5's reply at run time, so only the type is corrected here.
 */
function asReply(reply: unknown) {
    return reply as FastifyReply;
}
