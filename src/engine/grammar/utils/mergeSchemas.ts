import {isDeepEqualJson} from "./isDeepEqualJson.js";
import {isSchemaObject} from "./isSchemaObject.js";
import type {SchemaCompileContext} from "./SchemaCompileContext.js";
import {type SchemaPart, SchemaParts} from "./SchemaParts.js";

type Schema = Record<string, unknown>;
type FlatPart = {schema: Schema, path: string};

/** Alternatives an allOf may multiply out to (its parts' anyOf/oneOf lists multiplied) before it is refused. */
const maxAlternatives = 64;
const typeNames = ["string", "number", "integer", "boolean", "null", "object", "array"];
const lowerBounds = ["minLength", "minItems", "minProperties", "minContains"];
const upperBounds = ["maxLength", "maxItems", "maxProperties", "maxContains"];
/** Keywords only the check enforces: the merge keeps the first, the check sees the client's schema anyway. */
const checkedOnly = ["multipleOf", "uniqueItems", "propertyNames", "contains"];

/**
 * One schema that every part satisfies, for compiling an `allOf` (or a `$ref` with siblings): `$ref`s and nested
 * `allOf`s inlined, properties and required combined (a property another part's `additionalProperties` forbids
 * becomes `false`), types, enums and consts intersected, bounds and lengths tightened. Child schemas are `SchemaParts`
 * (each part keeps its path). A part with `anyOf`/`oneOf` turns the result into `{anyOf: [SchemaParts…]}`, one branch
 * per alternative with the other parts. What can't be intersected (two patterns, two formats, no common type) is
 * refused.
 */
export function mergeSchemas(parts: readonly SchemaPart[], ownerPath: string, context: SchemaCompileContext): Schema {
    const flat = flatten(parts, context, new Set());

    const alternativesIndex = flat.findIndex(({schema}) => schema.anyOf !== undefined || schema.oneOf !== undefined);
    if (alternativesIndex >= 0) {
        const count = flat.reduce((product, {schema}) => product * listLength(schema.anyOf) * listLength(schema.oneOf), 1);
        if (count > maxAlternatives)
            context.refuse("allOf", ownerPath, `combines anyOf/oneOf lists into ${count} alternatives (more than ${maxAlternatives}),`);
        const part = flat[alternativesIndex]!;
        const keyword = part.schema.anyOf !== undefined ? "anyOf" : "oneOf";
        const list = part.schema[keyword];
        if (!Array.isArray(list) || list.length === 0) return context.refuse(keyword, part.path, `has an empty or invalid "${keyword}",`);
        if (keyword === "oneOf") context.checkAfter("oneOf", part.path);
        const {[keyword]: _, ...rest} = part.schema;
        const others = [...flat.slice(0, alternativesIndex), {schema: rest, path: part.path}, ...flat.slice(alternativesIndex + 1)];
        // A branch whose type the other parts exclude is left out rather than refused (`allOf: [{anyOf: [A, B]}, C]`).
        const othersTypes = others.reduce<Set<string> | undefined>((types, {schema}) => intersectOptional(types, shallowTypes(schema)), undefined);
        const branches = list.flatMap((branch, index) => branch === false || intersectOptional(othersTypes, shallowTypes(branch))?.size === 0
            ? []
            : [new SchemaParts([...others, {schema: branch, path: `${part.path}/${keyword}/${index}`}])]);
        if (branches.length === 0) context.refuse(keyword, part.path, `has only false branches, which no value satisfies,`);
        return {anyOf: branches};
    }

    const merged: Schema = {};
    let types: Set<string> | undefined;
    const properties = new Map<string, SchemaPart[]>();
    const required: string[] = [];
    for (const {schema, path} of flat) {
        const partTypes = typesOf(schema, path, context);
        if (partTypes != null)
            types = types == null ? partTypes : intersectTypes(types, partTypes);
        if (types?.size === 0) context.refuse("type", ownerPath, `combines types no value has in common (in allOf),`);

        for (const keyword of ["enum", "const"] as const) {
            if (!(keyword in schema)) continue;
            const values = keyword === "const" ? [schema.const] : schema.enum;
            if (!Array.isArray(values)) return context.refuse("enum", path, `has an "enum" that is not a list,`);
            const kept = merged.enum == null
                ? values
                : (merged.enum as unknown[]).filter((value) => values.some((other) => isDeepEqualJson(value, other)));
            if (kept.length === 0) context.refuse(keyword, path, `leaves no value that every part of allOf allows (enum/const),`);
            merged.enum = kept;
        }

        if (schema.properties !== undefined && !isSchemaObject(schema.properties)) context.refuse("properties", path, `has "properties" that are not an object,`);
        for (const [name, propertySchema] of Object.entries((schema.properties ?? {}) as Schema)) {
            if (!properties.has(name)) properties.set(name, []);
            properties.get(name)!.push({schema: propertySchema, path: `${path}/properties/${escapePointer(name)}`});
        }
        if (Array.isArray(schema.required))
            for (const name of schema.required) if (typeof name === "string" && !required.includes(name)) required.push(name);

        mergeBound(merged, schema, path, "minimum", "exclusiveMinimum", Math.max, context);
        mergeBound(merged, schema, path, "maximum", "exclusiveMaximum", Math.min, context);
        for (const keyword of lowerBounds) if (typeof schema[keyword] === "number") merged[keyword] = Math.max(schema[keyword], (merged[keyword] as number | undefined) ?? -Infinity);
        for (const keyword of upperBounds) if (typeof schema[keyword] === "number") merged[keyword] = Math.min(schema[keyword], (merged[keyword] as number | undefined) ?? Infinity);
        for (const keyword of ["pattern", "format"]) {
            if (schema[keyword] === undefined) continue;
            if (merged[keyword] !== undefined && merged[keyword] !== schema[keyword])
                context.refuse(keyword, path, `combines two different "${keyword}"s in allOf, which can't be intersected,`);
            merged[keyword] = schema[keyword];
        }
        for (const keyword of checkedOnly) if (schema[keyword] !== undefined) merged[keyword] ??= schema[keyword];
    }

    // A property is allowed by a part that declares it, or by that part's additionalProperties.
    const propertyParts = (name: string) => flat.flatMap(({schema, path}) => {
        if (isSchemaObject(schema.properties) && Object.hasOwn(schema.properties, name)) return [];
        return schema.additionalProperties === undefined ? [] : [{schema: schema.additionalProperties, path: `${path}/additionalProperties`}];
    });
    if (properties.size > 0) {
        const entries = [...properties].map(([name, declared]) => {
            const all = [...declared, ...propertyParts(name)];
            return [name, all.some((part) => part.schema === false) ? false : new SchemaParts(all)] as const;
        });
        merged.properties = Object.fromEntries(entries);
    }
    if (required.length > 0) merged.required = required;
    const additional = flat.filter(({schema}) => schema.additionalProperties !== undefined)
        .map(({schema, path}) => ({schema: schema.additionalProperties, path: `${path}/additionalProperties`}));
    if (additional.length > 0) merged.additionalProperties = additional.some((part) => part.schema === false) ? false : new SchemaParts(additional);
    mergeItems(merged, flat);
    if (types != null) merged.type = [...types];
    return merged;
}

