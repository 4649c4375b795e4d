import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PlanTaskDetail } from '../../api/types.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import type { TaskPrefill } from './qms-plan-task-form.ts'
import './qms-plan-task-form.ts'

const SOURCES = ['nonconformity', 'objective', 'par_criterion'] as const

/**
 * @summary A reform task raised from another record (a nonconformity, an off-target
 * period of a quality objective): the plan is chosen, the form starts from what the
 * record says (`?source=&sourceId=&content=&leadUnitId=&deadline=`); saved, the task's page opens.
 * @event qms-navigate - detail `{ to }`: the new task's page, or back where the reader came from
 */
@customElement('qms-plan-task-new-page')
@localized()
export class QmsPlanTaskNewPage extends LitElement {
  static override styles = [pageStyles, buttonStyles]

  @property({ attribute: false }) query = new URLSearchParams()

  private get prefill(): TaskPrefill {
    const q = this.query
    const source = SOURCES.find((s) => s === q.get('source'))
    return { source, sourceId: source ? (q.get('sourceId') ?? undefined) : undefined, content: q.get('content') ?? undefined, leadUnitId: q.get('leadUnitId') ?? undefined, deadline: q.get('deadline') ?? undefined }
  }

  private navigate(to: string) {
    this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to }, bubbles: true, composed: true }))
  }

  override render() {
    return html`<h1>${msg('New reform task', { id: 'plans.newTask' })}</h1>
      <qms-plan-task-form .prefill=${this.prefill}
        @qms-changed=${(e: CustomEvent<PlanTaskDetail>) => this.navigate(`/plans/${e.detail.planId}/tasks/${e.detail.id}`)}
        @qms-cancel=${() => history.back()}></qms-plan-task-form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-task-new-page': QmsPlanTaskNewPage
  }
}
