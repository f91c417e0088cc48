import fs from "node:fs";
import module from "node:module";

/**
 * node-llama-cpp and its dependencies as one ES module, written beside the package's own entry by
 * scripts/bundle-node-llama-cpp.ts (`npm run build`). Importing the package file by file is ≈ 530 modules and took
 * 300–480 ms of a cold start; the bundle imports in 110–140 ms (docs/performance.md).
 */
export const nodeLlamaCppBundleFileName = "tholos.bundle.js";

type ResolveResult = {url: string, shortCircuit?: boolean};
type ResolveHook = (specifier: string, context: object, nextResolve: (specifier: string, context: object) => ResolveResult) => ResolveResult;

/**
 * From now on, `import "node-llama-cpp"` anywhere in this process loads the bundle, when it is there and the runtime
 * has synchronous module hooks (Node 22.15+; on an older Node the package loads as usual). Call it before anything
 * imports node-llama-cpp, so every importer shares one copy. Returns the bundle's URL, or `null` when it isn't used.
 */
export function useNodeLlamaCppBundle(): string | null {
    const registerHooks = (module as {registerHooks?: (hooks: {resolve: ResolveHook}) => unknown}).registerHooks;
    if (registerHooks == null) return null;
    const bundleUrl = new URL(nodeLlamaCppBundleFileName, import.meta.resolve("node-llama-cpp")).href;
    if (!fs.existsSync(new URL(bundleUrl))) return null;
    registerHooks({
        resolve: (specifier, context, nextResolve) => specifier === "node-llama-cpp"
            ? {url: bundleUrl, shortCircuit: true}
            : nextResolve(specifier, context)
    });
    return bundleUrl;
}
