import type {AppRoute} from "@ts-rest/core";
import {apiContract} from "../../contract/index.js";

/**
 * One concrete request line per route of the contract (path parameters filled with the test model's id), for tests
 * that must cover every route — old or new — without a list of their own.
 */
export function contractRequests(modelId = "stories260K"): {name: string, method: string, path: string}[] {
    return (Object.entries(apiContract) as [string, AppRoute][]).map(([name, route]) => ({
        name, method: route.method, path: route.path.replace(/:model\b/, modelId).replace(/:[A-Za-z_]+/g, "x")
    }));
}
