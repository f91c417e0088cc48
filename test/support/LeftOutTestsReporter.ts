import path from "node:path";
import type {Reporter, TestCase, TestModule, Vitest} from "vitest/node";

export type LeftOutTestsReporterOptions = {
    /** Why each skipped tag is skipped on this machine, by tag name; a tag absent here runs. */
    readonly skippedTags: Readonly<Record<string, string>>,

    /** Fail the run when any test was left out, for any reason (`.ci/run` sets `THOLOS_REQUIRE_ALL_TESTS=1`). */
    readonly requireAll: boolean
};

/**
 * Ends a run by naming the tests it left out and why, so a run on a machine without a keychain daemon says what it
 * didn't prove instead of passing quietly; with `requireAll` any left-out test fails the run.
 */
export class LeftOutTestsReporter implements Reporter {
    readonly #options: LeftOutTestsReporterOptions;
    #vitest: Vitest | undefined = undefined;

    public constructor(options: LeftOutTestsReporterOptions) {
        this.#options = options;
    }

    public onInit(vitest: Vitest) {
        this.#vitest = vitest;
    }

    public onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
        const logger = this.#vitest!.logger;
        const root = this.#vitest!.config.root;
        const skipped = testModules.flatMap((module) => [...module.children.allTests("skipped")]);
        const byTag = skipped.filter((test) => this.#reason(test) != null);

        if (byTag.length > 0) {
            logger.log(`\nLeft out ${byTag.length} ${byTag.length === 1 ? "test" : "tests"} this machine can't run:`);
            for (const test of byTag)
                logger.log(`  ${describeTest(test, root)}\n      ${this.#reason(test)}`);
        }

        if (this.#options.requireAll && skipped.length > 0) {
            // Tests skipped for other reasons (a filter, test.skip) are named here, as a CI run must run them all.
            for (const test of skipped.filter((one) => !byTag.includes(one)))
                logger.error(`  skipped: ${describeTest(test, root)}`);

            logger.error(`THOLOS_REQUIRE_ALL_TESTS=1: ${skipped.length} left out, and this run must run every test.`);
            process.exitCode = 1;
        }
    }

    #reason(test: TestCase): string | undefined {
        const tag = test.tags.find((name) => name in this.#options.skippedTags);
        return tag == null ? undefined : `[${tag}] ${this.#options.skippedTags[tag]}`;
    }
}

function describeTest(test: TestCase, root: string): string {
    return `${path.relative(root, test.module.moduleId)} > ${test.fullName}`;
}
