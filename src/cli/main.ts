import {UserInputError} from "./UserInputError.js";

const usage = `Tholos AI Local API Server

Usage:
  tholos serve [--model <file.gguf>] [--port <n>] [--threads <n>] [--gpu auto|cpu] [--sequences <n>]
      Start the instance headless, switched on, serving the model's OpenAI-compatible API on
      http://127.0.0.1:<port>/v1 (default port 8756; the saved model when --model is absent). Flags apply to
      this run only. Prints the status line as it changes; Ctrl+C stops it. In a source checkout without a
      licence it issues the development Business licence first, and says so.

  The commands below drive the running instance (tholos serve or the tray app) through its control socket,
  or change the saved settings when none runs:
  tholos status [--json]           The status line (Off / Enabled — … / Running — … / Error — … / Locked — …) and details
  tholos enable                    Switch the Local API Server on (Business edition only)
  tholos disable                   Switch it off: the server stops listening, open connections close
  tholos load <file.gguf>          Load a model (the server starts once one is loaded)
  tholos unload                    Unload the model (the server stops listening)
  tholos port <n>                  Change the port (also retries after "port already in use")
  tholos key show                  Print the API key
  tholos key copy                  Print the API key to copy (no clipboard from a terminal)
  tholos key regenerate            Replace the API key; the old one stops working at once
  tholos test                      Send a real request with the current key: "answered in N ms (model X)" or why not
  tholos responses [count]         How many /v1/responses answers are stored (kept 30 days, newest 10 000)
  tholos responses clear           Delete every stored response (previous_response_id can't continue them any more)
  tholos license show              The installed licence and edition
  tholos license activate <file>   Verify and install a licence file
  tholos license dev               Issue a development Business licence (source checkouts only)
  tholos --help

Environment:
  THOLOS_HOME       data directory (settings.json, license.json, api-key file, control.sock, responses.sqlite)
  THOLOS_API_KEY    use this API key instead of the stored one (then \`key regenerate\` is refused)
  THOLOS_KEYCHAIN   "never" keeps the key in the 0600 file even where an OS keychain answers (default "auto")
`;

// Imported on use: only `serve` needs the engine, and loading node-llama-cpp would slow every other command.
const commands: Record<string, () => Promise<(args: string[]) => Promise<void>>> = {
    serve: async () => (await import("./commands/serve.js")).serveCommand,
    status: async () => (await import("./commands/status.js")).statusCommand,
    enable: async () => (await import("./commands/enable.js")).enableCommand,
    disable: async () => (await import("./commands/disable.js")).disableCommand,
    load: async () => (await import("./commands/load.js")).loadCommand,
    unload: async () => (await import("./commands/unload.js")).unloadCommand,
    port: async () => (await import("./commands/port.js")).portCommand,
    key: async () => (await import("./commands/key.js")).keyCommand,
    test: async () => (await import("./commands/test.js")).testCommand,
    responses: async () => (await import("./commands/responses.js")).responsesCommand,
    license: async () => (await import("./commands/license.js")).licenseCommand
};

async function main(argv: string[]) {
    const [name, ...args] = argv;
    if (name == null || name === "--help" || name === "-h" || name === "help") {
        process.stdout.write(usage);
        return;
    }
    const command = commands[name];
    if (command == null) throw new UserInputError(`Unknown command "${name}". Run \`tholos --help\` for the list.`);
    await (await command())(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UserInputError) {
        process.stderr.write(`tholos: ${error.message}\n`);
        process.exit(2);
    }
    // Our errors carry a stable code and a message written for the user: no stack trace for those.
    if (error instanceof Error && typeof (error as {code?: unknown}).code === "string") {
        process.stderr.write(`tholos: ${error.message}\n`);
        process.exit(1);
    }
    process.stderr.write(`tholos: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
