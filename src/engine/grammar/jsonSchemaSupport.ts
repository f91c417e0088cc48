/**
 * How a keyword is honoured when a model writes JSON for a client's schema:
 * - `grammar`: the grammar makes every answer satisfy it;
 * - `grammar+check`: the grammar enforces it as far as a grammar can, and the full-schema check after generation
 *   enforces the rest (the compiler lists each such use in `checkedAfter`);
 * - `check`: the grammar ignores it and only the full-schema check enforces it (always listed in `checkedAfter`);
 * - `annotation`: it describes and constrains nothing, so it is ignored;
 * - `refused`: it changes what is valid in a way no grammar can follow, so the schema is refused with a
 *   `JsonSchemaGrammarError` naming it and where it is.
 */
export type JsonSchemaKeywordHandling = "grammar" | "grammar+check" | "check" | "annotation" | "refused";

export type JsonSchemaKeywordSupport = {
    readonly handling: JsonSchemaKeywordHandling,

    /** One or two sentences for the API reference. */
    readonly note: string
};

/**
 * Every JSON Schema keyword (2020-12, plus draft-07 and OpenAPI 3.0 spellings clients still send) and how it is
 * honoured: the one table `compileJsonSchema` consults and the API reference renders.
 * A keyword missing from the table, `x-…` extensions included, is an annotation: JSON Schema says unknown keywords are
 * ignored, and a validator ignores them too.
 */
