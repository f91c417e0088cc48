import {Ajv2020} from "ajv/dist/2020.js";
import {describe, expect, it} from "vitest";
import {forcedCallSchema} from "../../src/engine/chat/forcedCallSchema.js";

/** The forced-call wrapper keeps each tool's `$ref`s pointing where their targets now are. */
const validator = (schema: object) => new Ajv2020({strict: false}).compile(schema);

const tree = {
    type: "object",
    properties: {label: {type: "string"}, children: {type: "array", items: {$ref: "#"}}},
    required: ["label"]
};
const order = {
    type: "object",
    properties: {item: {$ref: "#/$defs/Item"}, legacy: {$ref: "#/definitions/Old"}},
    required: ["item"],
    $defs: {Item: {type: "object", properties: {sku: {type: "string"}}, required: ["sku"]}},
    definitions: {Old: {type: "integer"}}
};

describe("forcedCallSchema", () => {
    it("one tool: name and arguments, both required, nothing else", () => {
        const validate = validator(forcedCallSchema([{name: "f", parameters: {type: "object", properties: {x: {type: "integer"}}}}]));
        expect(validate({name: "f", arguments: {x: 1}})).toBe(true);
        expect(validate({arguments: {x: 1}})).toBe(false);
        expect(validate({name: "g", arguments: {x: 1}})).toBe(false);
        expect(validate({name: "f", arguments: {x: 1}, extra: 1})).toBe(false);
    });

    it("a recursive tool schema ($ref: #) refers to its own arguments", () => {
        const validate = validator(forcedCallSchema([{name: "tree", parameters: tree}]));
        expect(validate({name: "tree", arguments: {label: "a", children: [{label: "b", children: [{label: "c"}]}]}})).toBe(true);
        expect(validate({name: "tree", arguments: {label: "a", children: [{children: []}]}})).toBe(false);
    });

    it("several tools: $defs and definitions hoisted per tool, so two tools' names can't collide", () => {
        const schema = forcedCallSchema([{name: "order", parameters: order}, {name: "tree", parameters: tree}, {name: "again", parameters: order}]);
        expect(Object.keys((schema as {$defs: object}).$defs).sort()).toEqual(["t0-Item", "t0-d-Old", "t2-Item", "t2-d-Old"]);
        const validate = validator(schema);
        expect(validate({name: "order", arguments: {item: {sku: "x"}, legacy: 3}})).toBe(true);
        expect(validate({name: "order", arguments: {item: {}}})).toBe(false);
        expect(validate({name: "order", arguments: {item: {sku: "x"}, legacy: 1.5}})).toBe(false);
        expect(validate({name: "tree", arguments: {label: "a", children: [{label: "b"}]}})).toBe(true);
        expect(validate({name: "again", arguments: {item: {sku: "y"}}})).toBe(true);
    });

    it("a tool without parameters takes an empty-ish object", () => {
        const validate = validator(forcedCallSchema([{name: "ping"}]));
        expect(validate({name: "ping", arguments: {}})).toBe(true);
    });
});
