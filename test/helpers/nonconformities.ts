/**
 * Moves a nonconformity through its workflow in API tests, through the real endpoints.
 * Every step asserts its status code, so a broken step fails where it happens.
 */
import * as assert from 'uvu/assert'
import { addDays, localDate } from '../../server/lib/clock.ts'
import type { ApiClient, AppContext } from './app.ts'

/** Today in the agency's time zone (as the server computes it). */
export const today = () => localDate(new Date(), 'Asia/Ho_Chi_Minh')
export { addDays }

export const ROOT_CAUSE = {
  whys: [
    { why: 'Why was the outdated form used?', because: 'The old copies were never withdrawn.' },
    { why: 'Why were they not withdrawn?', because: 'Nobody keeps a distribution list.' },
  ],
  categories: ['method'],
  summary: 'Documents are distributed without a list, so withdrawals miss copies.',
}

function expect(res: { status: number; text: string }, status: number, what: string) {
  assert.is(res.status, status, `${what}: ${res.status} ${res.text.slice(0, 300)}`)
}

export async function raise(client: ApiClient, orgUnitId: string, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/nonconformities', { source: 'internal_audit', orgUnitId, title: 'Outdated form in use at the desk', severity: 'minor', clauseNumbers: ['7.5.3'], ...overrides })
  expect(res, 201, 'raise')
  return res.body
}

export async function step(client: ApiClient, nc: { id: string; version: number }, operation: string, body: unknown = {}) {
  const res = await client.post(`/api/nonconformities/${nc.id}/${operation}`, body, { ifMatch: nc.version })
  expect(res, 200, operation)
  return res.body
}

export async function addAction(client: ApiClient, ncId: string, ownerId: string, overrides: Record<string, unknown> = {}) {
  const res = await client.post(`/api/nonconformities/${ncId}/actions`, { type: 'corrective', description: 'Keep a distribution list', ownerId, dueDate: addDays(today(), 14), ...overrides })
  expect(res, 201, 'add action')
  return res.body
}

export async function complete(client: ApiClient, action: { id: string; version: number }, body: Record<string, unknown> = { note: 'Done' }) {
  const res = await client.post(`/api/actions/${action.id}/complete`, body, { ifMatch: action.version })
  expect(res, 200, 'complete')
  return res.body
}

/**
 * An NC raised by the auditor on the reception desk (TNTKQ, under the Office led by
 * `head`), analysed, with one corrective action owned by `staff`, planned and started.
 */
export async function inProgress(ctx: Pick<AppContext, 'as' | 'unitId' | 'userId'>, overrides: Record<string, unknown> = {}) {
  const auditor = await ctx.as('auditor')
  const head = await ctx.as('head')
  let nc = await raise(auditor, await ctx.unitId('TNTKQ'), overrides)
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const action = await addAction(head, nc.id, await ctx.userId('staff'))
  nc = await step(head, nc, 'plan')
  nc = await step(head, nc, 'start')
  return { nc, action }
}

/** `inProgress`, the action completed by staff and sent for verification. */
export async function pendingVerification(ctx: Pick<AppContext, 'as' | 'unitId' | 'userId'>, overrides: Record<string, unknown> = {}) {
  const { nc, action } = await inProgress(ctx, overrides)
  await complete(await ctx.as('staff'), action)
  const head = await ctx.as('head')
  const current = (await head.get(`/api/nonconformities/${nc.id}`)).body
  return step(head, current, 'submit-verification')
}
