// Writes openapi.json from the contract; a test fails when the committed file differs from a fresh run.
import {writeFile, readFile} from "node:fs/promises";
import {buildOpenApiDocument} from "../contract/index.js";
import {renderOpenApiJson} from "./renderOpenApiJson.js";

const packageJson = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {version: string};
await writeFile(new URL("../openapi.json", import.meta.url), renderOpenApiJson(buildOpenApiDocument({version: packageJson.version})));
