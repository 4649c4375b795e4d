/**
 * The outbox's sender, one per instance (started with the scheduled jobs): every
 * `QMS_MAIL_POLL_SECONDS` it turns new notifications into mails, makes the morning
 * digests when their time has come, and sends what is due. It never runs inside a
 * request, so a slow or dead SMTP server delays mail, not the app.
 *
 * Sending a row twice is prevented by claiming it first: one statement moves due rows
 * to `sending` (FOR UPDATE SKIP LOCKED, so two instances take different rows) with a
 * ten-minute lease on the database's clock; only the claimant sends it. A sender that
 * dies mid-send leaves the lease to run out and the row is tried again: the mail keeps
 * its Message-ID, so the rare copy is recognisable as the same mail.
 * A temporary failure (connection refused, 4xx) waits and tries again, the wait doubling
 * from QMS_MAIL_RETRY_SECONDS up to an hour; a permanent one (5xx) or the last allowed
 * attempt marks the mail failed, with the error, for the admin page.
 */
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Db } from '../../../db/client.ts'
import { queryRows } from '../../../db/client.ts'
import type { MailOutboxRow } from '../../../db/schema/index.ts'
import { mailEnabled, type Config } from '../../config.ts'
import { serviceEnv, type Clock } from '../../lib/clock.ts'
import { collectDigests, collectNotifications } from './collect.ts'

const CLAIM = 20
const LEASE = '10 minutes'
const SMTP_TIMEOUT_MS = 30_000

export interface MailRun {
  queued: number
  digests: number
  sent: number
  retried: number
  failed: number
}

export class MailSender {
  private timer?: ReturnType<typeof setInterval>
  private running?: Promise<MailRun>
  private transport?: Transporter

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log?: FastifyBaseLogger,
  ) {}

  get enabled(): boolean {
    return mailEnabled(this.config)
  }

  start(): void {
    if (!this.enabled) {
      this.log?.info('E-mail is off (set SMTP_URL and MAIL_FROM to turn it on): notifications stay in the app.')
      return
    }
    if (this.timer) return
    const tick = () => {
      this.runOnce().catch((err) => this.log?.error({ err }, 'mail run failed'))
    }
    this.timer = setInterval(tick, this.config.mailPollSeconds * 1000)
    this.timer.unref()
    setTimeout(tick, 1000).unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => {})
    this.transport?.close()
  }

  /** One pass: collect, digest, send. Passes of one instance run one after another. */
  runOnce(): Promise<MailRun> {
    const run = () => this.pass()
    const next = (this.running ?? Promise.resolve()).then(run, run)
    this.running = next
    return next
  }

  private async pass(): Promise<MailRun> {
    const result: MailRun = { queued: 0, digests: 0, sent: 0, retried: 0, failed: 0 }
    if (!this.enabled) return result
    const env = serviceEnv(this.clock, this.config)
    for (;;) {
      const c = await collectNotifications(this.db, env)
      result.queued += c.queued
      if (c.queued + c.digest + c.skipped < 500) break
    }
    result.digests = (await collectDigests(this.db, env)).digests
    for (;;) {
      const claimed = await this.claim(env.now)
      for (const mail of claimed) result[await this.send(mail, env.now)]++
      if (claimed.length < CLAIM) break
    }
    if (result.sent + result.failed + result.retried) this.log?.info({ mail: result }, 'mail sent')
    return result
  }

  private claim(now: Date): Promise<MailOutboxRow[]> {
    return queryRows<MailOutboxRow>(
      this.db,
      sql`update mail_outbox set status = 'sending', attempts = attempts + 1, locked_until = now() + ${LEASE}::interval
          where id in (
            select id from mail_outbox
            where (status = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz)
               or (status = 'sending' and locked_until < now())
            order by next_attempt_at
            limit ${CLAIM}
            for update skip locked)
          returning id, to_address as "toAddress", subject, text, html, attempts`,
    )
  }

  private async send(mail: Pick<MailOutboxRow, 'id' | 'toAddress' | 'subject' | 'text' | 'html' | 'attempts'>, now: Date): Promise<'sent' | 'retried' | 'failed'> {
    try {
      this.transport ??= nodemailer.createTransport({
        url: this.config.smtpUrl!,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      } as Parameters<typeof nodemailer.createTransport>[0])
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@qms-tracker>`,
      })
      await this.db.execute(sql`update mail_outbox set status = 'sent', sent_at = ${now.toISOString()}::timestamptz, locked_until = null, last_error = null where id = ${mail.id}`)
      return 'sent'
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000)
      const permanent = code !== undefined && code >= 500 && code < 600
      if (permanent || mail.attempts >= this.config.mailMaxAttempts) {
        await this.db.execute(sql`update mail_outbox set status = 'failed', locked_until = null, last_error = ${error} where id = ${mail.id}`)
        this.log?.warn({ mailId: mail.id, error }, 'mail failed for good')
        return 'failed'
      }
      const waitSeconds = Math.min(this.config.mailRetrySeconds * 2 ** (mail.attempts - 1), 3600)
      const next = new Date(now.getTime() + waitSeconds * 1000)
      await this.db.execute(
        sql`update mail_outbox set status = 'queued', locked_until = null, last_error = ${error}, next_attempt_at = ${next.toISOString()}::timestamptz where id = ${mail.id}`,
      )
      return 'retried'
    }
  }
}
