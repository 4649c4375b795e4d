import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { HttpProblem } from '../../server/lib/problems.ts'
import { defineWorkflow } from '../../server/lib/workflow.ts'

const STATUSES = ['open', 'running', 'checked', 'done', 'dropped'] as const

const light = defineWorkflow('job', STATUSES, {
  edit: { from: ['open', 'running'] },
  start: { from: ['open'], to: 'running', note: 'extra fields ride along' },
  check: { from: ['running'], to: (ok: boolean) => (ok ? 'checked' : 'running') },
  finish: { from: ['checked'], to: 'done' },
  drop: { from: ['open', 'running', 'checked'], to: 'dropped' },
})

function thrown(fn: () => void): HttpProblem {
  try {
    fn()
  } catch (error) {
    assert.instance(error, HttpProblem)
    return error as HttpProblem
  }
  throw new Error('expected a problem')
}

test('allowedFrom lists the operations a status allows, in table order', () => {
  assert.equal(light.ops, ['edit', 'start', 'check', 'finish', 'drop'])
  assert.equal(light.allowedFrom('open'), ['edit', 'start', 'drop'])
  assert.equal(light.allowedFrom('running'), ['edit', 'check', 'drop'])
  assert.equal(light.allowedFrom('done'), [])
  assert.equal(light.movesFrom('open'), ['start', 'drop'], 'an edit does not move the record')
})

test('the arrays are cached per status and frozen', () => {
  assert.is(light.allowedFrom('open'), light.allowedFrom('open'))
  assert.is(light.movesFrom('running'), light.movesFrom('running'))
  assert.ok(Object.isFrozen(light.allowedFrom('open')))
  assert.throws(() => light.allowedFrom('open').push('finish'))
})

test('can and to', () => {
  assert.ok(light.can('start', 'open'))
  assert.not.ok(light.can('start', 'running'))
  assert.is(light.to('start'), 'running')
  assert.is(light.to('check', true), 'checked')
  assert.is(light.to('check', false), 'running')
  assert.is(light.rules.start.note, 'extra fields ride along')
})

test('assert passes when the status allows the operation', () => {
  light.assert('finish', 'checked')
  light.assert('edit', 'running')
})

test('assert throws the 409 illegal-transition problem naming what is allowed now', () => {
  const problem = thrown(() => light.assert('finish', 'open'))
  assert.is(problem.status, 409)
  assert.is(problem.slug, 'illegal-transition')
  assert.equal(problem.extensions, { allowed: ['start', 'drop'] })
  assert.is(problem.detail, 'Cannot finish a job that is open. Allowed now: start, drop.')

  const none = thrown(() => light.assert('drop', 'done'))
  assert.equal(none.extensions, { allowed: [] })
  assert.is(none.detail, 'Cannot drop a job that is done. No action is allowed now.')
})

test('the detail may name the operation and the status in other words', () => {
  const problem = thrown(() => light.assert('edit', 'done', { action: 'add a note to', status: 'done (read-only)' }))
  assert.is(problem.detail, 'Cannot add a note to a job that is done (read-only). No action is allowed now.')
  assert.is(light.problem('review', 'running').detail, 'Cannot review a job that is running. Allowed now: check, drop.')
})

test('a table naming an unknown status is refused at definition', () => {
  assert.throws(() => defineWorkflow('job', STATUSES, { go: { from: ['nowhere' as 'open'], to: 'done' } }), /unknown status "nowhere"/)
})

test.run()
