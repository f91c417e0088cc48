/** The engine's `gpu` setting. */
export type GpuSetting = "auto" | "cpu";

/**
 * The setting as node-llama-cpp's `getLlama({gpu})` takes it: `"auto"` lets node-llama-cpp use Metal, CUDA or Vulkan
 * when a shipped binary for it works on this machine (else CPU); `"cpu"` is `false`, which never touches a GPU.
 */
export function resolveGpuOption(setting: GpuSetting = "auto"): "auto" | false {
    return setting === "cpu" ? false : "auto";
}
