import {z} from "zod";
import {UserInputError} from "../UserInputError.js";
import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

const usage = "tholos port <n>";

/** `tholos port <n>`: change the port (saved); a running server moves to it, which also retries after "port in use". */
export async function portCommand(args: string[]) {
    const [value] = parsePositionals(args, ["n"], usage);
    const parsed = z.coerce.number().int().min(0).max(65535).safeParse(value);
    if (!parsed.success || !/^\d+$/.test(value!))
        throw new UserInputError(`"${value}" is not a port: use a whole number from 1 to 65535. Usage: ${usage}`);
    const port = parsed.data;
    await runOnInstance({
        async online(client) {
            const state = await client.request("setPort", {port});
            process.stdout.write(`${state.status}\n`);
        },
        async offline(stored) {
            await stored.setPort(port);
            process.stdout.write(`Off\nSaved: port ${port}, used from the next start.\n`);
        }
    });
}
