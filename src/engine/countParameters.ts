import type {GgufFileInfo} from "node-llama-cpp";

/** Parameters of a GGUF model (the sum of its tensors' element counts); `null` when the file lists no tensors. */
export function countParameters(fileInfo: GgufFileInfo) {
    const tensors = fileInfo.fullTensorInfo ?? fileInfo.tensorInfo;
    if (tensors == null) return null;
    return tensors.reduce((sum, tensor) => sum + tensor.dimensions.reduce<number>((product, size) => product * Number(size), 1), 0);
}
