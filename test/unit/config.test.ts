import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ConfigError, loadConfig, mailEnabled } from '../../server/config.ts'

test('defaults: port 3000 on 127.0.0.1, embedded database in ./data, demo on', () => {
  const config = loadConfig({}, '/srv/qms')
  assert.is(config.port, 3000)
  assert.is(config.host, '127.0.0.1')
  assert.is(config.databaseUrl, undefined)
  assert.is(config.dataDir, '/srv/qms/data')
  assert.is(config.demo, true)
  assert.is(config.logLevel, 'info')
  assert.is(config.documentMaxBytes, 20 * 1024 * 1024)
})

test('the document file limit comes from QMS_DOCUMENT_MAX_BYTES', () => {
  assert.is(loadConfig({ QMS_DOCUMENT_MAX_BYTES: '5000000' }).documentMaxBytes, 5_000_000)
  assert.throws(() => loadConfig({ QMS_DOCUMENT_MAX_BYTES: '20MB' }), /QMS_DOCUMENT_MAX_BYTES/)
})

test('mail is off unless SMTP_URL and MAIL_FROM are both set, and both must be addresses', () => {
  const off = loadConfig({})
  assert.is(mailEnabled(off), false)
  assert.is(off.publicUrl, 'http://localhost:3000')
  assert.is(off.mailDigestAt, 7 * 60)
  const on = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: 'QMS <qms@agency.gov.vn>', QMS_PUBLIC_URL: 'https://qms.agency.gov.vn/', QMS_MAIL_DIGEST_TIME: '06:30' })
  assert.is(mailEnabled(on), true)
  assert.is(on.publicUrl, 'https://qms.agency.gov.vn')
  assert.is(on.mailDigestAt, 6 * 60 + 30)
  assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example' }), /SMTP_URL and MAIL_FROM must be set together/)
  assert.throws(() => loadConfig({ SMTP_URL: 'http://mail.example', MAIL_FROM: 'qms@agency.gov.vn' }), /SMTP_URL must be an smtp/)
  assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example', MAIL_FROM: 'not an address' }), /MAIL_FROM must be an address/)
  assert.throws(() => loadConfig({ QMS_MAIL_DIGEST_TIME: '7am' }), /QMS_MAIL_DIGEST_TIME/)
})

test('risk levels: three increasing scores below 25', () => {
  assert.equal(loadConfig({}, '/x').riskLevels, { low: 4, medium: 9, high: 15 })
  assert.equal(loadConfig({ QMS_RISK_LEVELS: '6, 12, 20' }, '/x').riskLevels, { low: 6, medium: 12, high: 20 })
  for (const bad of ['4,9', '9,4,15', '4,9,25', '0,9,15', 'low']) assert.throws(() => loadConfig({ QMS_RISK_LEVELS: bad }), /QMS_RISK_LEVELS/, bad)
})

test('values from the environment', () => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@db/qms', QMS_DATA_DIR: '/var/qms', QMS_DEMO: '0', LOG_LEVEL: 'warn' }, '/x')
  assert.is(config.port, 8080)
  assert.is(config.host, '0.0.0.0')
  assert.is(config.databaseUrl, 'postgres://u@db/qms')
  assert.is(config.dataDir, '/var/qms')
  assert.is(config.demo, false)
  assert.is(config.logLevel, 'warn')
})

test('escalation thresholds, jobs and the time zone', () => {
  const d = loadConfig({}, '/x')
  assert.equal(
    [d.timeZone, d.jobs, d.remindDaysBeforeDue, d.escalateToHeadDays, d.escalateToManagerDays, d.escalationIntervalMinutes, d.ncDueDaysMajor, d.ncDueDaysMinor],
    ['Asia/Ho_Chi_Minh', true, 3, 3, 10, 60, 30, 60],
  )
  const c = loadConfig({ QMS_REMIND_DAYS_BEFORE_DUE: '5', QMS_ESCALATE_TO_HEAD_DAYS: '2', QMS_ESCALATE_TO_MANAGER_DAYS: '7', QMS_JOBS: '0', QMS_TIMEZONE: 'Europe/Paris' }, '/x')
  assert.equal([c.remindDaysBeforeDue, c.escalateToHeadDays, c.escalateToManagerDays, c.jobs, c.timeZone], [5, 2, 7, false, 'Europe/Paris'])
  try {
    loadConfig({ QMS_TIMEZONE: 'Mars/Olympus', QMS_ESCALATE_TO_MANAGER_DAYS: '-1' })
    assert.unreachable('should throw')
  } catch (err) {
    assert.match((err as Error).message, 'QMS_TIMEZONE')
    assert.match((err as Error).message, 'QMS_ESCALATE_TO_MANAGER_DAYS')
  }
})

test('sign-in limits, the session lifetime and token expiry', () => {
  const d = loadConfig({}, '/x')
  assert.equal([d.loginUserDelayAfter, d.loginUserDelayMaxSeconds, d.sessionMaxDays, d.tokenDefaultDays, d.tokenMaxDays], [10, 60, 7, 90, 365])
  const c = loadConfig(
    { QMS_LOGIN_USER_DELAY_AFTER: '20', QMS_LOGIN_USER_DELAY_MAX_SECONDS: '30', QMS_SESSION_MAX_DAYS: '1', QMS_TOKEN_DEFAULT_DAYS: '30', QMS_TOKEN_MAX_DAYS: '60' },
    '/x',
  )
  assert.equal([c.loginUserDelayAfter, c.loginUserDelayMaxSeconds, c.sessionMaxDays, c.tokenDefaultDays, c.tokenMaxDays], [20, 30, 1, 30, 60])
  assert.throws(() => loadConfig({ QMS_SESSION_MAX_DAYS: '0' }), /QMS_SESSION_MAX_DAYS/)
  assert.throws(() => loadConfig({ QMS_TOKEN_DEFAULT_DAYS: '400' }), /QMS_TOKEN_DEFAULT_DAYS/)
})

test('every bad value is reported at once, by name', () => {
  try {
    loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', QMS_DEMO: 'maybe', DATABASE_URL: 'mysql://x', QMS_ADMIN_USERNAME: 'root' })
    assert.unreachable('should throw')
  } catch (err) {
    assert.instance(err, ConfigError)
    const message = (err as Error).message
    for (const name of ['PORT', 'LOG_LEVEL', 'QMS_DEMO', 'DATABASE_URL', 'QMS_ADMIN_PASSWORD']) assert.match(message, name)
  }
})

test.run()
