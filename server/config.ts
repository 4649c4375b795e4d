import path from 'node:path'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string
  /** Connection as the role that owns the tables, used only to migrate; defaults to `databaseUrl`. */
  databaseMigrationUrl?: string
  /** Where the embedded database (and other local state) lives. */
  dataDir: string
  /** Load the demo organisation into an empty database. */
  demo: boolean
  logLevel: (typeof LOG_LEVELS)[number]
  /** First administrator when demo data is off. */
  adminUsername?: string
  adminPassword?: string
  /** Honour X-Forwarded-* from a reverse proxy (needed for Secure cookies behind https). */
  trustProxy: boolean
  sessionHours: number
  /** Absolute session lifetime, however active the session. */
  sessionMaxDays: number
  /** API token expiry: the default when none is asked for, and the longest allowed. */
  tokenDefaultDays: number
  tokenMaxDays: number
  /** Failed sign-ins allowed per username, and per client address, within `loginWindowMinutes`. */
  loginMaxFailuresPerUser: number
  loginMaxFailuresPerIp: number
  loginWindowMinutes: number
  /** Failures per username (from any address) after which each try waits an exponential delay instead of a lock. */
  loginUserDelayAfter: number
  loginUserDelayMaxSeconds: number
  /** Largest JSON request body, in bytes. */
  bodyLimit: number
  /** Directory with the built web app; the server serves it when present. */
  webRoot: string
  /** Largest file of a document revision (PDF, DOCX, XLSX), in bytes. */
  documentMaxBytes: number
  /** Writes to the embedded database are refused (507) below this much free disk space. */
  minFreeMb: number
  /** An API request still unanswered after this many seconds gets 503 (a stalled database). */
  stallSeconds: number
  /** Connections of the main PostgreSQL pool (ordinary requests, writes, scheduled jobs). */
  dbPoolSize: number
  /** Connections of the second PostgreSQL pool that only the heavy reads use (summaries, reports, statistics, exports). */
  reportPoolSize: number
  /** Statements the report pool runs at a time while the main pool has statements in the database or a transaction open (db/pool-priority.ts). */
  reportPoolWhileBusy: number
  /** Time an ordinary API request's reads may take in the database, in ms (0: no limit); then they are cancelled and the answer is 503. */
  queryTimeoutMs: number
  /** The same for reports, statistics and exports. */
  reportTimeoutMs: number
  /** The agency's time zone (IANA name): office hours and day boundaries are read in it. */
  timeZone: string
  /** The place name before the date of the agency's documents ("Tiền Giang, ngày … tháng … năm …", Nghị định 30/2020/NĐ-CP). */
  agencyPlace: string
  /** Office hours as minutes after local midnight; a dossier received after `officeClose` counts from the next working day. */
  officeOpen: number
  officeClose: number
  /** Largest dossier import file, in bytes. */
  importMaxBytes: number
  /** Most data rows a dossier import reads; a longer file is refused (422) without reading the rest. */
  importMaxRows: number
  /** Most bytes an import file may hold once unzipped (XLSX) or decoded (CSV): bounds the memory and time a small compressed file can cost. */
  importMaxUncompressedBytes: number
  /** shared_buffers of the embedded database, in MB: it stays allocated for the life of the process. */
  pgliteSharedBuffersMb: number
  /** A running import whose server has not renewed its heartbeat for this long (seconds) is taken up by another run. */
  importStaleSeconds: number
  /** Heap (MB) past which a running import is stopped with 413: a last guard besides the row and size caps. */
  importMaxHeapMb: number
  /** Run the scheduled jobs (escalation reminders…) in this instance. */
  jobs: boolean
  /** How often the scheduler looks for due jobs, in seconds. */
  jobTickSeconds: number
  /** How often the nonconformity escalation job runs (across all instances), in minutes. */
  escalationIntervalMinutes: number
  /** Remind an owner this many days before a due date. */
  remindDaysBeforeDue: number
  /** Tell the head of unit once something is this many days overdue. */
  escalateToHeadDays: number
  /** A person who would get more than this many new reminders in one escalation run gets one digest instead. */
  notifyDigestAfter: number
  /** Tell the managers once something is this many days overdue. */
  escalateToManagerDays: number
  /** Default time to close a nonconformity, in days from detection, by severity. */
  ncDueDaysMajor: number
  ncDueDaysMinor: number
  /** Risk levels by score (likelihood × impact, 1–25): the highest score that is still low, medium and high; above `high` is critical. */
  riskLevels: RiskLevelThresholds
  /** Largest evidence file (photo, PDF) accepted by POST /api/attachments, in megabytes. */
  attachmentMaxMb: number
  /** The agency's code at the start of dossier codes the desk is given: `<prefix>-yymmdd-nnnn`. */
  dossierCodePrefix: string
  /** SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`); with `mailFrom` it turns e-mail on. */
  smtpUrl?: string
  /** The sender of every mail, e.g. `QMS Tracker <qms@agency.gov.vn>`. */
  mailFrom?: string
  /** Where people open the app: links in mails start with it. */
  publicUrl: string
  /** Local time of the daily digest, in minutes after midnight (agency time zone). */
  mailDigestAt: number
  /** How often an instance looks for mail to send, in seconds. */
  mailPollSeconds: number
  /** Tries per mail before it is marked failed; the wait doubles from `mailRetrySeconds` (at most an hour). */
  mailMaxAttempts: number
  mailRetrySeconds: number
}

