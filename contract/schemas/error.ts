import {z} from "zod";

/** The OpenAI error object: every non-2xx answer of the server has this shape. */
export const ErrorResponse = z.object({
    error: z.object({
        message: z.string().describe("What went wrong and, where it helps, what to do about it."),
        type: z.string().describe("The error class, e.g. `invalid_request_error`, `authentication_error`."),
        param: z.string().nullable().describe("The request parameter at fault, when there is one."),
        code: z.string().nullable().describe("A stable machine-readable code, e.g. `model_not_found`.")
    })
}).describe("An error. The HTTP status says which class it belongs to.");
export type ErrorResponse = z.infer<typeof ErrorResponse>;
