import type {AppRoute} from "@ts-rest/core";
import {apiContract} from "../../contract/index.js";
import {routeMetadata, type RouteMetadata} from "../../contract/RouteMetadata.js";

/** The contract route a request goes to (`path` as under the base URL, e.g. `/models/x`), with its metadata; `null` when none matches. */
export function contractRouteFor(method: string, path: string): {route: AppRoute, metadata: RouteMetadata} | null {
    for (const route of Object.values(apiContract) as AppRoute[]) {
        const pattern = new RegExp(`^${route.path.replace(/:[A-Za-z_]+/g, "[^/]+")}$`);
        if (route.method === method && pattern.test(`/v1${path}`)) return {route, metadata: routeMetadata(route)};
    }
    return null;
}
