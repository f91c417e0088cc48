import type {KeytarLike} from "../../../src/app/key/KeychainKeyStore.js";

export type FakeKeytarBehaviour =
    /** A working keychain backed by a Map. */
    | "working"
    /** Every call hangs forever, like a wedged Secret Service daemon. */
    | "hang"
    /** Every call rejects, like a missing D-Bus session. */
    | "throw"
    /** Writes "succeed" but reads answer null, like libsecret with no unlocked keyring. */
    | "forgetful";

export type FakeKeytar = KeytarLike & {
    readonly entries: Map<string, string>,
    readonly calls: string[],
    behaviour: FakeKeytarBehaviour,
    /** Present so a test can prove it is never called (it segfaults Node on a locked keyring). */
    findCredentials(service: string): Promise<never>
};

export function createFakeKeytar(behaviour: FakeKeytarBehaviour = "working"): FakeKeytar {
    const entries = new Map<string, string>();
    const calls: string[] = [];
    const fake: FakeKeytar = {
        entries,
        calls,
        behaviour,
        async getPassword(service, account) {
            calls.push(`get ${account}`);
            await misbehave(fake.behaviour);
            return fake.behaviour === "forgetful" ? null : entries.get(`${service}/${account}`) ?? null;
        },
        async setPassword(service, account, password) {
            calls.push(`set ${account}`);
            await misbehave(fake.behaviour);
            if (fake.behaviour !== "forgetful")
                entries.set(`${service}/${account}`, password);
        },
        async deletePassword(service, account) {
            calls.push(`delete ${account}`);
            await misbehave(fake.behaviour);
            return entries.delete(`${service}/${account}`);
        },
        async findCredentials() {
            calls.push("findCredentials");
            throw new Error("findCredentials must never be called");
        }
    };
    return fake;
}

async function misbehave(behaviour: FakeKeytarBehaviour): Promise<void> {
    if (behaviour === "hang")
        await new Promise<never>(() => undefined);
    else if (behaviour === "throw")
        throw new Error("Cannot autolaunch D-Bus without X11 $DISPLAY");
}
