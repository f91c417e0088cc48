import type {ResponseInputItem, ResponseObject} from "../../../../contract/index.js";

/** One stored answer: the response as returned, the input items it was asked with, and the response it continued. */
export type StoredResponse = {
    response: ResponseObject,

    /** This request's own input items (instructions aside), each with an id. */
    input: ResponseInputItem[],
    previousResponseId: string | null
};

/**
 * Where `store: true` answers are kept for `previous_response_id`, `GET` and `DELETE` (the app core's SQLite store);
 * the server works without one, and then keeps nothing.
 */
export type StoredResponses = {
    put(stored: StoredResponse): void,
    get(id: string): StoredResponse | null,
    delete(id: string): boolean
};
