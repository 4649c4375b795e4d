import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { DEMO_PASSWORD } from '../../server/demo/index.ts'

const ctx = appContext({ config: { loginMaxFailuresPerUser: 5, loginMaxFailuresPerIp: 1000, loginUserDelayAfter: 10 } })

const limits = suite('sign-in limits', ctx)

/** Signs in from a given client address. */
function login(username: string, password: string, remoteAddress: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress })
}

limits('100 parallel guesses check at most the configured number of passwords; the rest get 429', async () => {
  const guesses = Array.from({ length: 100 }, (_, i) => login('manager', i === 93 ? DEMO_PASSWORD : `wrong-${i}`, '10.0.0.1'))
  const answers = await Promise.all(guesses)
  const by = (status: number) => answers.filter((a) => a.statusCode === status)
  assert.ok(by(200).length + by(401).length <= 5, `checked ${by(200).length + by(401).length} passwords`)
  assert.ok(by(200).length <= 1)
  // The rest are refused without a password check: 429, or — on a loaded machine, where 100
  // sign-ins queue on the per-username lock past the request time limit — 503 query-timeout.
  assert.is(by(429).length + by(503).length, 100 - by(200).length - by(401).length, JSON.stringify(answers.map((a) => a.statusCode)))
  assert.ok(by(429).length > 0)
  for (const refused of by(429)) assert.ok(Number(refused.headers['retry-after']) > 0)
  for (const late of by(503)) assert.is(late.json().type, 'urn:qms:problem:query-timeout')
})

limits('a username locked from one address still signs in from another', async () => {
  for (let i = 0; i < 5; i++) assert.is((await login('admin', `wrong-${i}`, '10.0.0.2')).statusCode, 401)
  assert.is((await login('admin', DEMO_PASSWORD, '10.0.0.2')).statusCode, 429)
  assert.is((await login('admin', DEMO_PASSWORD, '10.0.0.3')).statusCode, 200)
})

limits('failures from many addresses slow a username down but never lock it for the window', async () => {
  // 10 failures from 10 addresses reach the per-username delay.
  for (let i = 0; i < 10; i++) assert.is((await login('auditor', 'wrong', `10.1.0.${i}`)).statusCode, 401)
  const slowed = await login('auditor', DEMO_PASSWORD, '10.1.1.1')
  assert.is(slowed.statusCode, 429)
  const wait = Number(slowed.headers['retry-after'])
  assert.ok(wait > 0 && wait <= 2, `waits ${wait} s`)
})

ctx.use(limits)
limits.run()
