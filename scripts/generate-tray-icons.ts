import {writeFileSync} from "node:fs";
import path from "node:path";
import {deflateSync} from "node:zlib";
import {packageRoot} from "../src/packageRoot.js";

// Writes tray/assets/tray-<kind>.png (16 px) and @2x (32 px): one glyph per state, distinct in shape as well as
// colour so they read on light and dark menu bars and for colour-blind users. Run: `tsx scripts/generate-tray-icons.ts`.

type Rgb = readonly [number, number, number];
type Glyph = (x: number, y: number) => Rgb | null; // x, y in -1..1

const gray: Rgb = [128, 134, 145];
const amber: Rgb = [232, 163, 23];
const green: Rgb = [34, 170, 96];
const red: Rgb = [218, 54, 51];
const white: Rgb = [255, 255, 255];

const glyphs: Record<string, Glyph> = {
    // Off: a hollow ring.
    off: (x, y) => {
        const r = Math.hypot(x, y);
        return r <= 0.86 && r >= 0.6 ? gray : null;
    },
    // Waiting for a model: a ring with a dot in the middle.
    waiting: (x, y) => {
        const r = Math.hypot(x, y);
        if (r <= 0.86 && r >= 0.6) return amber;
        return r <= 0.3 ? amber : null;
    },
    // Running: a full disc with a white play-like notch.
    running: (x, y) => {
        const r = Math.hypot(x, y);
        if (r > 0.9) return null;
        const inTriangle = x >= -0.28 && x <= 0.42 && Math.abs(y) <= (0.42 - x) * 0.62;
        return inTriangle ? white : green;
    },
    // Error: a full disc with a white bar.
    error: (x, y) => {
        const r = Math.hypot(x, y);
        if (r > 0.9) return null;
        return Math.abs(y) <= 0.14 && Math.abs(x) <= 0.5 ? white : red;
    }
};

function render(glyph: Glyph, size: number): Buffer {
    const samples = 4;
    const rows: Buffer[] = [];
    for (let py = 0; py < size; py++) {
        const row = Buffer.alloc(1 + size * 4); // filter byte 0 = none
        for (let px = 0; px < size; px++) {
            let r = 0, g = 0, b = 0, covered = 0;
            for (let sy = 0; sy < samples; sy++) {
                for (let sx = 0; sx < samples; sx++) {
                    const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
                    const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
                    const colour = glyph(x, y);
                    if (colour == null) continue;
                    r += colour[0]; g += colour[1]; b += colour[2]; covered++;
                }
            }
            const offset = 1 + px * 4;
            if (covered > 0) {
                row[offset] = Math.round(r / covered);
                row[offset + 1] = Math.round(g / covered);
                row[offset + 2] = Math.round(b / covered);
            }
            row[offset + 3] = Math.round((covered / (samples * samples)) * 255);
        }
        rows.push(row);
    }
    return encodePng(size, size, Buffer.concat(rows));
}

function encodePng(width: number, height: number, raw: Buffer): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 6; // RGBA
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk("IHDR", header),
        chunk("IDAT", deflateSync(raw, {level: 9})),
        chunk("IEND", Buffer.alloc(0))
    ]);
}

function chunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length, 0);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body), 0);
    return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
    let crc = 0xffffffff;
    for (const byte of data) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return (crc ^ 0xffffffff) >>> 0;
}

const assetsDir = path.join(packageRoot(), "tray", "assets");
for (const [kind, glyph] of Object.entries(glyphs)) {
    writeFileSync(path.join(assetsDir, `tray-${kind}.png`), render(glyph, 16));
    writeFileSync(path.join(assetsDir, `tray-${kind}@2x.png`), render(glyph, 32));
    // The app icon for packaging and the window.
    if (kind === "running") writeFileSync(path.join(assetsDir, "icon.png"), render(glyph, 512));
}
console.log(`Wrote tray icons to ${assetsDir}`);
