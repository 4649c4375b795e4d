import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { getAll } from '../../api/client.ts'
import type { InspectionSummary } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { addDaysIso, formatDate, todayIso } from '../../i18n/localization.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import { kindLabel } from './inspection-labels.ts'

/**
 * @summary The auditor's day on the start page: the open inspections the user leads or is
 * on the team of — overdue, today and the rest of the week — each with Perform one tap
 * away. Dates are the agency's (todayIso).
 */
@customElement('qms-auditor-day')
@localized()
export class QmsAuditorDay extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    css`
      ul { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; }
      li { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.6rem 0.75rem; border: 1px solid var(--border, #d0d7de); border-radius: 6px; background: var(--surface, #fff); }
      .what { min-width: 0; flex: 1 1 12rem; }
      .what a { font-weight: 600; }
      .muted { color: var(--muted, #57606a); }
      .overdue h3 { color: var(--danger, #b42318); }
      h3 { font-size: 1rem; margin: 0.75rem 0 0.4rem; }
      .perform { white-space: nowrap; }
    `,
  ]

  private readonly session = new SessionController(this)

  private readonly work = new Task(this, {
    args: () => [this.session.info?.user.id] as const,
    task: async ([me], { signal }) => {
      if (!me) return [] as InspectionSummary[]
      const to = addDaysIso(todayIso(), 6)
      const pages = await Promise.all(['planned', 'in_progress'].map((status) => getAll<InspectionSummary>('/api/inspections', { status, to, assignedTo: me }, { signal })))
      return pages.flat()
    },
  })

  override render() {
    return html`<section class="card" aria-labelledby="my-day">
      <h2 id="my-day">${msg('My inspections', { id: 'auditorDay.title' })}</h2>
      ${this.work.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
        complete: (items) => this.renderGroups(items),
      })}
    </section>`
  }

  private renderGroups(items: readonly InspectionSummary[]) {
    const today = todayIso()
    const byDate = (a: InspectionSummary, b: InspectionSummary) => a.plannedFor.localeCompare(b.plannedFor) || a.number.localeCompare(b.number)
    const overdue = items.filter((i) => i.plannedFor < today).sort(byDate)
    const now = items.filter((i) => i.plannedFor === today).sort(byDate)
    const week = items.filter((i) => i.plannedFor > today).sort(byDate)
    if (!items.length) return html`<p class="muted">${msg('No open inspection for you this week.', { id: 'auditorDay.none' })}</p>`
    return html`
      ${overdue.length ? html`<div class="overdue">${this.renderGroup(msg(str`Overdue (${overdue.length})`, { id: 'auditorDay.overdue' }), overdue)}</div>` : nothing}
      ${this.renderGroup(msg(str`Today (${now.length})`, { id: 'auditorDay.today' }), now)}
      ${week.length ? this.renderGroup(msg(str`This week (${week.length})`, { id: 'auditorDay.week' }), week) : nothing}
    `
  }

  private renderGroup(title: string, items: InspectionSummary[]) {
    return html`<h3>${title}</h3>
      ${items.length
        ? html`<ul>
            ${items.map(
              (i) => html`<li>
                <span class="what"><a href=${`/inspections/${i.id}`}>${i.number}</a> · ${i.orgUnit.name}<br />
                  <span class="muted">${kindLabel(i.kind)} · ${formatDate(i.plannedFor)}</span></span>
                <a class="button primary perform" href=${`/inspections/${i.id}/perform`}>${msg('Perform', { id: 'auditorDay.perform' })}</a>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${msg('Nothing planned.', { id: 'auditorDay.nothing' })}</p>`}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-auditor-day': QmsAuditorDay
  }
}
