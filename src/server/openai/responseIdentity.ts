import {randomBytes} from "node:crypto";
import type {ServerEngine} from "../ServerEngine.js";

/** The id, time, model and fingerprint every chunk of one answer repeats. */
export function responseIdentity(engine: ServerEngine, prefix: "chatcmpl" | "cmpl") {
    return {
        id: `${prefix}-${randomBytes(12).toString("base64url")}`,
        created: Math.floor(Date.now() / 1000),
        model: engine.info.id,
        // Same backend and build ⇒ same fingerprint, so seeded results can be compared across answers.
        system_fingerprint: `fp_tholos_${engine.info.backend}`
    };
}
