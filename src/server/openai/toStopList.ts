/** `stop` as a string or a list → the list. */
export function toStopList(stop: string | readonly string[] | null | undefined): readonly string[] | undefined {
    if (stop == null) return undefined;
    return typeof stop === "string" ? [stop] : stop;
}
