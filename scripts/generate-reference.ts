// Writes docs/reference.md and docs/reference.html from openapi.json and docs/samples/; a test fails when the
// committed files differ from a fresh run. `npm run openapi` runs it after writing openapi.json.
import {writeFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import {generateReference} from "./reference/generateReference.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const {markdown, html} = await generateReference({root});
await writeFile(new URL("../docs/reference.md", import.meta.url), markdown);
await writeFile(new URL("../docs/reference.html", import.meta.url), html);
