import {getLlama, type Llama, LlamaCompletion, type LlamaContext, type LlamaModel, type Token, TokenBias} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {compileJsonSchema} from "../../../src/engine/grammar/compileJsonSchema.js";
import {createSchemaValidator} from "../../../src/engine/grammar/createSchemaValidator.js";
import {testModelPath} from "../../support/testModelPath.js";
import {fixtureSchemas} from "./fixtureSchemas.js";

let llama: Llama;
let model: LlamaModel;
let context: LlamaContext;
let completion: LlamaCompletion;
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    model = await llama.loadModel({modelPath: await testModelPath()});
    // One thread: the machine has two cores, and llama.cpp's threads spin-wait when another process takes one.
    context = await model.createContext({contextSize: 512, sequences: 1, threads: 1});
    completion = new LlamaCompletion({contextSequence: context.getSequence()});
});
afterAll(async () => {
    await context?.dispose();
    await model?.dispose();
    await llama?.dispose();
});

/**
 * A grammar can't make a model finish, only allow it to: stories260K left alone rarely closes a string and, as
 * TinyStories has no "@", never ends an email's local part (zod's email pattern allows any number of dotted words
 * before it). So every sample favours the quote tokens (313, 436) a little and the byte token "@" (67) a lot; the
 * grammar still decides where either may go.
 */
const tokenBias = () => new TokenBias(model.tokenizer).set(313 as Token, {logit: 3}).set(436 as Token, {logit: 3}).set(67 as Token, {logit: 20});

const targeted: [name: string, schema: unknown][] = [
    ["an integer range", {type: "integer", minimum: 1, maximum: 99}],
    ["a negative integer range", {type: "integer", minimum: -50, maximum: -10}],
    ["±MAX_SAFE_INTEGER", {type: "integer", minimum: -9007199254740991, maximum: 9007199254740991}],
    ["exclusive integer bounds", {type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 5}],
    ["a number range", {type: "number", minimum: -1.5, maximum: 2.5}],
    ["exclusive number bounds", {type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1}],
    ["a one-sided number bound", {type: "number", minimum: 10}],
    ["an anchored pattern", {type: "string", pattern: "^[A-Z][a-z]{2,5}-\\d{2}$"}],
    ["an unanchored pattern", {type: "string", pattern: "[aeiou]"}],
    ...["date-time", "date", "time", "duration", "email", "uuid", "uri", "hostname", "ipv4", "ipv6", "iso-date-time", "iso-time", "uri-reference",
        "url", "uri-template", "json-pointer", "json-pointer-uri-fragment", "relative-json-pointer", "regex", "byte"]
        .map((format): [string, unknown] => [`format ${format}`, {type: "string", format}]),
    ["format int32", {type: "number", format: "int32"}],
    ["minItems and maxItems", {type: "array", items: {type: "integer", minimum: 0, maximum: 9}, minItems: 2, maxItems: 4}],
    ["prefixItems", {type: "array", prefixItems: [{type: "string", maxLength: 5}, {type: "boolean"}], items: false, minItems: 2}],
    ["minLength and maxLength", {type: "string", minLength: 3, maxLength: 8}],
    ["an enum of objects and arrays", {enum: [{kind: "a", n: 1}, [1, 2], "x", null]}],
    ["a const object", {const: {ok: true, list: [1, "two"]}}],
    ["allOf", {allOf: [{type: "object", properties: {a: {type: "integer", minimum: 0}}, required: ["a"]}, {properties: {b: {type: "boolean"}}, required: ["b"]}]}],
    ["recursion", {$defs: {node: {type: "object", properties: {v: {type: "integer", minimum: 0, maximum: 9}, next: {anyOf: [{$ref: "#/$defs/node"}, {type: "null"}]}}, required: ["v", "next"]}}, $ref: "#/$defs/node"}],
    ["additionalProperties with a schema", {type: "object", properties: {id: {type: "integer", minimum: 0}}, required: ["id"], additionalProperties: {type: "boolean"}, maxProperties: 50}]
];

/**
 * Samples with the tiny model under each schema's grammar: every answer that ended by itself must be JSON the full
 * schema accepts, and most must end by themselves (a grammar that makes finishing impossible fails here). The model
 * writes gibberish, so only validity is asserted. Two thirds of the seeds must end by themselves.
 */
async function sample(schema: unknown, {maxTokens, seeds}: {maxTokens: number, seeds: number[]}) {
    const grammar = await llama.createGrammar({grammar: compileJsonSchema(schema).gbnf});
    const validate = createSchemaValidator(schema);
    const answers: string[] = [];
    for (const seed of seeds) {
        const {response, metadata} = await completion.generateCompletionWithMeta("Once upon a time", {grammar, temperature: 1, seed, maxTokens, tokenBias});
        if (metadata.stopReason === "maxTokens") continue;
        expect(metadata.stopReason).toBe("eogToken");
        answers.push(response);
        let value: unknown;
        expect(() => value = JSON.parse(response), response).not.toThrow();
        expect(validate(value), response).toEqual({valid: true});
    }
    expect(answers.length, "answers that ended by themselves").toBeGreaterThanOrEqual(Math.ceil(seeds.length * 2 / 3));
}

describe("generation under compiled grammars (stories260K, temperature 1)", () => {
    it.each(fixtureSchemas())("writes valid answers for the fixture $name", async ({schema}) => {
        // Up to 500 tokens fit the 512-token context after the prompt; the larger fixtures need most of them.
        await sample(schema, {maxTokens: 500, seeds: [1, 2, 3]});
    });

    it.each(targeted)("writes valid answers for %s", async (_, schema) => {
        await sample(schema, {maxTokens: 400, seeds: [1, 2, 3, 4, 5]});
    });
});