function flatten(parts: readonly SchemaPart[], context: SchemaCompileContext, inlining: Set<string>): FlatPart[] {
    const flat: FlatPart[] = [];
    for (const {schema, path} of parts) {
        if (schema instanceof SchemaParts) {
            flat.push(...flatten(schema.parts, context, inlining));
            continue;
        }
        if (schema === true) continue;
        if (schema === false) context.refuse("allOf", path, `includes the schema false, which no value satisfies,`);
        if (!isSchemaObject(schema)) return context.refuse("schema", path, `is not a schema (an object or a boolean),`);
        context.audit(schema, path);
        const {$ref, allOf, ...rest} = schema;
        if (rest.nullable === true && rest.type === undefined && rest.enum === undefined && rest.const === undefined &&
            ($ref !== undefined || allOf !== undefined || rest.anyOf !== undefined || rest.oneOf !== undefined)) {
            // OpenAPI's nullable beside a combinator: "that, or null".
            const {nullable: _, ...withoutNullable} = schema;
            flat.push({schema: {anyOf: [new SchemaParts([{schema: withoutNullable, path}]), {type: "null"}]}, path});
            continue;
        }
        flat.push({schema: normalizeDrafts(rest), path});
        if ($ref !== undefined) {
            if (typeof $ref !== "string") context.refuse("$ref", path, `has a "$ref" that is not a string,`);
            const target = context.resolveRef($ref as string, path);
            if (inlining.has(target.path)) context.refuse("$ref", path, `refers back to itself through allOf,`);
            inlining.add(target.path);
            flat.push(...flatten([target], context, inlining));
            inlining.delete(target.path);
        }
        if (allOf !== undefined) {
            if (!Array.isArray(allOf) || allOf.length === 0) context.refuse("allOf", path, `has an empty or invalid "allOf",`);
            flat.push(...flatten((allOf as unknown[]).map((part, index) => ({schema: part, path: `${path}/allOf/${index}`})), context, inlining));
        }
    }
    return flat;
}

