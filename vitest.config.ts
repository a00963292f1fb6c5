import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `npm run test:fast` leaves these out (--tags-filter='!slow'); `npm test` runs them all.
    tags: [
      {
        name: "slow",
        description:
          "seconds each: a browser, the built CLI in child processes, or thousands of items",
        // On a loaded machine these take several times as long: the budget is generous, since
        // a slow test is never a failed one (speed lives in the benchmark).
        timeout: 180_000,
      },
    ],
  },
});
