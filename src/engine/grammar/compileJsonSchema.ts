import {JsonSchemaGrammarError} from "./JsonSchemaGrammarError.js";
import {jsonSchemaSupport} from "./jsonSchemaSupport.js";
import {compileArraySchema} from "./utils/compileArraySchema.js";
import {compileNumberSchema} from "./utils/compileNumberSchema.js";
import {compileObjectSchema} from "./utils/compileObjectSchema.js";
import {compileStringSchema} from "./utils/compileStringSchema.js";
import {GbnfRuleSet} from "./utils/GbnfRuleSet.js";
import {gbnfLiteral} from "./utils/gbnfLiteral.js";
import {isDeepEqualJson} from "./utils/isDeepEqualJson.js";
import {isSchemaObject} from "./utils/isSchemaObject.js";
import {mergeSchemas} from "./utils/mergeSchemas.js";
import {resolveJsonPointer} from "./utils/resolveJsonPointer.js";
import type {SchemaCompileContext} from "./utils/SchemaCompileContext.js";
import {type SchemaPart, SchemaParts} from "./utils/SchemaParts.js";

export type CompiledJsonSchema = {
    /** A complete GBNF grammar, root rule `root`, for `llama.createGrammar({grammar})`. */
    gbnf: string,

    /**
     * Keywords the grammar doesn't (fully) enforce, each where it is (a JSON pointer, `""` for the root): the answer
     * must pass the full-schema check (`createSchemaValidator`) as well. Empty when the grammar alone guarantees a
     * valid answer.
     */
    checkedAfter: {keyword: string, path: string}[]
};

type Schema = Record<string, unknown>;
type JsonType = "string" | "number" | "integer" | "boolean" | "null" | "object" | "array";

