import type {RequestValidationError} from "@ts-rest/fastify";
import type {ZodIssue} from "zod";
import {ApiError} from "./ApiError.js";

/** A contract violation → OpenAI's 400, naming the first offending parameter as OpenAI does (`messages[0].role`). */
export function toValidationError(error: RequestValidationError) {
    const issue: ZodIssue | undefined = (error.body ?? error.pathParams ?? error.query ?? error.headers)?.issues[0];
    if (issue == null) return new ApiError("invalid_request", "The request does not match the API.");

    const param = formatPath(issue.path);
    if (issue.code === "invalid_type" && issue.received === "undefined")
        return new ApiError("missing_required_parameter", param === "" ? "The body must be a JSON object." : `Missing required parameter: '${param}'.`, param || null);
    if (param === "")
        return new ApiError("invalid_request", `The body must be a JSON object (${issue.message}).`);
    return new ApiError("invalid_value", `Invalid value for '${param}': ${describeIssue(issue)}`, param);
}

function formatPath(path: (string | number)[]) {
    return path.reduce<string>((text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? key : `${text}.${key}`, "");
}

function describeIssue(issue: ZodIssue) {
    if (issue.code === "invalid_union" && issue.unionErrors.length > 0) {
        // The deepest branch's first issue is the most specific explanation.
        const nested = issue.unionErrors.flatMap((union) => union.issues).sort((a, b) => b.path.length - a.path.length)[0];
        if (nested != null && nested.path.length > issue.path.length)
            return `${formatPath(nested.path)}: ${nested.message}.`;
    }
    return `${issue.message}.`;
}
