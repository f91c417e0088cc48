import {describe, expect, test} from "vitest";
import {resolveDataDir} from "../../src/app/dataDir.js";

describe("resolveDataDir", () => {
    test("THOLOS_HOME overrides every platform default", () => {
        for (const platform of ["linux", "darwin", "win32"] as const)
            expect(resolveDataDir({THOLOS_HOME: "/srv/tholos", HOME: "/home/u", APPDATA: "C:\\x"}, platform))
                .toMatch(/srv[\\/]tholos$/);
    });

    test("an empty THOLOS_HOME is ignored", () => {
        expect(resolveDataDir({THOLOS_HOME: "", HOME: "/home/u"}, "linux")).toBe("/home/u/.local/share/tholos");
    });

    test("macOS uses Application Support", () => {
        expect(resolveDataDir({HOME: "/Users/u"}, "darwin")).toBe("/Users/u/Library/Application Support/Tholos AI");
    });

    test("Windows uses %APPDATA%, else <profile>\\AppData\\Roaming", () => {
        expect(resolveDataDir({APPDATA: "C:\\Users\\u\\AppData\\Roaming", USERPROFILE: "C:\\Users\\u"}, "win32"))
            .toBe("C:\\Users\\u\\AppData\\Roaming\\Tholos AI");
        expect(resolveDataDir({USERPROFILE: "C:\\Users\\u"}, "win32")).toBe("C:\\Users\\u\\AppData\\Roaming\\Tholos AI");
    });

    test("Linux uses an absolute $XDG_DATA_HOME, else ~/.local/share", () => {
        expect(resolveDataDir({XDG_DATA_HOME: "/data/xdg", HOME: "/home/u"}, "linux")).toBe("/data/xdg/tholos");
        expect(resolveDataDir({HOME: "/home/u"}, "linux")).toBe("/home/u/.local/share/tholos");
        // the XDG spec says a relative value is invalid and must be ignored
        expect(resolveDataDir({XDG_DATA_HOME: "relative/dir", HOME: "/home/u"}, "linux")).toBe("/home/u/.local/share/tholos");
    });
});
