/**
 * Time limits for functional tests: minutes, not the 5 s a read gets in service. CI runs
 * two suites side by side on two cores (load 8–10), where a read the province-sized
 * bench answers in milliseconds can wait seconds for a core; a timing flake would only
 * hide what the test checks. Speed is the benches' business (docs/performance.md), and
 * test/api/query-limits.test.ts sets its own limits to check them.
 */
export const UNHURRIED = { queryTimeoutMs: 120_000, reportTimeoutMs: 300_000 }
