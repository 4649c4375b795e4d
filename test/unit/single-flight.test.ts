import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { QueryScope, QueryStopped, runInQueryScope } from '../../db/query-scope.ts'
import { SingleFlight } from '../../server/lib/single-flight.ts'

/** A computation the test finishes by hand. */
function pending<T>() {
  let resolve!: (value: T) => void
  let reject!: (err: unknown) => void
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)))
  return { promise, resolve, reject }
}

test('callers asking for the same key while it runs share one computation', async () => {
  const flights = new SingleFlight()
  const gate = pending<string>()
  let computed = 0
  const compute = () => (computed++, gate.promise)
  const answers = Promise.all([flights.run('k', compute), flights.run('k', compute), flights.run('k', compute)])
  assert.is(flights.inProgress, 1)
  gate.resolve('answer')
  assert.equal(await answers, ['answer', 'answer', 'answer'])
  assert.is(computed, 1)
  assert.is(flights.inProgress, 0, 'nothing is kept once it ends')
})

test('different keys and later callers compute their own', async () => {
  const flights = new SingleFlight()
  let computed = 0
  const compute = async () => ++computed
  assert.equal(await Promise.all([flights.run('a', compute), flights.run('b', compute)]), [1, 2])
  assert.is(await flights.run('a', compute), 3, 'not a cache: the next request computes again')
})

test('a write accepted after a computation started keeps new callers out of it', async () => {
  const flights = new SingleFlight()
  const before = pending<string>()
  const first = flights.run('k', () => before.promise)
  flights.noteWrite()
  let second = 0
  const after = flights.run('k', async () => (second++, 'after the write'))
  before.resolve('before the write')
  assert.is(await first, 'before the write')
  assert.is(await after, 'after the write')
  assert.is(second, 1)
})

test("a computation that fails is not another caller's error", async () => {
  const flights = new SingleFlight()
  const gate = pending<string>()
  const leader = flights.run('k', () => gate.promise)
  const joiner = flights.run('k', async () => 'its own answer')
  gate.reject(new Error('the first client went away'))
  await leader.then(
    () => assert.unreachable('the leader fails'),
    (err: Error) => assert.match(err.message, 'went away'),
  )
  assert.is(await joiner, 'its own answer')
})

test('a joiner whose own request stops (time limit, client gone) stops waiting; the computation goes on', async () => {
  const flights = new SingleFlight()
  const gate = pending<string>()
  const leader = flights.run('k', () => gate.promise)
  const scope = new QueryScope()
  const joiner = runInQueryScope(scope, () => flights.run('k', async () => 'never asked'))
  scope.stop('timeout')
  await joiner.then(
    () => assert.unreachable('the joiner stops'),
    (err: unknown) => assert.ok(err instanceof QueryStopped && err.reason === 'timeout'),
  )
  gate.resolve('answer')
  assert.is(await leader, 'answer')
})

test.run()
