import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { PlanTask } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import { taskStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import type { TaskPrefill } from './qms-plan-task-form.ts'

/** Where "Tạo nhiệm vụ cải cách" leads: the new-task page, prefilled from the record. */
export function newTaskHref(prefill: TaskPrefill): string {
  const q = new URLSearchParams(Object.entries(prefill).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  return `/plan-tasks/new?${q}`
}

/**
 * @summary The reform tasks raised from one record (a nonconformity…) that the reader
 * sees, each linked with its plan and status, and for managers the link that raises
 * another ("Tạo nhiệm vụ cải cách"), prefilled from the record.
 */
@customElement('qms-plan-source-tasks')
@localized()
export class QmsPlanSourceTasks extends LitElement {
  static override styles = [pageStyles, buttonStyles, planStyles]

  /** The record: its kind, id, and what a new task starts from. */
  @property({ attribute: false }) prefill: TaskPrefill = {}
  private readonly session = new SessionController(this)

  private readonly tasks = new Task(this, {
    task: ([source, sourceId], { signal }) =>
      source && sourceId && this.session.can('plan.read')
        ? get<{ items: PlanTask[] }>('/api/plan-tasks', { query: { source, sourceId, limit: 100 }, signal }).then((r) => r.items)
        : Promise.resolve([]),
    args: () => [this.prefill.source, this.prefill.sourceId] as const,
  })

  override render() {
    const items = this.tasks.value ?? []
    return html`${items.length
        ? html`<ul class="cards" data-testid="raised-tasks">${items.map(
            (t) => html`<li>
              <a href=${`/plans/${t.planId}/tasks/${t.id}`}>${msg(str`Task ${t.position} of plan ${t.plan.number}`, { id: 'plans.raisedTask' })}</a>
              <span>${t.content}</span>
              <span class="meta"><span class=${`badge status-${t.status}`}>${taskStatusLabel(t.status)}</span> · ${formatDate(t.deadline)}</span>
            </li>`,
          )}</ul>`
        : nothing}
      ${this.session.can('plan.write') ? html`<p><a class="button" href=${newTaskHref(this.prefill)}>${msg('New reform task', { id: 'plans.newTask' })}</a></p>` : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-source-tasks': QmsPlanSourceTasks
  }
}
