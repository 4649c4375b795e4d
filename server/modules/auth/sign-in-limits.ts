import { and, count, eq, lt, max, sql, gt } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { loginAttempts } from '../../../db/schema/index.ts'
import type { Config } from '../../config.ts'
import { tooManyRequests } from '../../lib/problems.ts'

export type SignInLimitConfig = Pick<
  Config,
  'loginMaxFailuresPerUser' | 'loginMaxFailuresPerIp' | 'loginWindowMinutes' | 'loginUserDelayAfter' | 'loginUserDelayMaxSeconds'
>

// Two-key advisory locks: the first key keeps the username locks and the address locks
// apart, and every caller takes the username lock before the address lock, so two
// sign-ins can never wait on each other in a cycle.
const USERNAME_LOCK = 7301
const ADDRESS_LOCK = 7302

/**
 * Records a sign-in attempt, counted as a failure until `signInSucceeded` says otherwise,
 * and refuses it (429) when a limit is already reached — all in one transaction under a
 * lock per username and per address. Recording before the password check is what makes
 * the limit hold under parallel guesses: the n-th guess in flight already sees the n-1
 * before it, so no more than the configured number of passwords are ever checked.
 *
 * Limits, all within `loginWindowMinutes`:
 * - per username from one address (`loginMaxFailuresPerUser`): a hard limit;
 * - per address (`loginMaxFailuresPerIp`): a hard limit across usernames;
 * - per username from anywhere: after `loginUserDelayAfter` failures each further try
 *   waits an exponentially growing delay (2, 4, 8 … s, at most `loginUserDelayMaxSeconds`)
 *   after the last failure, rather than a lock — so nobody can lock a user (the admin
 *   above all) out, and one address can never even reach the delay.
 *
 * Returns the attempt's id.
 */
export async function beginSignIn(db: Db, config: SignInLimitConfig, now: Date, username: string, ip: string): Promise<string> {
  const name = username.toLowerCase()
  const windowMs = config.loginWindowMinutes * 60_000
  const since = new Date(now.getTime() - windowMs)
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USERNAME_LOCK}, hashtext(${name}))`)
    await tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`)
    const failures = (where: ReturnType<typeof and>) =>
      tx
        .select({ n: count(), last: max(loginAttempts.at) })
        .from(loginAttempts)
        .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
    const [[pair], [byIp], [byUser]] = [
      await failures(and(eq(loginAttempts.username, name), eq(loginAttempts.ip, ip))),
      await failures(eq(loginAttempts.ip, ip)),
      await failures(eq(loginAttempts.username, name)),
    ]
    if (pair.n >= config.loginMaxFailuresPerUser || byIp.n >= config.loginMaxFailuresPerIp) {
      throw tooManyRequests('auth.too-many-failures', { minutes: config.loginWindowMinutes }, config.loginWindowMinutes * 60)
    }
    if (byUser.n >= config.loginUserDelayAfter && byUser.last) {
      const delayMs = Math.min(2 ** (byUser.n - config.loginUserDelayAfter + 1), config.loginUserDelayMaxSeconds) * 1000
      const waitMs = new Date(byUser.last).getTime() + delayMs - now.getTime()
      if (waitMs > 0) {
        throw tooManyRequests('auth.too-many-failures-for-user', undefined, waitMs / 1000)
      }
    }
    const [row] = await tx.insert(loginAttempts).values({ username: name, ip, succeeded: false, at: now }).returning({ id: loginAttempts.id })
    return row.id
  })
}

/** Marks an attempt recorded by `beginSignIn` as a success, and forgets attempts too old to count. */
export async function endSignIn(db: Db, attemptId: string, succeeded: boolean, now: Date) {
  if (succeeded) await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId))
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 24 * 3600_000)))
}
