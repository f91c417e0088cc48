type Container = "object" | "array";

/** Where the text stands, in the object/array/value grammar of JSON. */
type State =
    | "value" // a value must follow (at the start, after ":" or after "[")
    | "firstValueOrEnd" // right after "[": a value or "]"
    | "keyOrEnd" // right after "{": a key or "}"
    | "key" // after ",": a key must follow
    | "afterKey" // a key was written: ":" must follow
    | "afterValue" // a value ended: ",", a closing bracket, or the end
    | "string" // inside a value string
    | "keyString" // inside a key string
    | "number" // inside a number
    | "literal"; // inside true/false/null

/**
 * Follows JSON text as it is generated and says, at each point, the shortest text that would close it into a
 * complete JSON value (`closer`), or `null` where no suffix of closing brackets and quotes can (inside a key, after
 * a ":" or ",", in the middle of a literal, a number that doesn't end in a digit, an unfinished escape). The engine
 * uses it so a JSON answer cut by `maxTokens` still parses.
 */
export class JsonCloser {
    private readonly _stack: Container[] = [];
    private _state: State = "value";
    private _escape: "none" | "backslash" | number = "none";
    private _numberEndsInDigit = false;
    private _literal = "";
    private _failed = false;

    /** Takes the next piece of generated text. */
    public push(text: string) {
        for (const char of text) this._char(char);
    }

    /** The text that closes what is open here, `""` when the value is complete, `null` when it can't be closed here. */
    public get closer(): string | null {
        if (this._failed) return null;
        const brackets = this._stack.map((container) => container === "object" ? "}" : "]").reverse().join("");
        switch (this._state) {
            case "afterValue": return brackets;
            case "keyOrEnd":
            case "firstValueOrEnd": return brackets;
            case "string": return this._escape === "none" ? `"${brackets}` : null;
            case "number": return this._numberEndsInDigit ? brackets : null;
            case "literal": return ["true", "false", "null"].includes(this._literal) ? brackets : null;
            default: return null;
        }
    }

    private _char(char: string): void {
        if (this._failed) return;
        switch (this._state) {
            case "string":
            case "keyString":
                return this._stringChar(char);
            case "number":
                if (/[0-9]/.test(char)) {
                    this._numberEndsInDigit = true;
                    return;
                }
                if (/[-+.eE]/.test(char)) {
                    this._numberEndsInDigit = false;
                    return;
                }
                this._state = "afterValue";
                return this._char(char);
            case "literal":
                if (/[a-z]/.test(char)) {
                    this._literal += char;
                    return;
                }
                this._state = "afterValue";
                return this._char(char);
        }
        if (/\s/.test(char)) return;
        switch (this._state) {
            case "value":
            case "firstValueOrEnd":
                if (char === "]" && this._state === "firstValueOrEnd") return this._close();
                return this._startValue(char);
            case "keyOrEnd":
            case "key":
                if (char === "}" && this._state === "keyOrEnd") return this._close();
                if (char === "\"") {
                    this._state = "keyString";
                    return;
                }
                break;
            case "afterKey":
                if (char === ":") {
                    this._state = "value";
                    return;
                }
                break;
            case "afterValue": {
                const container = this._stack.at(-1);
                if (char === "," && container != null) {
                    this._state = container === "object" ? "key" : "value";
                    return;
                }
                if ((char === "}" || char === "]") && container === (char === "}" ? "object" : "array")) return this._close();
                break;
            }
        }
        this._failed = true;
    }

    private _startValue(char: string) {
        if (char === "{") {
            this._stack.push("object");
            this._state = "keyOrEnd";
        } else if (char === "[") {
            this._stack.push("array");
            this._state = "firstValueOrEnd";
        } else if (char === "\"") {
            this._state = "string";
        } else if (/[-0-9]/.test(char)) {
            this._state = "number";
            this._numberEndsInDigit = char !== "-";
        } else if (/[tfn]/.test(char)) {
            this._state = "literal";
            this._literal = char;
        } else {
            this._failed = true;
        }
    }

    private _stringChar(char: string) {
        if (this._escape === "backslash") {
            this._escape = char === "u" ? 0 : "none";
            return;
        }
        if (typeof this._escape === "number") {
            this._escape = this._escape === 3 ? "none" : this._escape + 1;
            return;
        }
        if (char === "\\") this._escape = "backslash";
        else if (char === "\"") this._state = this._state === "keyString" ? "afterKey" : "afterValue";
    }

    private _close() {
        this._stack.pop();
        this._state = "afterValue";
    }
}
