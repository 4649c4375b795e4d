import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { pageStyles } from '../../styles/shared.ts'
import './qms-plan-task-list.ts'

/**
 * @summary Every plan's tasks the reader sees, by deadline and grouped by reform area,
 * with the filters of the address (e.g. `?overdue=true` from a reminder).
 */
@customElement('qms-plan-tasks-page')
@localized()
export class QmsPlanTasksPage extends LitElement {
  static override styles = [pageStyles]

  @property({ attribute: false }) query?: URLSearchParams

  override render() {
    return html`<p><a href="/plans">${msg('← All plans', { id: 'plans.backToList' })}</a></p>
      <h1>${msg('Plan tasks', { id: 'plans.tasksTitle' })}</h1>
      <qms-plan-task-list .query=${this.query}></qms-plan-task-list>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-tasks-page': QmsPlanTasksPage
  }
}
