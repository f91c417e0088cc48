import type {z} from "zod";
import {AppCoreError, type AppCoreErrorCode} from "../AppCoreError.js";

/** `value` when `rule` accepts it, else `AppCoreError(code)` with the rule's message — for the core's direct callers. */
export function checkRule<T>(rule: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, code: AppCoreErrorCode): T {
    const result = rule.safeParse(value);
    if (!result.success) throw new AppCoreError(code, result.error.issues[0]?.message ?? "Invalid value.");
    return result.data;
}
