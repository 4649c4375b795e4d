/**
 * What a mail says, in the recipient's language: the server composes every mail with
 * these (server/modules/mail/compose.ts), passing the recipient's `Wording`, so mails
 * use the same localisation layer and the same notification texts as the app.
 */
import { str } from '@lit/localize'
import type { Wording } from '../notifications/notification-text.ts'

export interface MailItem {
  /** The notification's text, already worded. */
  text: string
  /** Absolute link to the item in the app. */
  url: string | null
}

export interface MailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Subjects stay on one line and short enough for a phone's inbox. */
const subjectLine = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim()
  return line.length > 140 ? `${line.slice(0, 139)}…` : line
}

function frame(w: Wording, fullName: string, settingsUrl: string, bodyText: string[], bodyHtml: string[]) {
  const { msg } = w
  const greeting = msg(str`Dear ${fullName},`, { id: 'mail.greeting' })
  const footer = msg('This mail was sent by QMS Tracker. To choose which mails you receive, open:', { id: 'mail.footer' })
  return {
    text: [greeting, '', ...bodyText, '', '--', footer, settingsUrl, ''].join('\n'),
    html: [
      '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
      `<p>${escapeHtml(greeting)}</p>`,
      ...bodyHtml,
      `<hr style="border:none;border-top:1px solid #ccc"><p style="font-size:13px;color:#555">${escapeHtml(footer)} <a href="${escapeHtml(settingsUrl)}">${escapeHtml(settingsUrl)}</a></p>`,
      '</body></html>',
    ].join('\n'),
  }
}

/** One notification, mailed at once. */
export function notificationMail(w: Wording, fullName: string, item: MailItem, settingsUrl: string): MailContent {
  const open = w.msg('Open in QMS Tracker', { id: 'mail.open' })
  const { text, html } = frame(
    w,
    fullName,
    settingsUrl,
    [item.text, ...(item.url ? ['', `${open}: ${item.url}`] : [])],
    [`<p>${escapeHtml(item.text)}</p>`, ...(item.url ? [`<p><a href="${escapeHtml(item.url)}">${escapeHtml(open)}</a></p>`] : [])],
  )
  return { subject: subjectLine(`QMS Tracker: ${item.text}`), text, html }
}

/** The day's digest: every notification the person chose to read once a day. */
export function digestMail(w: Wording, fullName: string, day: string, items: MailItem[], settingsUrl: string): MailContent {
  const { msg } = w
  const count = items.length
  const date = w.date(day)
  const subject = msg(str`QMS Tracker: ${count} notifications for ${date}`, { id: 'mail.digestSubject' })
  const intro = msg('Since the last digest:', { id: 'mail.digestIntro' })
  const { text, html } = frame(
    w,
    fullName,
    settingsUrl,
    [intro, '', ...items.flatMap((i) => [`- ${i.text}`, ...(i.url ? [`  ${i.url}`] : [])])],
    [
      `<p>${escapeHtml(intro)}</p>`,
      '<ul>',
      ...items.map((i) => `<li>${i.url ? `<a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a>` : escapeHtml(i.text)}</li>`),
      '</ul>',
    ],
  )
  return { subject: subjectLine(subject), text, html }
}
