import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch } from '../../api/client.ts'
import type { Risk, RiskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { kindLabel, levelLabel, statusLabel } from './risk-labels.ts'
import { riskStyles } from './risk-styles.ts'
import './qms-risk-actions.ts'
import './qms-risk-assessments.ts'

/** The status moves a risk's `allowedActions` may offer, and the status each leads to. */
const MOVES = [
  ['treat', 'treated'],
  ['accept', 'accepted'],
  ['close', 'closed'],
  ['reopen', 'open'],
] as const satisfies readonly (readonly [Risk['allowedActions'][number], Risk['status']])[]

/**
 * @summary One risk or opportunity: what, where, cause and effect, its current score and
 * level, status and review date; its assessments (and re-assessing it) and its treatment
 * actions (adding and completing them); the status moves the reader may make.
 */
@customElement('qms-risk-page')
@localized()
export class QmsRiskPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, riskStyles]

  @property() riskId = ''
  @state() private risk?: RiskDetail
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.risk = await get<RiskDetail>(`/api/risks/${id}`, { signal })
      return this.risk
    },
    args: () => [this.riskId] as const,
  })

  private moveLabel(status: Risk['status']) {
    switch (status) {
      case 'treated':
        return msg('Mark as treated', { id: 'risks.move.treat' })
      case 'accepted':
        return msg('Accept the risk', { id: 'risks.move.accept' })
      case 'closed':
        return msg('Close', { id: 'risks.move.close' })
      case 'open':
        return msg('Reopen', { id: 'risks.move.reopen' })
    }
  }

  private async move(status: Risk['status']) {
    const risk = this.risk!
    await this.form.run(async () => {
      this.risk = await patch<RiskDetail>(`/api/risks/${risk.id}`, { status }, { ifMatch: risk.version })
    })
  }

  override render() {
    return html`<p><a href="/risks">${msg('← All risks and opportunities', { id: 'risks.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.risk ? this.renderRisk(this.risk) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.risk ? this.renderRisk(this.risk) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderRisk(r: RiskDetail) {
    const moves = MOVES.filter(([op]) => r.allowedActions.includes(op))
    return html`<h1><span class="code">${r.code}</span> ${r.title}</h1>
      <div class="card">
        <dl class="facts">
          <dt>${msg('Kind', { id: 'risks.kind' })}</dt><dd>${kindLabel(r.kind)}</dd>
          <dt>${msg('Unit', { id: 'risks.unit' })}</dt><dd>${r.orgUnit?.name ?? '—'}</dd>
          <dt>${msg('Process', { id: 'risks.process' })}</dt><dd>${r.process ?? '—'}</dd>
          <dt>${msg('Cause', { id: 'risks.cause' })}</dt><dd>${r.cause}</dd>
          <dt>${msg('Effect', { id: 'risks.effect' })}</dt><dd>${r.effect}</dd>
          <dt>${msg('Score', { id: 'risks.score' })}</dt>
          <dd><span class=${`badge level-${r.level}`} data-testid="risk-score">${r.likelihood}×${r.impact} = ${r.score} · ${levelLabel(r.level)}</span></dd>
          <dt>${msg('Status', { id: 'common.status' })}</dt><dd><span class="badge status" data-testid="risk-status">${statusLabel(r.status)}</span></dd>
          <dt>${msg('Review date', { id: 'risks.reviewDate' })}</dt>
          <dd>${r.reviewDate ? formatDate(r.reviewDate) : '—'} ${r.reviewDue ? html`<span class="badge due">${msg('due', { id: 'risks.reviewDue' })}</span>` : nothing}</dd>
          <dt>${msg('Owner', { id: 'risks.owner' })}</dt><dd>${r.owner.fullName}</dd>
        </dl>
        ${moves.length
          ? html`<div class="actions">${moves.map(([, status]) => html`<button ?disabled=${this.form.busy} @click=${() => this.move(status)}>${this.moveLabel(status)}</button>`)}</div>`
          : nothing}
        ${this.form.renderError()}
        ${this.form.message('status') ? html`<div class="form-error" role="alert">${this.form.error?.problem.detail}</div>` : nothing}
      </div>
      <h2>${msg('Assessments', { id: 'risks.assessments' })}</h2>
      <qms-risk-assessments .risk=${r} @qms-changed=${() => this.loader.run()}></qms-risk-assessments>
      <h2>${msg('Treatment actions', { id: 'risks.actions' })}</h2>
      <qms-risk-actions riskId=${r.id} .actions=${r.actions} ?canAdd=${r.allowedActions.includes('add-action')} @qms-changed=${() => this.loader.run()}></qms-risk-actions>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risk-page': QmsRiskPage
  }
}
