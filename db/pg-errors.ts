/**
 * Database errors arrive wrapped (drizzle's DrizzleQueryError around the driver's error,
 * sometimes once more): the PostgreSQL error with a given SQLSTATE, wherever it sits in
 * the `cause` chain.
 */
export function pgError(err: unknown, code: string): { code: string; message: string } | undefined {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === code) return e as { code: string; message: string }
  }
  return undefined
}
