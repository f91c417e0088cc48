import type {LlamaEngine} from "../engine/LlamaEngine.js";

/** What the HTTP layer needs of the engine. */
export type ServerEngine = Pick<LlamaEngine, "info" | "assertModel" | "generate" | "countPromptTokens" | "embed">;
