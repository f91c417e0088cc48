import type {CountMessageTokensRequest} from "../../../contract/index.js";
import type {ServerEngine} from "../ServerEngine.js";
import {withWireParams} from "../withWireParams.js";
import {messageParamNames} from "./messageParamNames.js";
import {toMessageGenerationRequest} from "./toMessageGenerationRequest.js";

/** `POST /v1/messages/count_tokens`: the prompt `POST /v1/messages` would read, counted through the same template. */
export async function countMessageTokens(getEngine: () => ServerEngine, body: CountMessageTokensRequest) {
    const request = toMessageGenerationRequest(body);
    const engine = getEngine();
    engine.assertModel(body.model);
    const inputTokens = await withWireParams(() => engine.countPromptTokens(request), messageParamNames);
    return {status: 200 as const, body: {input_tokens: inputTokens}};
}
