import type {GenerateOptions} from "./GenerateOptions.js";
import type {GenerationChoice, GenerationUsage} from "./Generation.js";
import type {SharedPrompt} from "./SharedPrompt.js";

/** One choice as a generator produces it, with its own usage (the engine sums the choices' usage). */
export type ChoiceGeneration = GenerationChoice & {usage: GenerationUsage};

/**
 * A generator's options: the request's, which choice it generates (stamped on its events; default 0), and for one
 * of several choices the prompt state they share (`prepare` it on the leased sequence before generating).
 */
export type ChoiceOptions = GenerateOptions & {choice?: number, sharedPrompt?: SharedPrompt};
