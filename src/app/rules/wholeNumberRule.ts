import {z} from "zod";

/**
 * A whole number from `min` to `max` (inclusive). Every way to miss — not a number, a fraction, out of range — gets
 * the one message `describe(got)`, so the CLI, the control socket, the Settings window and the core all say the same.
 */
export function wholeNumberRule(min: number, max: number, describe: (got: string) => string): z.ZodType<number, z.ZodTypeDef, unknown> {
    return z.unknown().superRefine((value, context) => {
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
            context.addIssue({code: z.ZodIssueCode.custom, message: describe(typeof value === "string" ? JSON.stringify(value) : String(value))});
    }) as unknown as z.ZodType<number, z.ZodTypeDef, unknown>;
}
