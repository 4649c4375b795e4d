import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import type { Plan } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import { planKindLabel, planStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import './qms-plan-progress.ts'

/**
 * @summary The administrative-reform plans, newest year first, each with how far its
 * tasks have come; links to every plan's tasks and, for managers, to a new plan.
 */
@customElement('qms-plans-page')
@localized()
export class QmsPlansPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, planStyles]

  private readonly session = new SessionController(this)
  private readonly plans = new PagedList<Plan>(this, '/api/plans', () => ({}))

  override render() {
    return html`<h1>${msg('Reform plans', { id: 'plans.title' })}</h1>
      <p class="lead">${msg('The yearly administrative-reform plan and its tasks by reform area: who leads them, by when, and how far they have come.', { id: 'plans.lead' })}</p>
      <div class="actions toolbar">
        <a class="button" href="/plan-tasks">${msg('All tasks', { id: 'plans.allTasks' })}</a>
        <a class="button" href="/plan-tasks?overdue=true">${msg('Overdue tasks', { id: 'plans.overdueTasks' })}</a>
        ${this.session.can('plan.areas') ? html`<a class="button" href="/plan-areas">${msg('Reform areas', { id: 'plans.areas.title' })}</a>` : nothing}
        ${this.session.can('plan.write') ? html`<a class="button primary" href="/plans/new">${msg('New plan', { id: 'plans.new' })}</a>` : nothing}
      </div>
      ${this.plans.render(
        (items) => html`<ul class="cards">
          ${items.map(
            (p) => html`<li>
              <a class="content" href=${`/plans/${p.id}`}>${msg(str`Plan ${p.number} of ${formatDate(p.issuedOn)}`, { id: 'plans.numberDate' })}</a>
              <span>${p.title}</span>
              <span class="meta">${planKindLabel(p.kind)} · ${p.year} · <span class="badge status-in_progress">${planStatusLabel(p.status)}</span></span>
              <qms-plan-progress .counts=${p.counts}></qms-plan-progress>
            </li>`,
          )}
        </ul>`,
        msg('No plans yet.', { id: 'plans.empty' }),
      )}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plans-page': QmsPlansPage
  }
}
