import {UserInputError} from "./UserInputError.js";
import {serveCommand} from "./commands/serve.js";

const usage = `Tholos AI Local API Server

Usage:
  tholos serve --model <file.gguf> [--port <n>] [--threads <n>] [--gpu auto|cpu] [--sequences <n>]
      Serve the model's OpenAI-compatible API on http://127.0.0.1:<port>/v1 (default port 8756).
      The API key is THOLOS_API_KEY when set, else a new key printed once.
  tholos --help
`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
    serve: serveCommand
};

async function main(argv: string[]) {
    const [name, ...args] = argv;
    if (name == null || name === "--help" || name === "-h" || name === "help") {
        process.stdout.write(usage);
        return;
    }
    const command = commands[name];
    if (command == null) throw new UserInputError(`Unknown command "${name}". Run \`tholos --help\` for the list.`);
    await command(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UserInputError) {
        process.stderr.write(`tholos: ${error.message}\n`);
        process.exit(2);
    }
    process.stderr.write(`tholos: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
