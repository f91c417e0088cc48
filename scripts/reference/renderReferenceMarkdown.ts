import type {ReferenceContext} from "./ReferenceContext.js";
import {code, table} from "./markdown.js";
import {renderDifferences} from "./renderDifferences.js";
import {renderAnthropic} from "./renderAnthropic.js";
import {apiContract} from "../../contract/apiContract.js";
import {routeMetadata} from "../../contract/RouteMetadata.js";
import {renderEndpoint} from "./renderEndpoint.js";
import {renderErrors} from "./renderErrors.js";
import {renderRequestObjects} from "./renderRequestObjects.js";
import {renderSchemaSupport} from "./renderSchemaSupport.js";
import {renderSampleGroup} from "./renderSampleGroup.js";
import {createSlugger} from "./slugify.js";
import {pageSampleGroups} from "./sampleGroups.js";

/** `docs/reference.md`: everything derives from `openapi.json`, the error catalogue and the files of `docs/samples/`. */
export function renderReferenceMarkdown(context: ReferenceContext) {
    const {document} = context;
    const server = document.servers?.[0]?.url ?? "http://127.0.0.1:8756";
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({path, method, operation})));

    return [
        `# ${document.info.title}: API reference`,
        `${document.info.description ?? ""} This page is generated from \`openapi.json\` (API version ${document.info.version}); ` +
        "every code sample on it is a file in `docs/samples/` that the test suite runs against a live server.",

        "## Quick start",
        [
            `- **Base URL:** \`${server}/v1\`. Use the port shown in the app's Status line (Settings → Local API Server).`,
            "- **Authentication:** every `/v1` request sends `Authorization: Bearer YOUR_API_KEY` (or `x-api-key: YOUR_API_KEY`), " +
            "with the key from the API Key row. `GET /openapi.json` and `GET /docs` need no key: they hold no secrets.",
            "- **Any OpenAI client works:** point its base URL at the one above and give it the key. `model` may be omitted " +
            "(the loaded model answers).",
            `- **Anthropic's clients work too:** give them \`${server}\` (without \`/v1\`) and the key; see ` +
            "[Anthropic's Messages API](#anthropics-messages-api).",
            `- **The samples** read the base URL from \`THOLOS_BASE_URL\` and the key from \`THOLOS_API_KEY\`; set them first, ` +
            `e.g. \`export THOLOS_BASE_URL=${server}/v1\`.`,
            "- **It stays on your machine:** the server listens on `127.0.0.1` only and has no outbound path."
        ].join("\n"),

        "## Endpoints",
        table(["Method", "Path", "Key", "What it does"], [
            ...operations.map(({path, method, operation}) => [
                code(method.toUpperCase()), code(path), "Yes", `[${operation.summary}](#${slug(operation.summary ?? "")})`
            ]),
            [code("GET"), code("/openapi.json"), "No", "This API as an OpenAPI 3.1 document, for generators and tools."],
            [code("GET"), code("/docs"), "No", "This reference as a web page."]
        ]),
        ...operations.map(({path, method, operation}) =>
            renderEndpoint(method, path, operation, {samples: samplesOf(operation.operationId)}, context)),

        renderRequestObjects(context),
        renderSchemaSupport(),
        renderErrors(context),
        renderDifferences(context),
        renderAnthropic(server),

        "## Typed clients",
        "### TypeScript: the ts-rest client",
        "`createTholosClient` (from `tholos-local-api-server/contract`) is built with ts-rest from the same contract as the " +
        "server, so a request that compiles is one the server accepts. Each call resolves to `{status, body}` typed per status, " +
        "errors included. It makes whole (non-streamed) requests; stream with `openai` or `fetch`.",
        renderSampleGroup(pageSampleGroups.tsRest, context),
        "### A client generated from openapi.json",
        "Any OpenAPI generator works on `GET /openapi.json`. With `openapi-typescript` (types) and `openapi-fetch` (calls):",
        renderSampleGroup(pageSampleGroups.openapiFetch, context),

        "## Frameworks",
        "Frameworks with an OpenAI-compatible provider need only the base URL and key. The Vercel AI SDK " +
        "(`npm i ai @ai-sdk/openai-compatible`):",
        renderSampleGroup(pageSampleGroups.aiSdk, context)
    ].join("\n\n") + "\n";
}

/** An operation's samples, from its contract route's metadata. */
function samplesOf(operationId: string | undefined) {
    const route = apiContract[operationId as keyof typeof apiContract];
    if (route == null) throw new Error(`openapi.json has the operation "${operationId}", which the contract doesn't.`);
    return routeMetadata(route).samples;
}

/** The anchor of a heading that occurs once on the page (endpoint summaries are unique). */
function slug(heading: string) {
    return createSlugger()(heading);
}
