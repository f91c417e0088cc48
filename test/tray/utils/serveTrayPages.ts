import {readFile} from "node:fs/promises";
import http from "node:http";
import type {AddressInfo} from "node:net";
import path from "node:path";
import {fileURLToPath} from "node:url";

const trayDir = fileURLToPath(new URL("../../../tray/", import.meta.url));
const types: Record<string, string> = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".png": "image/png"};

/** Serves `tray/renderer/` and `tray/assets/` on 127.0.0.1, as Electron loads them from disk; nothing else. */
export async function serveTrayPages(): Promise<{origin: string, close(): Promise<void>}> {
    const server = http.createServer(async (request, response) => {
        const url = new URL(request.url ?? "/", "http://localhost");
        const file = path.normalize(path.join(trayDir, decodeURIComponent(url.pathname)));
        const allowed = [path.join(trayDir, "renderer"), path.join(trayDir, "assets")].some((dir) => file.startsWith(dir + path.sep));
        const type = types[path.extname(file)];
        if (!allowed || type == null) {
            response.writeHead(404).end();
            return;
        }
        try {
            const body = await readFile(file);
            response.writeHead(200, {"content-type": type}).end(body);
        } catch {
            response.writeHead(404).end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const {port} = server.address() as AddressInfo;
    return {
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((resolve) => server.close(() => resolve()))
    };
}
