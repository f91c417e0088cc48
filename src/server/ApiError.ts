import type {AnthropicErrorResponse, ErrorResponse} from "../../contract/index.js";
import {TholosError} from "../TholosError.js";
import {errorCatalogue, type ErrorCode} from "./errorCatalogue.js";

/** An error answered as-is: its message is meant for the client. */
export class ApiError extends TholosError<ErrorCode> {
    public readonly param: string | null;

    public constructor(code: ErrorCode, message: string, param: string | null = null) {
        super(code, message);
        this.param = param;
    }

    public get status() {
        return errorCatalogue[this.code].status;
    }

    public get retryAfter() {
        return errorCatalogue[this.code].retryAfter;
    }

    public toBody(): ErrorResponse {
        return {error: {message: this.message, type: errorCatalogue[this.code].type, param: this.param, code: this.code}};
    }

    /** Anthropic's error object, for the Anthropic routes (its `type` is the class; the message names the field). */
    public toAnthropicBody(): AnthropicErrorResponse {
        return {type: "error", error: {type: errorCatalogue[this.code].anthropicType, message: this.message}, request_id: null};
    }

    /** The body in the protocol the request spoke (see `requestProtocol`). */
    public toBodyFor(protocol: "openai" | "anthropic") {
        return protocol === "anthropic" ? this.toAnthropicBody() : this.toBody();
    }
}
