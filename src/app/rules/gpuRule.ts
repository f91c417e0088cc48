import {z} from "zod";

/** GPU use for the next model load: `"auto"` uses one when a prebuilt binary for it works here, `"cpu"` never does. */
export const gpuRule = z.enum(["auto", "cpu"], {
    errorMap: (_issue, context) => ({message: `GPU must be "auto" or "cpu" (got ${JSON.stringify(context.data)}).`})
});
