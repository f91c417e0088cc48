import type {Llama, LlamaGrammar} from "node-llama-cpp";

/** node-llama-cpp 3.21.1's rule for JSON Schema `integer`: it allows an exponent, negative ones included. */
const integerRule = /^integer-number-rule ::= .*$/m;

/** Plain JSON integers: what OpenAI's structured outputs write and what every JSON Schema validator accepts. */
const plainIntegerRule = `integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15})`;

/**
 * A grammar that makes the model write JSON matching `schema`: node-llama-cpp's JSON-schema grammar, except that
 * `integer` values are plain digits. Its integer rule (`GbnfNumber` with `allowFractional: false`) accepts an exponent
 * such as `-30e-3` (= -0.03), so a tiny model really wrote `"age": -30e-3` under `{"type": "integer"}` and the answer
 * failed schema validation. No upstream issue exists yet; drop this once node-llama-cpp's rule stops allowing it.
 */
export async function createJsonSchemaGrammar(llama: Llama, schema: object): Promise<LlamaGrammar> {
    // The schema comes from the request as plain JSON; node-llama-cpp throws on what it can't enforce.
    const grammar = await llama.createGrammarForJsonSchema(schema as never);
    if (!integerRule.test(grammar.grammar)) return grammar;
    return await llama.createGrammar({
        grammar: grammar.grammar.replace(integerRule, plainIntegerRule),
        stopGenerationTriggers: grammar.stopGenerationTriggers,
        trimWhitespaceSuffix: grammar.trimWhitespaceSuffix
    });
}
