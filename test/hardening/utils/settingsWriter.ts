// Run as a child process by the crash test: writes settings.json as fast as it can, forever, until killed (-9).
// Each write carries a long model path so a write takes long enough to be caught half-way.
import {SettingsStore} from "../../../src/app/settings/SettingsStore.js";

const store = new SettingsStore({dataDir: process.argv[2]!});
await store.load();
process.stdout.write("ready\n");
for (let i = 1; ; i++)
    await store.update({port: 1024 + (i % 60000), threads: 1 + (i % 16), enabled: i % 2 === 0, modelPath: `/models/${"m".repeat(i % 5000)}-${i}.gguf`});
