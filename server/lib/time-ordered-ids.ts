/**
 * UUIDs of version 7 (RFC 9562) for rows written in bulk: the millisecond first, so a
 * batch's keys sort after every earlier batch's and its index entries land on the
 * right-hand pages of the B-trees instead of one random page each. In a table of
 * millions of rows those random pages are mostly not in shared buffers: each costs a
 * read, a dirty page written back and, after a checkpoint, a full-page image in the WAL
 * (issue 15, item 6: the import into the province-sized database). Unique: 74 bits after
 * the time, counted up from a random start. Not secret: within a batch they count up,
 * and they show when the batch was written (as created_at does); ids were never a
 * credential here, every read is permission-checked.
 */
import { randomBytes } from 'node:crypto'

const COUNTER_BITS = 74n
const RAND_B_BITS = 62n
const RAND_B_MASK = (1n << RAND_B_BITS) - 1n
const VARIANT = 2n << RAND_B_BITS

/** `count` ids in increasing order (as text and as PostgreSQL compares uuids), all of the millisecond `at`. */
export function timeOrderedIds(count: number, at: Date): string[] {
  const time = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, '0').slice(-12)
  // A random start in the lower half of the counter's range: never wraps for any batch.
  let counter = BigInt(`0x${randomBytes(10).toString('hex')}`) & ((1n << (COUNTER_BITS - 1n)) - 1n)
  const ids: string[] = new Array(count)
  for (let i = 0; i < count; i++, counter++) {
    const randA = (counter >> RAND_B_BITS).toString(16).padStart(3, '0')
    const tail = (VARIANT | (counter & RAND_B_MASK)).toString(16).padStart(16, '0')
    ids[i] = `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${tail.slice(0, 4)}-${tail.slice(4)}`
  }
  return ids
}
