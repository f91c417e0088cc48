// @ts-check
import js from "@eslint/js";
import {defineConfig} from "eslint/config";
import stylistic from "@stylistic/eslint-plugin";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * One lint config for the whole repository: ESLint's and typescript-eslint's recommended rules, and a stylistic
 * rule set written to match the house style the code already has (4 spaces, double quotes, semicolons, `{a}` without
 * inner spaces, commas between type members, no trailing commas, `+`/`&&` ending a broken line and `?`/`:`/`|`
 * starting one), so it describes the code rather than rewriting it. Code wraps at about 120 columns; 150 is the limit
 * past which a line must be broken. Type-aware rules (typescript-eslint's type-checked sets) are left out: they took
 * the run from 5 s to 27 s and found two findings.
 *
 * object-curly-spacing and array-bracket-spacing are deprecated in @stylistic 6 (which says so once per run) for
 * list-style, but list-style also makes every item of a broken list take its own line, which the house style doesn't.
 */
export default defineConfig(
    {
        ignores: ["dist/", "dist-tray/", "tools/", ".tmp/", "**/node_modules/"]
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        languageOptions: {
            globals: {...globals.node}
        },
        plugins: {"@stylistic": stylistic},
        rules: {
            "@stylistic/indent": ["error", 4, {SwitchCase: 1, ignoredNodes: ["TSUnionType", "TSIntersectionType"]}],
            "@stylistic/quotes": ["error", "double", {avoidEscape: true, allowTemplateLiterals: "always"}],
            "@stylistic/semi": ["error", "always"],
            "@stylistic/comma-dangle": ["error", "never"],
            "@stylistic/object-curly-spacing": ["error", "never"],
            "@stylistic/array-bracket-spacing": ["error", "never"],
            "@stylistic/member-delimiter-style": ["error", {
                multiline: {delimiter: "comma", requireLast: false},
                singleline: {delimiter: "comma", requireLast: false}
            }],
            "@stylistic/brace-style": ["error", "1tbs", {allowSingleLine: true}],
            "@stylistic/arrow-parens": ["error", "always"],
            "@stylistic/space-before-function-paren": ["error", {anonymous: "always", named: "never", asyncArrow: "always"}],
            "@stylistic/keyword-spacing": "error",
            "@stylistic/space-infix-ops": "error",
            "@stylistic/comma-spacing": "error",
            "@stylistic/key-spacing": "error",
            "@stylistic/type-annotation-spacing": "error",
            "@stylistic/no-trailing-spaces": "error",
            "@stylistic/eol-last": "error",
            "@stylistic/no-multiple-empty-lines": ["error", {max: 1, maxBOF: 0, maxEOF: 0}],
            "@stylistic/max-len": ["error", {code: 150, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true}],
            "@stylistic/operator-linebreak": ["error", "after", {overrides: {"?": "before", ":": "before", "|": "before", "&": "before"}}],

            // A variable a closure reads before its one assignment can't be a const.
            "prefer-const": ["error", {ignoreReadBeforeAssign: true}],

            // `_` names a value a destructuring or a callback must take but doesn't use.
            "@typescript-eslint/no-unused-vars": ["error", {
                argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true
            }]
        }
    },
    {
        files: ["tray/renderer/**"],
        languageOptions: {globals: {...globals.browser}}
    },
    {
        // Electron runs a sandboxed preload as CommonJS, where require is the only way in.
        files: ["tray/preload.cts"],
        rules: {"@typescript-eslint/no-require-imports": "off"}
    }
);