const jsonTypes: readonly JsonType[] = ["string", "number", "integer", "boolean", "null", "object", "array"];
/** Without `type`, the keywords of one type say what the value is. */
const keywordsByType: [JsonType, string[]][] = [
    ["object", ["properties", "required", "additionalProperties", "minProperties", "maxProperties", "propertyNames"]],
    ["array", ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains"]],
    ["string", ["minLength", "maxLength", "pattern"]],
    ["number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]]
];
const numberFormats = ["int32", "int64", "float", "double"];
const ruleName = /^[a-zA-Z0-9-]+$/;
/** Beside `$ref`, `anyOf`… these don't constrain the value. */
const inertKeywords = new Set(["$defs", "definitions"]);

/**
 * Compiles a client's JSON Schema into a GBNF grammar that makes a model write JSON valid for it, as far as a
 * grammar can; what it can't fully enforce is listed in `checkedAfter` for the full-schema check. Each keyword is
 * handled as `jsonSchemaSupport` says. Throws `JsonSchemaGrammarError` for a schema the grammar can't follow (a
 * refused keyword or regex construct, `false`, a bad `$ref`), naming the keyword and where it is.
 */
export function compileJsonSchema(schema: unknown): CompiledJsonSchema {
    return new SchemaCompiler(schema).compile();
}

class SchemaCompiler implements SchemaCompileContext {
    public readonly rules = new GbnfRuleSet();
    private readonly root: unknown;
    private readonly checked = new Map<string, {keyword: string, path: string}>();
    /** Rule names of the `$ref` targets compiled or being compiled, by JSON pointer. */
    private readonly refRules = new Map<string, string>();
    /** Rule names of merged schemas (`visitParts`), by their parts. */
    private readonly mergedRules = new Map<string, string>();
    private readonly schemaIds = new Map<object, number>();
    /** `$ref` targets entered since the grammar last wrote a character: referring to one again is left recursion. */
    private pending = new Set<string>();

    public constructor(root: unknown) {
        this.root = root;
    }

    public compile(): CompiledJsonSchema {
        const root = this.rules.reserve("root");
        this.refRules.set("", root);
        this.pending.add("");
        this.rules.define(root, this.visitBody(this.root, "", "root"));
        return {gbnf: this.rules.toString(), checkedAfter: [...this.checked.values()]};
    }

    public visitChild(schema: unknown, path: string, hint: string): string {
        const pending = this.pending;
        this.pending = new Set();
        try {
            return this.visit(schema, path, hint);
        } finally {
            this.pending = pending;
        }
    }

    public checkAfter(keyword: string, path: string): void {
        this.checked.set(`${keyword} ${path}`, {keyword, path});
    }

    public refuse(keyword: string, path: string, reason?: string): never {
        throw new JsonSchemaGrammarError({keyword, path, reason});
    }

    public audit(schema: Schema, path: string): void {
        for (const keyword of Object.keys(schema)) {
            const handling = Object.hasOwn(jsonSchemaSupport, keyword) ? jsonSchemaSupport[keyword]!.handling : "annotation";
            if (handling === "refused") this.refuse(keyword, path);
            if (handling === "check") this.checkAfter(keyword, path);
        }
    }

    public resolveRef(ref: string, path: string): {schema: unknown, path: string} {
        if (!ref.startsWith("#"))
            this.refuse("$ref", path, `has the $ref ${JSON.stringify(ref)}; only references within the schema (#, #/$defs/…) are supported,`);
        let pointer: string;
        try {
            pointer = decodeURIComponent(ref.slice(1));
        } catch {
            return this.refuse("$ref", path, `has the $ref ${JSON.stringify(ref)}, which is not a valid URI fragment,`);
        }
        if (pointer !== "" && !pointer.startsWith("/"))
            this.refuse("$ref", path, `has the $ref ${JSON.stringify(ref)}, which names an anchor; only JSON pointers are supported,`);
        if (this.pending.has(pointer))
            this.refuse("$ref", path, `has the $ref ${JSON.stringify(ref)}, which refers back to itself before any value is written (left recursion),`);
        const target = resolveJsonPointer(this.root, pointer);
        if (target === undefined) this.refuse("$ref", path, `has the $ref ${JSON.stringify(ref)}, which points to nothing in the schema,`);
        return {schema: target, path: pointer};
    }

    /** The name of a rule for a value of `schema`. */
    private visit(schema: unknown, path: string, hint: string): string {
        if (schema === true || (isSchemaObject(schema) && Object.keys(schema).length === 0)) return this.rules.primitive("value");
        return this.named(hint, this.visitBody(schema, path, hint));
    }

    /** A rule for `body`, unless it already is one rule's name. */
    private named(hint: string, body: string): string {
        return ruleName.test(body) ? body : this.rules.add(hint, body);
    }

    /** The body of a rule for a value of `schema`. */
    private visitBody(schema: unknown, path: string, hint: string, audited = false): string {
        if (schema instanceof SchemaParts) return this.visitParts(schema.parts, path, hint);
        if (schema === true) return this.rules.primitive("value");
        if (schema === false) return this.refuse("false", path, `is the schema false, which no value satisfies,`);
        if (!isSchemaObject(schema)) return this.refuse("schema", path, `is not a schema (an object or a boolean),`);
        if (!audited) this.audit(schema, path);

        const constraints = Object.keys(schema).filter((keyword) => !inertKeywords.has(keyword) &&
            Object.hasOwn(jsonSchemaSupport, keyword) && jsonSchemaSupport[keyword]!.handling !== "annotation");
        const combinators = ["$ref", "allOf", "anyOf", "oneOf"].filter((keyword) => schema[keyword] !== undefined);
        if (combinators.length === 0) return this.visitTyped(schema, path, hint);

        if (schema.nullable === true && schema.type === undefined && schema.enum === undefined && schema.const === undefined) {
            // OpenAPI's nullable beside a combinator: "that, or null".
            const {nullable: _, ...rest} = schema;
            return `${this.visit(new SchemaParts([{schema: rest, path}]), path, hint)} | ${this.rules.primitive("null")}`;
        }
        if (schema.$ref !== undefined && typeof schema.$ref !== "string") this.refuse("$ref", path, `has a "$ref" that is not a string,`);
        const soleCombinator = combinators.length === 1 && constraints.every((keyword) => keyword === combinators[0]);
        if (soleCombinator && combinators[0] === "$ref") return this.visitRef(schema.$ref as string, path);
        if (soleCombinator && combinators[0] !== "allOf") {
            const keyword = combinators[0] as "anyOf" | "oneOf";
            const branches = schema[keyword];
            if (!Array.isArray(branches) || branches.length === 0) return this.refuse(keyword, path, `has an empty or invalid "${keyword}",`);
            if (keyword === "oneOf") this.checkAfter("oneOf", path);
            // A branch using a keyword or regex construct the grammar can't follow is left out while another remains:
            // the answer then matches that one (pydantic's Decimal is a number or a string whose pattern has a
            // lookahead). A broken schema (a bad $ref, left recursion, which validators can't evaluate either) is not.
            let refusal: JsonSchemaGrammarError | undefined;
            const names = branches.flatMap((branch, index) => {
                if (branch === false) return [];
                const undo = this.checkpoint();
                try {
                    return [this.visit(branch, `${path}/${keyword}/${index}`, `${hint}-${index}`)];
                } catch (error) {
                    if (!(error instanceof JsonSchemaGrammarError) || !(error.keyword === "pattern" ||
                        (Object.hasOwn(jsonSchemaSupport, error.keyword) && jsonSchemaSupport[error.keyword]!.handling === "refused"))) throw error;
                    refusal ??= error;
                    undo();
                    return [];
                }
            });
            if (names.length === 0) throw refusal ?? new JsonSchemaGrammarError({keyword, path, reason: `has only false branches, which no value satisfies,`});
            return [...new Set(names)].join(" | ");
        }
        return this.visitBody(mergeSchemas([{schema, path}], path, this), path, hint, true);
    }

    /** Returns a function that undoes every rule, `$ref` and check recorded after this call. */
    private checkpoint(): () => void {
        const undoRules = this.rules.checkpoint();
        const maps = [this.checked, this.refRules, this.mergedRules] as Map<string, unknown>[];
        const saved = maps.map((map) => [...map]);
        return () => {
            undoRules();
            maps.forEach((map, index) => {
                map.clear();
                for (const [key, value] of saved[index]!) map.set(key, value);
            });
        };
    }

    /**
     * Schemas that all apply here, merged (see `mergeSchemas`) into a rule of their own: the same parts met again
     * further down (a recursive schema merged with another) refer to that rule instead of being merged forever.
     */
    private visitParts(parts: readonly SchemaPart[], path: string, hint: string): string {
        if (parts.length === 1 && !(parts[0]!.schema instanceof SchemaParts)) return this.visitBody(parts[0]!.schema, parts[0]!.path, hint);
        const key = parts.map((part) => `${this.identify(part.schema)}@${part.path}`).join(" ");
        const existing = this.mergedRules.get(key);
        if (existing != null) return existing;
        const name = this.rules.reserve(hint);
        this.mergedRules.set(key, name);
        this.rules.define(name, this.visitBody(mergeSchemas(parts, path, this), path, hint, true));
        return name;
    }

    /** A number naming a schema object (by identity) or a boolean schema. */
    private identify(schema: unknown): string {
        if (typeof schema !== "object" || schema === null) return String(schema);
        let id = this.schemaIds.get(schema);
        if (id == null) this.schemaIds.set(schema, id = this.schemaIds.size + 1);
        return String(id);
    }

    private visitRef(ref: string, path: string): string {
        const target = this.resolveRef(ref, path);
        const existing = this.refRules.get(target.path);
        if (existing != null) return existing;
        const name = this.rules.reserve(target.path.split("/").at(-1) || "root");
        this.refRules.set(target.path, name);
        this.pending.add(target.path);
        try {
            this.rules.define(name, this.visitBody(target.schema, target.path, name));
        } finally {
            this.pending.delete(target.path);
        }
        return name;
    }

    /** A schema without combinators: its enum or const, else one alternative per type it allows. */
    private visitTyped(schema: Schema, path: string, hint: string): string {
        const explicitTypes = this.explicitTypes(schema, path);
        if (schema.enum !== undefined || schema.const !== undefined) return this.visitValues(schema, explicitTypes, path);
        const types = explicitTypes ?? this.inferredTypes(schema);
        if (types == null) return this.rules.primitive("value");
        const alternatives = [...types].map((type) => {
            switch (type) {
                case "string": return compileStringSchema(schema, path, hint, this);
                case "integer": return compileNumberSchema(schema, path, {integer: true, context: this});
                case "number": return compileNumberSchema(schema, path, {integer: false, context: this});
                case "object": return compileObjectSchema(schema, path, hint, this);
                case "array": return compileArraySchema(schema, path, hint, this);
                default: return this.rules.primitive(type);
            }
        });
        return alternatives.length === 1 ? alternatives[0]! : alternatives.map((body, index) => this.named(`${hint}-${[...types][index]}`, body)).join(" | ");
    }

    /** `type` (with OpenAPI's `nullable`), or `undefined` when the schema has none. */
    private explicitTypes(schema: Schema, path: string): Set<JsonType> | undefined {
        if (schema.type === undefined) return undefined;
        const list = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (list.length === 0) this.refuse("type", path, `has an empty type list, which no value satisfies,`);
        for (const type of list)
            if (typeof type !== "string" || !jsonTypes.includes(type as JsonType)) this.refuse("type", path, `has the unknown type ${JSON.stringify(type)},`);
        const types = new Set(list as JsonType[]);
        if (schema.nullable === true) types.add("null");
        if (types.has("number") && types.has("integer")) types.delete("integer");
        return types;
    }

    /** The types whose keywords the schema uses, or `undefined` (any value) when it uses none. */
    private inferredTypes(schema: Schema): Set<JsonType> | undefined {
        const types = new Set<JsonType>();
        for (const [type, keywords] of keywordsByType)
            if (keywords.some((keyword) => schema[keyword] !== undefined)) types.add(type);
        if (typeof schema.format === "string") types.add(numberFormats.includes(schema.format) ? "number" : "string");
        if (types.size === 0) return undefined;
        if (schema.nullable === true) types.add("null");
        return types;
    }

    /** `enum`/`const`: each value written exactly, those of a type the schema excludes left out. */
    private visitValues(schema: Schema, types: Set<JsonType> | undefined, path: string): string {
        let values: unknown[];
        if (schema.enum !== undefined) {
            if (!Array.isArray(schema.enum)) return this.refuse("enum", path, `has an "enum" that is not a list,`);
            values = schema.const === undefined ? schema.enum : schema.enum.filter((value) => isDeepEqualJson(value, schema.const));
        } else values = [schema.const];
        if (schema.nullable === true && !values.includes(null)) values = [...values, null];
        if (types != null) values = values.filter((value) => types.has(jsonTypeOf(value)) || (types.has("number") && jsonTypeOf(value) === "integer"));
        if (values.length === 0)
            this.refuse(schema.enum !== undefined ? "enum" : "const", path, `leaves no value the rest of the schema allows (enum/const),`);
        // Other constraints beside the values (a minLength…) aren't applied to them: the check does.
        for (const keyword of Object.keys(schema))
            if (!["type", "enum", "const", "nullable"].includes(keyword) && Object.hasOwn(jsonSchemaSupport, keyword) &&
                ["grammar", "grammar+check"].includes(jsonSchemaSupport[keyword]!.handling) && !inertKeywords.has(keyword))
                this.checkAfter(keyword, path);
        return [...new Set(values.map((value) => gbnfLiteral(JSON.stringify(value))))].join(" | ");
    }
}

function jsonTypeOf(value: unknown): JsonType {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value as JsonType;
}
