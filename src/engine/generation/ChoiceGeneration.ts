import type {GenerateOptions} from "./GenerateOptions.js";
import type {GenerationChoice, GenerationUsage} from "./Generation.js";

/** One choice as a generator produces it, with its own usage (the engine sums the choices' usage). */
export type ChoiceGeneration = GenerationChoice & {usage: GenerationUsage};

/** A generator's options: the request's, and which choice it generates (stamped on its events). Default choice 0. */
export type ChoiceOptions = GenerateOptions & {choice?: number};
