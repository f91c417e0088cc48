import {readdirSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const directory = fileURLToPath(new URL("../../fixtures/schemas/", import.meta.url));

/**
 * The client schemas committed under `test/fixtures/schemas/`, as each client sends them: zod 4's and the AI SDK's
 * as they are, openai 7's helpers' wrapped in their request field (`openai-response-format-*`:
 * `.json_schema.schema`; `openai-function-*`: `.function.parameters`), and pydantic v2's `model_json_schema()`
 * output under `pydantic/`, written from pydantic's documented format (https://docs.pydantic.dev/latest/concepts/json_schema/):
 * keys sorted within each schema, a `title` on models and fields, nested models and enums as `$defs` entries reached by
 * `#/$defs/…` refs, `Optional[X] = None` as `anyOf: [X, {"type": "null"}]` with `default: null`, a `Literal` as
 * `const`/`enum`, `list[X]` as `items`, `datetime` as `format: date-time`, `tuple` as `prefixItems`, `set` with
 * `uniqueItems`, `Decimal` as a number or a pattern-checked string, a tagged union as `oneOf` with a `discriminator`, and
 * a self-referencing model as a root `$ref`.
 */
export function fixtureSchemas(): {name: string, schema: unknown}[] {
    const files = [
        ...readdirSync(directory).filter((file) => file.endsWith(".json")),
        ...readdirSync(directory + "pydantic").filter((file) => file.endsWith(".json")).map((file) => `pydantic/${file}`)
    ];
    return files.map((file) => {
        const content = JSON.parse(readFileSync(directory + file, "utf8")) as {json_schema?: {schema: unknown}, function?: {parameters: unknown}};
        const schema = file.startsWith("openai-response-format-") ? content.json_schema!.schema
            : file.startsWith("openai-function-") ? content.function!.parameters : content;
        return {name: file.replace(/\.json$/, ""), schema};
    });
}
