import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { computeScore, missingResponses, progressOf, type ScoringItem } from '../../server/modules/inspections/scoring.ts'

const item = (id: string, extra: Partial<ScoringItem> = {}): ScoringItem => ({
  id,
  key: id,
  weight: 1,
  perPerson: false,
  required: true,
  photoRequiredOnFail: false,
  ...extra,
})

test('the score is the weighted share of applicable responses that pass', () => {
  const items = [item('a', { weight: 2 }), item('b'), item('c', { weight: 0.5 })]
  assert.is(computeScore(items, [{ itemId: 'a', result: 'pass' }, { itemId: 'b', result: 'fail' }, { itemId: 'c', result: 'pass' }]), 71.43)
})

test('n/a responses are left out; nothing applicable gives no score', () => {
  const items = [item('a'), item('b')]
  assert.is(computeScore(items, [{ itemId: 'a', result: 'pass' }, { itemId: 'b', result: 'na' }]), 100)
  assert.is(computeScore(items, [{ itemId: 'a', result: 'na' }]), null)
  assert.is(computeScore([item('z', { weight: 0 })], [{ itemId: 'z', result: 'fail' }]), null)
})

test('a per-person item counts once per person', () => {
  const items = [item('badge', { perPerson: true, weight: 2 }), item('conduct')]
  const score = computeScore(items, [
    { itemId: 'badge', result: 'pass' },
    { itemId: 'badge', result: 'fail' },
    { itemId: 'badge', result: 'pass' },
    { itemId: 'conduct', result: 'pass' },
  ])
  assert.is(score, 71.43) // (2 + 2 + 1) / (2 + 2 + 2 + 1)
})

test('missing: each required slot, per person present, photos of failures, and the people themselves', () => {
  const items = [item('badge', { perPerson: true }), item('posting', { photoRequiredOnFail: true }), item('extra', { required: false })]
  const responses = [
    { itemId: 'badge', personId: 'p1', result: 'pass' as const, attachmentCount: 0 },
    { itemId: 'posting', personId: null, result: 'fail' as const, attachmentCount: 0 },
  ]
  assert.equal(missingResponses(items, ['p1', 'p2'], responses), [
    { itemId: 'badge', personId: 'p2', reason: 'response' },
    { itemId: 'posting', personId: null, reason: 'photo' },
  ])
  assert.equal(missingResponses(items, [], [])[0], { itemId: null, personId: null, reason: 'people' })
  const withPhoto = responses.map((r) => ({ ...r, attachmentCount: 1 }))
  assert.equal(missingResponses(items, ['p1'], withPhoto), [])
})

test('progress counts one slot per item and one per person for per-person items', () => {
  const items = [item('badge', { perPerson: true }), item('conduct')]
  assert.equal(progressOf(items, ['p1', 'p2', 'p3'], [{ result: 'pass' }, { result: 'fail' }]), { answered: 2, total: 4, failed: 1 })
})

test.run()