export const jsonSchemaSupport: Readonly<Record<string, JsonSchemaKeywordSupport>> = Object.freeze({
    // Core
    $schema: {handling: "annotation", note: "Any draft is read as 2020-12, with draft-07 spellings (`definitions`, `items` as a list) understood."},
    $id: {handling: "annotation", note: "Ignored; `$ref` resolves against the schema itself."},
    $comment: {handling: "annotation", note: "Ignored."},
    $anchor: {handling: "annotation", note: "Ignored (a `$ref` to an anchor is refused)."},
    $dynamicAnchor: {handling: "annotation", note: "Ignored (`$dynamicRef` is refused)."},
    $recursiveAnchor: {handling: "annotation", note: "Ignored (`$recursiveRef` is refused)."},
    $vocabulary: {handling: "annotation", note: "Ignored."},
    $defs: {handling: "grammar", note: "Holds schemas for `$ref`; only the referenced ones are compiled."},
    definitions: {handling: "grammar", note: "The draft-07 spelling of `$defs`."},
    $ref: {handling: "grammar", note: "A JSON pointer within the schema (`#`, `#/$defs/X`, `#/definitions/X`, …), recursion included; other keywords beside it apply too. Remote and anchor references are refused."},
    $dynamicRef: {handling: "refused", note: "Its target depends on the evaluation path, which a grammar can't follow."},
    $recursiveRef: {handling: "refused", note: "The 2019-09 form of `$dynamicRef`."},

    // Applicators
    allOf: {handling: "grammar", note: "Merged into one schema: properties and required are combined, bounds and lengths tightened, types, enums and consts intersected. Parts that can't be intersected (two different patterns or formats) are refused."},
    anyOf: {handling: "grammar", note: "An alternation: the answer matches at least one branch. A branch using a refused keyword or regex construct is left out while another remains, as in pydantic's Decimal (a number, or a string whose pattern has a lookahead)."},
    oneOf: {handling: "grammar+check", note: "An alternation like `anyOf` (branches it can't follow left out too); that the answer matches only one branch is checked."},
    not: {handling: "refused", note: "A grammar can't write \"anything but\" a schema."},
    if: {handling: "refused", note: "Conditional schemas can't be enforced by a grammar."},
    then: {handling: "refused", note: "See `if`."},
    else: {handling: "refused", note: "See `if`."},
    dependentSchemas: {handling: "refused", note: "Schemas that apply when a property is present can't be enforced by a grammar."},
    dependencies: {handling: "refused", note: "The draft-07 form of `dependentSchemas` and `dependentRequired`."},
    prefixItems: {handling: "grammar", note: "Written in order, each item under its schema."},
    items: {handling: "grammar", note: "Every item (after `prefixItems`) follows it; `false` allows none. A list (draft-07) is read as `prefixItems`."},
    additionalItems: {handling: "grammar", note: "Draft-07: the items after a list-valued `items`."},
    contains: {handling: "check", note: "The grammar writes items under `items`; that one of them matches is checked."},
    minContains: {handling: "check", note: "Checked, with `contains`."},
    maxContains: {handling: "check", note: "Checked, with `contains`."},
    properties: {handling: "grammar", note: "Written in the declared order, each under its schema; optional ones may be left out. A property whose schema is `false` is never written."},
    patternProperties: {handling: "refused", note: "Which schema a key gets depends on a regex over keys, which the grammar can't follow."},
    additionalProperties: {handling: "grammar", note: "Absent: only declared properties are written (an object with nothing declared takes any keys). `true` or a schema: further keys may follow, with values under that schema. `false`: none."},
    propertyNames: {handling: "check", note: "The grammar writes declared names and simple keys; the names are checked."},
    unevaluatedItems: {handling: "refused", note: "Depends on what other keywords evaluated, which a grammar can't track."},
    unevaluatedProperties: {handling: "refused", note: "Depends on what other keywords evaluated, which a grammar can't track; use `additionalProperties`."},

    // Validation: any type
    type: {handling: "grammar", note: "A type or a list of types (object and array included); integers are plain digits (no exponent, no leading zeros). Without `type` the value takes the types the other keywords are about, and a schema with none is any JSON value."},
    nullable: {handling: "grammar", note: "OpenAPI 3.0: `true` also allows `null`."},
    enum: {handling: "grammar", note: "Any JSON values, written exactly (objects and arrays compactly); values of a type the schema excludes are left out. Other constraints beside it (a `minLength`…) are checked."},
    const: {handling: "grammar", note: "Any JSON value, written exactly, as `enum`."},

    // Validation: numbers
    minimum: {handling: "grammar+check", note: "Integers: enforced exactly by the grammar, with a digit-range construction whose size grows with the digits, not the range (±9007199254740991 is cheap); an open side allows up to 16 digits. Numbers: the grammar writes an integer in range or a decimal whose sign and integer part keep it in range (no minus sign for a minimum ≥ 0, no exponent), and the check enforces the rest."},
    maximum: {handling: "grammar+check", note: "As `minimum`."},
    exclusiveMinimum: {handling: "grammar+check", note: "As `minimum`; the draft-04 form (`true` beside `minimum`) is understood."},
    exclusiveMaximum: {handling: "grammar+check", note: "As `minimum`; the draft-04 form (`true` beside `maximum`) is understood."},
    multipleOf: {handling: "check", note: "Checked; the grammar writes any number in range."},

    // Validation: strings
    minLength: {handling: "grammar+check", note: "Counted in characters (a JSON escape is one). Enforced by the grammar, or by the check when `pattern` or `format` also applies."},
    maxLength: {handling: "grammar+check", note: "As `minLength`; beyond 1000 characters only the check enforces it."},
    pattern: {handling: "grammar+check", note: "The regex subset schemas use: literals and escapes, classes and ranges, `.`, groups (plain, `(?:…)`, named), `|`, `? * + {n} {n,} {n,m}` (lazy too), `^`/`$` at the ends; an end without an anchor allows any text there, as JSON Schema says. Open-ended runs of digits or hex digits stop after 16 more. Lookaround, backreferences, `\\b`, `\\p{…}`, inline flags and anchors inside are refused. A pattern valid only without the u flag (`\\-` outside a class), or with a count above 1000, is also checked."},
    format: {handling: "grammar+check", note: "Grammar rules for the string formats date-time, date, time, duration, email, uuid, uri, hostname, ipv4, ipv6, iso-date-time, iso-time, uri-reference, url, uri-template, json-pointer, json-pointer-uri-fragment, relative-json-pointer, regex, byte, password and binary, each writing values a validator accepts; int32 and int64 make a number an integer (int32 within its range), float and double change nothing. With a `pattern`, the pattern drives the grammar and the format is checked. Unknown formats are annotations."},
    contentEncoding: {handling: "annotation", note: "Ignored, as in 2020-12."},
    contentMediaType: {handling: "annotation", note: "Ignored, as in 2020-12."},
    contentSchema: {handling: "annotation", note: "Ignored, as in 2020-12."},

    // Validation: arrays
    minItems: {handling: "grammar+check", note: "Enforced by the grammar (beyond 1000 items by the check)."},
    maxItems: {handling: "grammar+check", note: "Enforced by the grammar (beyond 1000 items by the check)."},
    uniqueItems: {handling: "check", note: "Checked; the grammar can't compare items."},

    // Validation: objects
    required: {handling: "grammar", note: "Required properties are always written; one not in `properties` is written under `additionalProperties`."},
    minProperties: {handling: "check", note: "Checked; the grammar writes the required properties and may write the others."},
    maxProperties: {handling: "check", note: "Checked."},
    dependentRequired: {handling: "refused", note: "Properties required when another is present can't be enforced by a grammar."},

    // Annotations
    title: {handling: "annotation", note: "Ignored."},
    description: {handling: "annotation", note: "Ignored."},
    default: {handling: "annotation", note: "Ignored; the model writes the value."},
    examples: {handling: "annotation", note: "Ignored."},
    example: {handling: "annotation", note: "OpenAPI 3.0; ignored."},
    deprecated: {handling: "annotation", note: "Ignored."},
    readOnly: {handling: "annotation", note: "Ignored."},
    writeOnly: {handling: "annotation", note: "Ignored."},
    discriminator: {handling: "annotation", note: "OpenAPI; ignored, `oneOf`/`anyOf` already decide."},
    xml: {handling: "annotation", note: "OpenAPI; ignored."},
    externalDocs: {handling: "annotation", note: "OpenAPI; ignored."}
} satisfies Record<string, JsonSchemaKeywordSupport>);
