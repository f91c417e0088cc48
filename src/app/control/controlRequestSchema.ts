import {z} from "zod";

const request = <M extends string, P extends z.ZodTypeAny>(method: M, params: P) =>
    z.object({id: z.number().int().nonnegative(), method: z.literal(method), params});
const noParams = z.object({}).strict().optional();

/**
 * One line a client sends on the control socket (newline-delimited JSON). `id` comes back in the response, so
 * several requests may be in flight on one connection. Paths are absolute: the instance has its own working dir.
 */
export const controlRequestSchema = z.discriminatedUnion("method", [
    request("state", noParams),
    /** Answers the state, then pushes `{"event":"state","state":…}` lines on every change until the connection closes. */
    request("watch", noParams),
    request("enable", noParams),
    request("disable", noParams),
    request("setPort", z.object({port: z.number().int().min(0).max(65535)}).strict()),
    request("loadModel", z.object({path: z.string().min(1)}).strict()),
    request("unloadModel", noParams),
    request("key.show", noParams),
    request("key.regenerate", noParams),
    request("test", noParams),
    request("license.show", noParams),
    request("license.activate", z.object({path: z.string().min(1)}).strict()),
    request("license.dev", noParams)
]);

export type ControlRequest = z.infer<typeof controlRequestSchema>;
export type ControlMethod = ControlRequest["method"];
