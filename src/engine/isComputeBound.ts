/**
 * Whether a model does enough arithmetic per token on CPU that compute, not per-token overhead, decides its speed.
 * The threshold sits between the two sizes measured on 2 cores (`npm run bench`, docs/performance.md): stories260K
 * (0.26M parameters) behaves as overhead-bound and a random-weight 78.7M-parameter Llama as compute-bound.
 *
 * @param parameters the model's parameter count; `null` when unknown (treated as small)
 */
export function isComputeBound(parameters: number | null) {
    return parameters != null && parameters >= 50e6;
}
