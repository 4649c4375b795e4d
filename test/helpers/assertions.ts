import * as assert from 'uvu/assert'

/**
 * Every item matches, and there is at least one: `[].every(…)` is true, so a filter
 * test over an empty page would pass whatever the filter did.
 */
export function assertAll<T>(items: readonly T[], matches: (item: T) => unknown, message = 'every item matches'): void {
  assert.ok(items.length > 0, `${message}: the list is empty, so nothing was checked`)
  const failing = items.find((item) => !matches(item))
  assert.ok(failing === undefined, `${message}; this one does not: ${JSON.stringify(failing)}`)
}
