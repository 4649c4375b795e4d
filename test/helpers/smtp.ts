/**
 * A real SMTP server on loopback for mail tests (smtp-server), keeping every message it
 * accepted, parsed (mailparser). `failWith(421)` makes it refuse mail until `failWith(null)`.
 */
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string
  subject: string
  text: string
  html: string
  messageId: string
}

export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  let failure: number | null = null
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (failure === null) return callback()
      const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: failure })
      callback(err)
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
          })
          callback()
        },
        (err) => callback(err),
      )
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Mails to one address. */
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    failWith(code: number | null) {
      failure = code
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
