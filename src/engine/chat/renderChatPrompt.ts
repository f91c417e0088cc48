import type {ChatHistoryItem, ChatModelFunctions, ChatWrapper, Token} from "node-llama-cpp";
import type {EngineRuntime} from "../EngineRuntime.js";
import type {ChatPrompt, GenerationRequest, ToolDefinition} from "../generation/GenerationRequest.js";
import {toChatHistory} from "./toChatHistory.js";
import {forcedCallInstruction, forcedTools, toChatModelFunctions} from "./toolGrammar.js";
import {toFunctionParams} from "./toFunctionParams.js";
import {engageFunctionCall, hasNativeCalls} from "./engageFunctionCall.js";
import {checkedSchemaGrammar} from "./checkedSchemaGrammar.js";

export type RenderedChatPrompt = {
    /** The tools a forced choice may call, or `null` when the choice forces nothing. */
    forced: readonly ToolDefinition[] | null,

    /** Whether a forced call is written in the family's own syntax (else as the generic JSON call under a grammar). */
    nativeForced: boolean,

    /** The functions the model may choose to call (`auto`), if any. */
    autoFunctions: ChatModelFunctions | undefined,

    /** The functions given to LlamaChat: the forced ones when forced natively, else `autoFunctions`. */
    functions: ChatModelFunctions | undefined,
    history: ChatHistoryItem[],
    chatWrapper: ChatWrapper,

    /** The prompt exactly as the chat wrapper renders it: its length is the usage's prompt tokens. */
    tokens: Token[]
};

/**
 * A chat request's prompt as the model reads it (template, tools and the forced-call set-up included), shared by
 * generation and by prompt counting so the two can't disagree.
 */
export async function renderChatPrompt(runtime: EngineRuntime, request: GenerationRequest & {prompt: ChatPrompt}): Promise<RenderedChatPrompt> {
    const tools = request.tools;
    // Every tool's parameters go through the project's compiler, whichever way the call is then generated, so a
    // schema it can't follow is refused alike (and its grammar is ready if the call is forced).
    for (const [index, tool] of (tools ?? []).entries())
        if (tool.parameters != null) await checkedSchemaGrammar(runtime, tool.parameters, `tools[${index}].parameters`);
    const forced = forcedTools(tools, request.toolChoice);
    const wrapper = runtime.chatWrapperFor(request.thinking);
    // A forced call goes in the family's own syntax where the wrapper has one (LlamaChat starts the answer inside a
    // call), else as the generic JSON call under the project's grammar, which the system prompt explains.
    const nativeForced = forced != null && hasNativeCalls(wrapper);
    const toFunctions = (callable: readonly ToolDefinition[]) =>
        toChatModelFunctions(callable.map((tool) => tool.parameters == null ? tool : {...tool, parameters: toFunctionParams(tool.parameters)}));
    const autoFunctions = forced == null && tools != null && tools.length > 0 && request.toolChoice !== "none" ? toFunctions(tools) : undefined;
    const functions = nativeForced ? toFunctions(forced) : autoFunctions;

    let history = toChatHistory(request.prompt.messages);
    if (forced != null && !nativeForced)
        history = [{type: "system", text: forcedCallInstruction(forced)}, ...history];

    const chatWrapper = nativeForced ? engageFunctionCall(wrapper) : wrapper;
    const {contextText} = chatWrapper.generateContextState({chatHistory: history, availableFunctions: functions});
    return {forced, nativeForced, autoFunctions, functions, history, chatWrapper, tokens: contextText.tokenize(runtime.model.tokenizer)};
}