/** Draft-07's list-valued `items` as `prefixItems`, draft-04's boolean exclusive bounds as numbers. */
function normalizeDrafts(schema: Schema): Schema {
    const normalized = {...schema};
    if (Array.isArray(schema.items)) {
        normalized.prefixItems = schema.items;
        normalized.items = schema.additionalItems;
    }
    for (const [bound, exclusive] of [["minimum", "exclusiveMinimum"], ["maximum", "exclusiveMaximum"]] as const) {
        if (typeof schema[exclusive] !== "boolean") continue;
        if (schema[exclusive] === true && typeof schema[bound] === "number") {
            normalized[exclusive] = schema[bound];
            delete normalized[bound];
        } else delete normalized[exclusive];
    }
    return normalized;
}

function typesOf(schema: Schema, path: string, context: SchemaCompileContext): Set<string> | undefined {
    if (schema.type === undefined) return undefined;
    const list = Array.isArray(schema.type) ? schema.type : [schema.type];
    for (const type of list)
        if (typeof type !== "string" || !typeNames.includes(type)) context.refuse("type", path, `has the unknown type ${JSON.stringify(type)},`);
    const types = new Set(list as string[]);
    if (schema.nullable === true) types.add("null");
    return types;
}

/** The types a schema allows by its own `type`, `nullable`, `const` or `enum` (no `$ref` followed), if it says. */
function shallowTypes(schema: unknown): Set<string> | undefined {
    if (!isSchemaObject(schema)) return undefined;
    if (schema.const !== undefined || Array.isArray(schema.enum)) {
        const values = schema.const !== undefined ? [schema.const] : schema.enum as unknown[];
        return new Set(values.map((value) => value === null ? "null" : Array.isArray(value) ? "array"
            : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value));
    }
    if (schema.type === undefined || schema.$ref !== undefined || schema.allOf !== undefined) return undefined;
    const types = new Set((Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type) => typeof type === "string"));
    if (schema.nullable === true) types.add("null");
    return types;
}

function intersectOptional(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
    return a == null ? b : b == null ? a : intersectTypes(a, b);
}

/** `integer` is a kind of `number`. */
function intersectTypes(a: Set<string>, b: Set<string>): Set<string> {
    const result = new Set<string>();
    for (const type of a) {
        if (b.has(type)) result.add(type);
        else if (type === "integer" && b.has("number")) result.add("integer");
        else if (type === "number" && b.has("integer")) result.add("integer");
    }
    return result;
}

/** Keeps the tightest of the parts' inclusive and exclusive bounds on one side. */
function mergeBound(merged: Schema, schema: Schema, path: string, inclusive: string, exclusive: string,
    tightest: (a: number, b: number) => number, context: SchemaCompileContext) {
    for (const keyword of [inclusive, exclusive]) {
        const value = schema[keyword];
        if (value === undefined) continue;
        if (typeof value !== "number" || !Number.isFinite(value)) context.refuse(keyword, path, `has a "${keyword}" that is not a number,`);
        merged[keyword] = merged[keyword] === undefined ? value : tightest(merged[keyword] as number, value as number);
    }
}

/** Item i follows every part's prefixItems[i], or its items past the prefix. */
function mergeItems(merged: Schema, flat: FlatPart[]) {
    const prefixLength = Math.max(0, ...flat.map(({schema}) => Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0));
    const itemParts = (index: number | null) => flat.flatMap(({schema, path}): SchemaPart[] => {
        const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
        if (index != null && index < prefix.length) return [{schema: prefix[index], path: `${path}/prefixItems/${index}`}];
        return schema.items === undefined ? [] : [{schema: schema.items, path: `${path}/items`}];
    });
    const toSchema = (parts: SchemaPart[]) => parts.some((part) => part.schema === false) ? false : new SchemaParts(parts);
    if (prefixLength > 0) merged.prefixItems = Array.from({length: prefixLength}, (_, index) => toSchema(itemParts(index)));
    const rest = itemParts(null);
    if (rest.length > 0) merged.items = toSchema(rest);
}

function listLength(list: unknown): number {
    return Array.isArray(list) && list.length > 0 ? list.length : 1;
}

function escapePointer(name: string): string {
    return name.replaceAll("~", "~0").replaceAll("/", "~1");
}
