import path from 'node:path'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string
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
  /** Failed sign-ins allowed per username, and per client address, within `loginWindowMinutes`. */
  loginMaxFailuresPerUser: number
  loginMaxFailuresPerIp: number
  loginWindowMinutes: number
  /** Largest JSON request body, in bytes. */
  bodyLimit: number
  /** Directory with the built web app; the server serves it when present. */
  webRoot: string
  /** Largest evidence file (photo, PDF) accepted by POST /api/attachments, in megabytes. */
  attachmentMaxMb: number
}

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

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    dataDir: path.resolve(cwd, read('QMS_DATA_DIR') ?? 'data'),
    demo: bool('QMS_DEMO', true),
    logLevel,
    adminUsername,
    adminPassword,
    trustProxy: bool('TRUST_PROXY', false),
    sessionHours: int('QMS_SESSION_HOURS', 12, 1, 24 * 90),
    loginMaxFailuresPerUser: int('QMS_LOGIN_MAX_FAILURES_PER_USER', 5, 1, 1000),
    loginMaxFailuresPerIp: int('QMS_LOGIN_MAX_FAILURES_PER_IP', 30, 1, 100000),
    loginWindowMinutes: int('QMS_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    bodyLimit: int('QMS_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webRoot: path.resolve(cwd, read('QMS_WEB_ROOT') ?? 'dist/web'),
    attachmentMaxMb: int('QMS_ATTACHMENT_MAX_MB', 10, 1, 1024),
  }
  if (problems.length) throw new ConfigError(problems)
  return config
}
