import type {FastifyReply} from "fastify";
import type {CreateEmbeddingRequest, CreateEmbeddingResponse} from "../../../../contract/index.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {ApiError} from "../../ApiError.js";
import {toInputList} from "../toInputList.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";

/** `POST /v1/embeddings`: the OpenAI Embeddings adapter. */
export async function createEmbedding(
    getEngine: () => ServerEngine, body: CreateEmbeddingRequest, reply: FastifyReply, lifetime: ServerLifetime
) {
    const engine = getEngine();
    engine.assertModel(body.model);
    const result = await engine.embed(toInputList(body.input), {signal: abortOnClientClose(reply, lifetime.signal)});
    const size = result.vectors[0]?.length ?? 0;
    if (body.dimensions != null && body.dimensions !== size)
        throw new ApiError("unsupported_parameter", `This model's embeddings have ${size} dimensions; other sizes are not supported.`, "dimensions");

    const response: CreateEmbeddingResponse = {
        object: "list",
        data: result.vectors.map((vector, index) => ({
            index,
            object: "embedding",
            // base64 is the vector's float32 bytes; every platform this app ships on is little-endian, as OpenAI's is.
            embedding: body.encoding_format === "base64"
                ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64")
                : Array.from(vector)
        })),
        model: engine.info.id,
        usage: {prompt_tokens: result.promptTokens, total_tokens: result.promptTokens}
    };
    return {status: 200 as const, body: response};
}
