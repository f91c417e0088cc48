/** The error shown in the reference; `test/docs/reference.test.ts` checks it against OpenAI's schema and ours. */
export const errorExample = {
    error: {
        message: "The model \"gpt-4o\" is not loaded. The loaded model is \"stories260K\"; use that id or omit \"model\".",
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found"
    }
};
