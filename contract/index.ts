export {apiContract, type ApiContract} from "./apiContract.js";
export {EventStream} from "./eventStream.js";
export * from "./schemas/error.js";
export * from "./schemas/usage.js";
export * from "./schemas/models.js";
export * from "./schemas/chat.js";
export * from "./schemas/completions.js";
export * from "./schemas/embeddings.js";
export {buildOpenApiDocument} from "./buildOpenApiDocument.js";
