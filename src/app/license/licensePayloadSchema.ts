import {z} from "zod";

/** The signed part of a licence file. */
export const licensePayloadSchema = z.object({
    edition: z.enum(["business", "personal"]),
    licensee: z.string().min(1),
    /** ISO 8601 timestamp, e.g. `2026-11-28T21:34:00.000Z`. */
    issuedAt: z.string().datetime({offset: true}),
    /** Unique licence id (a UUID for issued licences). */
    id: z.string().min(1)
});

export type LicensePayload = z.output<typeof licensePayloadSchema>;
