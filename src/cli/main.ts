import {cliCommands, type CliCommand} from "./cliCommands.js";
import {printCliError} from "./printCliError.js";
import {UserInputError} from "./UserInputError.js";

const serveUsage = `  tholos serve [--model <file.gguf>] [--port <n>] [--threads <n>] [--gpu auto|cpu] [--sequences <n>] [--context-size <n>]
               [--prompt-cache <MiB>]
      Start the instance headless, switched on, serving the model's OpenAI-compatible API on
      http://127.0.0.1:<port>/v1 (default port 8756; the saved model when --model is absent). Flags apply to
      this run only. --prompt-cache: RAM for prompts kept past their sequences (0 = off; default a sixteenth
      of RAM, at most 1024). Prints the status line as it changes; Ctrl+C stops it. In a source checkout without a
      licence it issues the development Business licence first, and says so.`;

const environment = `Environment:
  THOLOS_HOME       data directory (settings.json, license.json, api-key file, control.sock, responses.sqlite)
  THOLOS_API_KEY    use this API key instead of the stored one (then \`key regenerate\` is refused)
  THOLOS_KEYCHAIN   "never" keeps the key in the 0600 file even where an OS keychain answers (default "auto")
`;

/** `--help`: `serve`, then every other command's usage and summary (from the operations table), then the environment. */
function usage(commands: readonly CliCommand[]): string {
    const width = Math.max(...commands.map((command) => command.usage.length)) + 3;
    return [
        "Tholos AI Local API Server",
        "",
        "Usage:",
        serveUsage,
        "",
        "  The commands below drive the running instance (tholos serve or the tray app) through its control socket,",
        "  or change the saved settings when none runs:",
        ...commands.map((command) => `  ${command.usage.padEnd(width)}${command.summary}`),
        "  tholos --help",
        "",
        environment
    ].join("\n");
}

/**
 * The command whose words start `argv` (the longest match winning), or whose alias is all of `argv` — so
 * `responses purge` is an unknown responses action, not `responses` with an argument. `null` for none.
 */
function findCommand(commands: readonly CliCommand[], argv: readonly string[]): {command: CliCommand, args: string[]} | null {
    let best: {command: CliCommand, args: string[], length: number} | null = null;
    const starts = (words: readonly string[]) => words.every((word, index) => argv[index] === word);
    for (const command of commands) {
        const words = [command.command, ...(command.aliases ?? []).filter((alias) => alias.length === argv.length)].find(starts);
        if (words != null && words.length > (best?.length ?? 0))
            best = {command, args: argv.slice(words.length), length: words.length};
    }
    return best;
}

async function main(argv: string[]) {
    const [name] = argv;
    const commands = cliCommands();
    if (name == null || name === "--help" || name === "-h" || name === "help") {
        process.stdout.write(usage(commands));
        return;
    }
    // Imported on use: only `serve` needs the engine, and loading node-llama-cpp would slow every other command.
    if (name === "serve") return (await import("./commands/serve.js")).serveCommand(argv.slice(1));

    const found = findCommand(commands, argv);
    if (found != null) return found.command.run(found.args);
    const family = commands.filter((command) => command.command[0] === name);
    if (family.length > 0)
        throw new UserInputError(`${argv[1] == null ? "Missing" : `Unknown`} ${name} action${argv[1] == null ? "" : ` "${argv[1]}"`}. Usage: ${family.map((command) => command.usage).join(" | ")}`);
    throw new UserInputError(`Unknown command "${name}". Run \`tholos --help\` for the list.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
    process.exit(printCliError(error, process.stderr));
});