export interface RiskLevelThresholds {
  low: number
  medium: number
  high: number
}

/** Whether mail is on: both the SMTP server and the sender are set. */
export const mailEnabled = (config: Pick<Config, 'smtpUrl' | 'mailFrom'>) => Boolean(config.smtpUrl && config.mailFrom)

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

type Env = Record<string, string | undefined>

/** Reads the configuration from the environment; every bad value is reported at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = []
  const read = (name: string) => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = read(name)
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`)
      return fallback
    }
    return n
  }
  const bool = (name: string, fallback: boolean) => {
    const raw = read(name)?.toLowerCase()
    if (raw === undefined) return fallback
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true
    if (['0', 'false', 'no', 'off'].includes(raw)) return false
    problems.push(`${name} must be 1 or 0 (true/false); got "${env[name]}"`)
    return fallback
  }

  const databaseUrl = read('DATABASE_URL')
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const databaseMigrationUrl = read('DATABASE_MIGRATION_URL')
  if (databaseMigrationUrl && !/^postgres(ql)?:\/\//.test(databaseMigrationUrl)) {
    problems.push('DATABASE_MIGRATION_URL must start with postgres:// or postgresql://')
  }
  if (databaseMigrationUrl && !databaseUrl) problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the runtime connection)')
  const logLevel = (read('LOG_LEVEL') ?? 'info') as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`)
  }
  const host = read('HOST') ?? '127.0.0.1'
  const adminUsername = read('QMS_ADMIN_USERNAME')
  const adminPassword = read('QMS_ADMIN_PASSWORD')
  if (Boolean(adminUsername) !== Boolean(adminPassword)) {
    problems.push('QMS_ADMIN_USERNAME and QMS_ADMIN_PASSWORD must be set together')
  }
  if (adminPassword && adminPassword.length < 8) {
    problems.push('QMS_ADMIN_PASSWORD must be at least 8 characters long')
  }

  const timeZone = read('QMS_TIMEZONE') ?? 'Asia/Ho_Chi_Minh'
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    problems.push(`QMS_TIMEZONE must be an IANA time zone such as Asia/Ho_Chi_Minh; got "${timeZone}"`)
  }
  const agencyPlace = read('QMS_AGENCY_PLACE') ?? 'Tiền Giang'
  if (agencyPlace.length > 100) problems.push(`QMS_AGENCY_PLACE must be a place name of at most 100 characters; got ${agencyPlace.length}`)
  const officeHours = read('QMS_OFFICE_HOURS') ?? '07:00-17:00'
  const hours = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/.exec(officeHours)
  const officeOpen = hours ? Number(hours[1]) * 60 + Number(hours[2]) : 7 * 60
  const officeClose = hours ? Number(hours[3]) * 60 + Number(hours[4]) : 17 * 60
  if (!hours || officeOpen >= officeClose) {
    problems.push(`QMS_OFFICE_HOURS must be HH:MM-HH:MM with the opening before the closing, e.g. 07:00-17:00; got "${officeHours}"`)
  }

  const smtpUrl = read('SMTP_URL')
  const mailFrom = read('MAIL_FROM')
  if (smtpUrl) {
    try {
      if (!['smtp:', 'smtps:'].includes(new URL(smtpUrl).protocol)) throw new Error()
    } catch {
      problems.push('SMTP_URL must be an smtp:// or smtps:// address, e.g. smtp://user:pass@mail.example:587')
    }
  }
  if (Boolean(smtpUrl) !== Boolean(mailFrom)) problems.push('SMTP_URL and MAIL_FROM must be set together (both turn e-mail on)')
  if (mailFrom && !/^(?:[^<>]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address such as qms@agency.gov.vn or "QMS Tracker <qms@agency.gov.vn>"; got "${mailFrom}"`)
  }
  const digestTime = read('QMS_MAIL_DIGEST_TIME') ?? '07:00'
  const digest = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(digestTime)
  if (!digest) problems.push(`QMS_MAIL_DIGEST_TIME must be HH:MM, e.g. 07:00; got "${digestTime}"`)
  const dossierCodePrefix = read('QMS_DOSSIER_CODE_PREFIX') ?? 'H57.22'
  if (!/^[A-Za-z0-9][A-Za-z0-9.]{0,39}$/.test(dossierCodePrefix)) problems.push(`QMS_DOSSIER_CODE_PREFIX must be letters, digits and dots (the agency's code), e.g. 000.00.22.H57; got "${dossierCodePrefix}"`)
  const riskText = read('QMS_RISK_LEVELS') ?? '4,9,15'
  const riskBounds = /^\s*(\d{1,2})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*$/.exec(riskText)?.slice(1).map(Number)
  const riskValid = riskBounds !== undefined && riskBounds[0] >= 1 && riskBounds[0] < riskBounds[1] && riskBounds[1] < riskBounds[2] && riskBounds[2] < 25
  const riskLevels: RiskLevelThresholds = riskValid ? { low: riskBounds[0], medium: riskBounds[1], high: riskBounds[2] } : { low: 4, medium: 9, high: 15 }
  if (!riskValid) {
    problems.push(`QMS_RISK_LEVELS must be the highest score of low, medium and high, increasing, from 1 to 24 (scores run 1–25), e.g. 4,9,15; got "${riskText}"`)
  }
  const port = int('PORT', 3000, 0, 65535)
  const publicUrl = (read('QMS_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push(`QMS_PUBLIC_URL must be an http:// or https:// address; got "${publicUrl}"`)

  const config: Config = {
    port,
    host,
    databaseUrl,
    databaseMigrationUrl,
    dataDir: path.resolve(cwd, read('QMS_DATA_DIR') ?? 'data'),
    demo: bool('QMS_DEMO', true),
    logLevel,
    adminUsername,
    adminPassword,
    trustProxy: bool('TRUST_PROXY', false),
    sessionHours: int('QMS_SESSION_HOURS', 12, 1, 24 * 90),
    sessionMaxDays: int('QMS_SESSION_MAX_DAYS', 7, 1, 365),
    tokenDefaultDays: int('QMS_TOKEN_DEFAULT_DAYS', 90, 1, 3650),
    tokenMaxDays: int('QMS_TOKEN_MAX_DAYS', 365, 1, 3650),
    loginMaxFailuresPerUser: int('QMS_LOGIN_MAX_FAILURES_PER_USER', 5, 1, 1000),
    loginMaxFailuresPerIp: int('QMS_LOGIN_MAX_FAILURES_PER_IP', 30, 1, 100000),
    loginWindowMinutes: int('QMS_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    loginUserDelayAfter: int('QMS_LOGIN_USER_DELAY_AFTER', 10, 1, 100000),
    loginUserDelayMaxSeconds: int('QMS_LOGIN_USER_DELAY_MAX_SECONDS', 60, 1, 24 * 3600),
    bodyLimit: int('QMS_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webRoot: path.resolve(cwd, read('QMS_WEB_ROOT') ?? 'dist/web'),
    documentMaxBytes: int('QMS_DOCUMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    minFreeMb: int('QMS_MIN_FREE_MB', 64, 0, 1024 * 1024),
    stallSeconds: int('QMS_STALL_SECONDS', 60, 0, 3600),
    dbPoolSize: int('QMS_DB_POOL_SIZE', 10, 1, 1000),
    reportPoolSize: int('QMS_REPORT_POOL_SIZE', 3, 1, 100),
    reportPoolWhileBusy: int('QMS_REPORT_POOL_WHILE_BUSY', 1, 1, 100),
    queryTimeoutMs: int('QMS_QUERY_TIMEOUT_SECONDS', 5, 0, 3600) * 1000,
    reportTimeoutMs: int('QMS_REPORT_TIMEOUT_SECONDS', 30, 0, 3600) * 1000,
    timeZone,
    agencyPlace,
    officeOpen,
    officeClose,
    importMaxBytes: int('QMS_IMPORT_MAX_BYTES', 30 * 1024 * 1024, 1024, 500 * 1024 * 1024),
    importMaxRows: int('QMS_IMPORT_MAX_ROWS', 100_000, 1, 10_000_000),
    importMaxUncompressedBytes: int('QMS_IMPORT_MAX_UNCOMPRESSED_BYTES', 200 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    pgliteSharedBuffersMb: int('QMS_PGLITE_SHARED_BUFFERS_MB', 32, 1, 4096),
    importStaleSeconds: int('QMS_IMPORT_STALE_SECONDS', 30, 5, 3600),
    importMaxHeapMb: int('QMS_IMPORT_MAX_HEAP_MB', 1536, 64, 64 * 1024),
    jobs: bool('QMS_JOBS', true),
    jobTickSeconds: int('QMS_JOB_TICK_SECONDS', 60, 1, 24 * 3600),
    escalationIntervalMinutes: int('QMS_ESCALATION_INTERVAL_MINUTES', 60, 1, 24 * 60),
    remindDaysBeforeDue: int('QMS_REMIND_DAYS_BEFORE_DUE', 3, 0, 365),
    escalateToHeadDays: int('QMS_ESCALATE_TO_HEAD_DAYS', 3, 0, 365),
    notifyDigestAfter: int('QMS_NOTIFY_DIGEST_AFTER', 10, 1, 100_000),
    escalateToManagerDays: int('QMS_ESCALATE_TO_MANAGER_DAYS', 10, 0, 365),
    ncDueDaysMajor: int('QMS_NC_DUE_DAYS_MAJOR', 30, 1, 3650),
    ncDueDaysMinor: int('QMS_NC_DUE_DAYS_MINOR', 60, 1, 3650),
    riskLevels,
    attachmentMaxMb: int('QMS_ATTACHMENT_MAX_MB', 10, 1, 1024),
    dossierCodePrefix,
    smtpUrl,
    mailFrom,
    publicUrl,
    mailDigestAt: digest ? Number(digest[1]) * 60 + Number(digest[2]) : 7 * 60,
    mailPollSeconds: int('QMS_MAIL_POLL_SECONDS', 15, 1, 3600),
    mailMaxAttempts: int('QMS_MAIL_MAX_ATTEMPTS', 8, 1, 100),
    mailRetrySeconds: int('QMS_MAIL_RETRY_SECONDS', 60, 1, 24 * 3600),
  }
  if (config.tokenDefaultDays > config.tokenMaxDays) {
    problems.push(`QMS_TOKEN_DEFAULT_DAYS (${config.tokenDefaultDays}) must not exceed QMS_TOKEN_MAX_DAYS (${config.tokenMaxDays})`)
  }
  if (problems.length) throw new ConfigError(problems)
  return config
}
