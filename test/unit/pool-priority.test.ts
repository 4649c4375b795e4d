import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { PoolPriority } from '../../db/pool-priority.ts'
import { QueryScope, QueryStopped } from '../../db/query-scope.ts'

/** Lets the microtasks that hand out turns run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** Asks for `n` heavy turns; `given` lists the releases of those granted so far, in order. */
function ask(priority: PoolPriority, n: number) {
  const given: Array<() => void> = []
  for (let i = 0; i < n; i++) void priority.heavyTurn().then((release) => given.push(release))
  return { given }
}

test('with the main pool idle, heavy statements use every connection of their pool', async () => {
  const priority = new PoolPriority(3, 1)
  const { given } = ask(priority, 5)
  await settle()
  assert.is(given.length, 3)
  given[0]!()
  await settle()
  assert.is(given.length, 4, 'a released turn goes to the next waiting')
})

test('while the main pool has work, heavy statements go one at a time, and all again once it is idle', async () => {
  const priority = new PoolPriority(3, 1)
  priority.ordinaryStarted()
  const { given } = ask(priority, 4)
  await settle()
  assert.is(given.length, 1)
  given[0]!()
  await settle()
  assert.is(given.length, 2, 'heavy reads are slowed, never stopped')
  priority.ordinaryEnded()
  await settle()
  assert.is(given.length, 4)
  assert.equal(priority.state, { ordinary: 0, heavy: 3, waiting: 0 })
})

test('turns already given are not taken back when the main pool gets busy', async () => {
  const priority = new PoolPriority(3, 1)
  const { given } = ask(priority, 5)
  await settle()
  priority.ordinaryStarted()
  given[0]!()
  given[1]!()
  await settle()
  assert.is(given.length, 3, 'two ended, but with two still running none is given while the main pool works')
  given[2]!()
  await settle()
  assert.is(given.length, 4)
})

test('a request that stops while waiting gets QueryStopped and takes no turn; a turn is released once', async () => {
  const priority = new PoolPriority(2, 1)
  priority.ordinaryStarted()
  const first = ask(priority, 1)
  const scope = new QueryScope()
  const waiting = priority.heavyTurn(scope)
  await settle()
  scope.stop('client-gone')
  const err = await waiting.catch((e: unknown) => e)
  assert.instance(err, QueryStopped)
  assert.is(priority.state.waiting, 0)
  const release = first.given[0]!
  release()
  release()
  assert.is(priority.state.heavy, 0)
  const stopped = new QueryScope()
  stopped.stop('timeout')
  assert.instance(await priority.heavyTurn(stopped).catch((e: unknown) => e), QueryStopped, 'a stopped request is refused at once')
})

test.run()
