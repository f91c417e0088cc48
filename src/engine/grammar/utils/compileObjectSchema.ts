import {gbnfLiteral} from "./gbnfLiteral.js";
import {isSchemaObject} from "./isSchemaObject.js";
import {keyOutsideToGbnf} from "./keyOutsideToGbnf.js";
import type {SchemaCompileContext} from "./SchemaCompileContext.js";
import {SchemaParts} from "./SchemaParts.js";

type Member = {name: string, kv: string, required: boolean};

/** Optional properties after which the rest of the object is a rule of its own rather than repeated text. */
const inlineRest = 4;

/**
 * The body of a rule for a JSON object under `schema`'s `properties`, `required` and `additionalProperties`.
 * Properties are written in the declared order (then required ones that aren't declared); required ones always,
 * optional ones maybe, a `false` one never. Without `additionalProperties` only declared properties are written
 * (valid, and what a client expects); with `true` or a schema, more keys may follow, none equal to a declared name,
 * with values under that schema. An object with nothing declared takes any keys and values.
 */
export function compileObjectSchema(schema: Record<string, unknown>, path: string, hint: string, context: SchemaCompileContext): string {
    const {rules} = context;
    if (schema.properties !== undefined && !isSchemaObject(schema.properties)) context.refuse("properties", path, `has "properties" that are not an object,`);
    if (schema.required !== undefined && (!Array.isArray(schema.required) || schema.required.some((name) => typeof name !== "string")))
        context.refuse("required", path, `has a "required" that is not a list of names,`);
    const properties = Object.entries((schema.properties ?? {}) as Record<string, unknown>);
    const required = new Set((schema.required ?? []) as string[]);
    const additional = schema.additionalProperties;
    if (properties.length === 0 && required.size === 0 && (additional === undefined || additional === true)) return rules.primitive("object");

    const space = rules.primitive("space");
    const members: Member[] = [];
    const addMember = (name: string, valueSchema: unknown, valuePath: string) => {
        const value = context.visitChild(valueSchema, valuePath, `${hint}-${name}`);
        const kv = rules.add(`${hint}-${name}-kv`, `${gbnfLiteral(JSON.stringify(name))} ${space} ":" ${space} ${value}`);
        members.push({name, kv, required: required.has(name)});
    };
    for (const [name, propertySchema] of properties) {
        if (propertySchema === false) {
            if (required.has(name)) context.refuse("required", path, `requires ${JSON.stringify(name)}, whose schema is false,`);
            continue;
        }
        addMember(name, propertySchema, `${path}/properties/${escapePointer(name)}`);
    }
    const declared = new Set(properties.map(([name]) => name));
    for (const name of required) {
        if (declared.has(name)) continue;
        if (additional === false) context.refuse("required", path, `requires ${JSON.stringify(name)}, which "additionalProperties": false forbids,`);
        addMember(name, additional ?? true, `${path}/additionalProperties`);
    }

    let more: string | undefined;
    if (additional === true || isSchemaObject(additional) || additional instanceof SchemaParts) {
        const key = keyOutsideToGbnf([...declared, ...required], rules, hint);
        const value = context.visitChild(additional, `${path}/additionalProperties`, `${hint}-additional`);
        more = rules.add(`${hint}-additional-kv`, `${key} ${space} ":" ${space} ${value}`);
    } else if (additional !== undefined && additional !== false) context.refuse("additionalProperties", path, `has an "additionalProperties" that is not a schema,`);

    // rest(i): members i… after something was written, each behind a comma; then the additional pairs.
    const restCache = new Map<number, string>();
    const rest = (index: number): string => {
        if (index === members.length) return more == null ? "" : `("," ${space} ${more})*`;
        const cached = restCache.get(index);
        if (cached != null) return cached;
        const member = members[index]!;
        const item = member.required ? `"," ${space} ${member.kv}` : `("," ${space} ${member.kv})?`;
        const tail = rest(index + 1);
        let text = tail === "" ? item : `${item} ${tail}`;
        if (members.length - index > inlineRest) text = rules.add(`${hint}-from-${member.name}`, text);
        restCache.set(index, text);
        return text;
    };
    // The first member written is any optional one up to the first required one.
    const starts: string[] = [];
    let canBeEmpty = true;
    for (let index = 0; index < members.length; index++) {
        const tail = rest(index + 1);
        starts.push(tail === "" ? members[index]!.kv : `${members[index]!.kv} ${tail}`);
        if (members[index]!.required) {
            canBeEmpty = false;
            break;
        }
    }
    if (canBeEmpty && more != null) starts.push(`${more} ${rest(members.length)}`);
    if (starts.length === 0) return `"{" ${space} "}"`;
    const content = starts.length === 1 ? starts[0]! : `(${starts.join(" | ")})`;
    return canBeEmpty ? `"{" ${space} (${content} ${space})? "}"` : `"{" ${space} ${content} ${space} "}"`;
}

function escapePointer(name: string): string {
    return name.replaceAll("~", "~0").replaceAll("/", "~1");
}
