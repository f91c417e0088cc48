// Plain JavaScript run by plain `node` (no tsx loader, nothing of ours): node-llama-cpp holding the model and a
// context configured like the server's, idle. Prints its resident memory in bytes. Used by measureIdleBaseline.ts.
import {getLlama} from "node-llama-cpp";

const [modelPath, threads, sequences, contextSize, flashAttention] = process.argv.slice(2);
const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
const model = await llama.loadModel({modelPath});
const context = await model.createContext({
    sequences: Number(sequences), contextSize: Number(contextSize), threads: Number(threads),
    flashAttention: flashAttention === "default" ? undefined : flashAttention === "true"
});
context.getSequence();
await new Promise((resolve) => setTimeout(resolve, 500));
console.log(JSON.stringify({rss: process.memoryUsage.rss()}));
process.exit(0);
