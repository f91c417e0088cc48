import type Anthropic from "@anthropic-ai/sdk";
import type {
    AnthropicErrorResponse, AnthropicMessage, AnthropicMessageStreamEvent, AnthropicModelInfo, AnthropicModelList, MessageTokensCount
} from "../../contract/index.js";

/*
 * The conformance check of the Anthropic routes. Anthropic publishes no API description here; its official SDK's types
 * are generated from its own, so the contract's answer types must be assignable to them: `npm run typecheck` fails
 * when an answer lacks a field the SDK requires or has a value it doesn't allow. (The server's answers are checked
 * against the contract itself by the tests' response validation.) The names are those the routes' metadata gives.
 */
type Conforms<Ours extends Official, Official> = [Ours, Official];

type StreamEvent<Type extends string> = Extract<AnthropicMessageStreamEvent, {type: Type}>;

export type AnthropicConformance = [
    Conforms<AnthropicMessage, Anthropic.Message>,
    // `ping` and `error` are events the SDK's stream reader handles itself, outside its event type
    Conforms<Exclude<AnthropicMessageStreamEvent, {type: "ping" | "error"}>, Anthropic.RawMessageStreamEvent>,
    Conforms<StreamEvent<"error">["error"], Anthropic.ErrorObject>,
    Conforms<MessageTokensCount, Anthropic.MessageTokensCount>,
    Conforms<AnthropicErrorResponse, Anthropic.ErrorResponse>,
    Conforms<AnthropicModelInfo, Anthropic.ModelInfo>,
    Conforms<AnthropicModelList, {data: Anthropic.ModelInfo[], has_more: boolean, first_id: string | null, last_id: string | null}>
];
