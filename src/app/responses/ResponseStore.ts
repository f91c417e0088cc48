import {chmodSync, closeSync, mkdirSync, openSync} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type {StoredResponse, StoredResponses} from "../../server/openai/responses/StoredResponses.js";

export type ResponseStoreOptions = {
    /** The app's data dir; the database is `responses.sqlite` in it. */
    readonly dataDir: string,

    /** Most responses kept; the oldest go first. Default 10 000. */
    readonly maxResponses?: number,

    /** Days a response is kept. Default 30. */
    readonly maxAgeDays?: number,

    /** Default `Date.now`. */
    readonly now?: () => number
};

/**
 * Schema versions, applied in order inside one transaction each; SQLite's `user_version` records how far a file is.
 * A release that changes the schema appends a step, never edits one.
 */
const migrations: readonly string[] = [
    `CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        previous_response_id TEXT,
        response TEXT NOT NULL,
        input TEXT NOT NULL
    );
    CREATE INDEX responses_created_at ON responses (created_at);`
];

/**
 * Stored Responses-API answers (`store: true`), in SQLite in the data dir: they survive a restart of `tholos serve`
 * and of the tray app. better-sqlite3, not `node:sqlite`: the product runs on Node 20.19, which has no `node:sqlite`,
 * and Electron builds of it are routine. The file is the user's only (0600) and in WAL mode, so a crash mid-write
 * (even `kill -9`) loses nothing already answered: each `put` is one committed transaction before the answer is sent.
 * Bounded by count and age, oldest evicted first.
 */
export class ResponseStore implements StoredResponses {
    readonly #db: Database.Database;
    readonly #maxResponses: number;
    readonly #maxAgeMs: number;
    readonly #now: () => number;
    readonly #insert: Database.Statement;
    readonly #select: Database.Statement;
    readonly #remove: Database.Statement;
    readonly #evict: Database.Statement;
    readonly #count: Database.Statement;
    readonly #clear: Database.Statement;

    private constructor(db: Database.Database, options: ResponseStoreOptions) {
        this.#db = db;
        this.#maxResponses = options.maxResponses ?? 10_000;
        this.#maxAgeMs = (options.maxAgeDays ?? 30) * 86_400_000;
        this.#now = options.now ?? Date.now;
        this.#insert = db.prepare("INSERT OR REPLACE INTO responses (id, created_at, previous_response_id, response, input) VALUES (?, ?, ?, ?, ?)");
        this.#select = db.prepare("SELECT response, input, previous_response_id FROM responses WHERE id = ?");
        this.#remove = db.prepare("DELETE FROM responses WHERE id = ?");
        this.#evict = db.prepare(`DELETE FROM responses WHERE created_at < ? OR id NOT IN (SELECT id FROM responses ORDER BY created_at DESC, rowid DESC LIMIT ?)`);
        // The app core reads the count with every state it publishes
        this.#count = db.prepare("SELECT count(*) AS n FROM responses");
        this.#clear = db.prepare("DELETE FROM responses");
    }

    /** Opens (or creates, 0600) the database and brings its schema up to date. */
    static open(options: ResponseStoreOptions): ResponseStore {
        const file = path.join(options.dataDir, "responses.sqlite");
        // A first start opens the stores before anything else has written to the data dir
        mkdirSync(options.dataDir, {recursive: true, mode: 0o700});
        // Created before SQLite opens it, so it never exists with the umask's mode; SQLite gives its -wal and -shm files
        // the database file's mode
        closeSync(openSync(file, "a", 0o600));
        chmodSync(file, 0o600);
        const db = new Database(file);
        try {
            db.pragma("journal_mode = WAL");
            db.pragma("synchronous = FULL");
            // The CLI (`tholos responses clear`) and the running instance may write at once: wait for the other's lock
            db.pragma("busy_timeout = 5000");
            migrate(db);
            return new ResponseStore(db, options);
        } catch (error) {
            db.close();
            throw error;
        }
    }

    get schemaVersion(): number {
        return this.#db.pragma("user_version", {simple: true}) as number;
    }

    put(stored: StoredResponse) {
        this.#db.transaction(() => {
            this.#insert.run(
                stored.response.id, this.#now(), stored.previousResponseId, JSON.stringify(stored.response), JSON.stringify(stored.input)
            );
            this.#evict.run(this.#now() - this.#maxAgeMs, this.#maxResponses);
        })();
    }

    get(id: string): StoredResponse | null {
        const row = this.#select.get(id) as {response: string, input: string, previous_response_id: string | null} | undefined;
        if (row == null) return null;
        return {response: JSON.parse(row.response) as StoredResponse["response"], input: JSON.parse(row.input) as StoredResponse["input"], previousResponseId: row.previous_response_id};
    }

    delete(id: string): boolean {
        return this.#remove.run(id).changes > 0;
    }

    count(): number {
        return (this.#count.get() as {n: number}).n;
    }

    /** Deletes every stored response; returns how many there were. */
    clear(): number {
        return this.#clear.run().changes;
    }

    close() {
        this.#db.close();
    }
}

function migrate(db: Database.Database) {
    const version = db.pragma("user_version", {simple: true}) as number;
    if (version > migrations.length)
        throw new Error(`responses.sqlite has schema version ${version}, newer than this release knows (${migrations.length}); update Tholos.`);
    for (let next = version; next < migrations.length; next++) {
        db.transaction(() => {
            db.exec(migrations[next]!);
            db.pragma(`user_version = ${next + 1}`);
        })();
    }
}
