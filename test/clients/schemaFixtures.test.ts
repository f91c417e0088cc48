import {describe, expect, it} from "vitest";
import {z} from "zod";
import {zodFunction, zodResponseFormat} from "openai/helpers/zod";
import {zodSchema} from "ai";

/**
 * JSON Schemas exactly as the pinned zod 4 and the clients built on it emit them (z.toJSONSchema, openai 7's
 * zodResponseFormat / zodFunction, the AI SDK's zodSchema), kept as files under test/fixtures/schemas/ so tests that
 * don't load zod 4 (the engine's, the server's) use the real thing. A client upgrade that changes what it sends fails
 * here; `npx vitest run test/clients/schemaFixtures -u` rewrites the files on purpose.
 */
const Address = z.object({street: z.string(), city: z.string(), postcode: z.string().regex(/^\d{5}$/)});
const schemas = {
    // The integer trap: zod 4 writes ±MAX_SAFE_INTEGER bounds on every .int().
    character: z.object({name: z.string().max(40), age: z.number().int(), brave: z.boolean()}),
    order: z.object({
        id: z.uuid(),
        placed: z.iso.datetime(),
        email: z.email(),
        status: z.enum(["pending", "shipped", "delivered"]),
        quantity: z.number().int().min(1).max(99),
        price: z.number().positive(),
        note: z.string().nullable(),
        gift: z.boolean().optional(),
        tags: z.array(z.string().min(1)).min(1).max(5),
        address: Address,
        kind: z.literal("order")
    }),
    shape: z.discriminatedUnion("type", [
        z.object({type: z.literal("circle"), radius: z.number()}),
        z.object({type: z.literal("square"), side: z.number()})
    ]),
    category: z.object({
        name: z.string(),
        get subcategories() {
            return z.array(schemas.category);
        }
    }) as z.ZodType
};

const file = (name: string) => `../fixtures/schemas/${name}.json`;
const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("schemas as zod 4 and its clients emit them", () => {
    for (const [name, schema] of Object.entries(schemas)) {
        it(`${name}: z.toJSONSchema`, async () => {
            await expect(json(z.toJSONSchema(schema))).toMatchFileSnapshot(file(`zod4-${name}`));
        });
        it(`${name}: the AI SDK's zodSchema`, async () => {
            await expect(json(await zodSchema(schema).jsonSchema)).toMatchFileSnapshot(file(`ai-sdk-${name}`));
        });
    }

    // openai's helpers take only what OpenAI's strict mode allows: an object root, every field required (optional
    // fields as nullable).
    const strict = {
        character: schemas.character,
        order: schemas.order.extend({gift: z.boolean().nullable()}),
        drawing: z.object({title: z.string(), shapes: z.array(schemas.shape)})
    };
    for (const [name, schema] of Object.entries(strict)) {
        it(`${name}: openai's zodResponseFormat and zodFunction`, async () => {
            await expect(json(zodResponseFormat(schema, name))).toMatchFileSnapshot(file(`openai-response-format-${name}`));
            await expect(json(zodFunction({name, parameters: schema}))).toMatchFileSnapshot(file(`openai-function-${name}`));
        });
    }

    it("zod 4 still writes the integer bounds the structured-outputs issue is about", () => {
        expect(z.toJSONSchema(z.number().int())).toMatchObject({type: "integer", minimum: -9007199254740991, maximum: 9007199254740991});
    });
});
