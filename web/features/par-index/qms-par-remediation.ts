import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits, loadOpenPlans } from '../../api/loaders.ts'
import type { PlanArea, PlanTask, Remediation } from '../../api/types.ts'
import { describeFieldError } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { areaName, taskStatusLabel } from '../plans/plan-labels.ts'
import { points } from './par-labels.ts'
import { parStyles } from './par-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary The points lost per criterion of a year (most first) and the remediation plan
 * they lead to: each criterion's reform tasks (linked, with their status); managers tick
 * criteria, choose a plan, area, lead unit and deadline, and create one task per criterion
 * in one go ("Lập kế hoạch khắc phục"), then follow the links to them.
 */
@customElement('qms-par-remediation')
@localized()
export class QmsParRemediation extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, parStyles]

  @property() assessmentId = ''
  /** The assessment's version: a new score reloads the list. */
  @property({ type: Number }) version = 0
  @state() private planning = false
  /** The tasks just created, linked under the list. */
  @state() private created: PlanTask[] = []
  /** The criteria of the last request, in its order: a refusal names them by index. */
  private sent: string[] = []
  private readonly session = new SessionController(this)
  private readonly form = new FormController(this)

  private readonly remediation = new Task(this, {
    task: ([id], { signal }) => get<Remediation>(`/api/par-index/assessments/${id}/remediation`, { signal }),
    args: () => [this.assessmentId, this.version] as const,
  })
  private readonly choices = new Task(this, {
    task: async ([open], { signal }) =>
      open
        ? Promise.all([loadOpenPlans(signal), get<{ items: PlanArea[] }>('/api/plan-areas', { signal }).then((r) => r.items.filter((a) => a.active)), loadAllOrgUnits(signal)])
        : undefined,
    args: () => [this.planning] as const,
  })

  private async handleSubmit(event: SubmitEvent, r: Remediation) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const chosen = data.getAll('criterionId').map(String)
    this.sent = chosen
    const body = { assessmentId: r.assessmentId, areaId: text('areaId'), leadUnitId: text('leadUnitId'), deadline: text('deadline') || undefined, items: chosen.map((criterionId) => ({ criterionId })) }
    const done = await this.form.run(() => post<{ items: PlanTask[] }>(`/api/plans/${text('planId')}/remediation-tasks`, body), {
      success: msg(str`${chosen.length} remediation task(s) created.`, { id: 'par.remediation.created' }),
    })
    if (done) {
      this.created = done.items
      this.planning = false
      void this.remediation.run()
    }
  }

  override render() {
    return html`<h2>${msg('Points lost by criterion', { id: 'par.lostByCriterion' })}</h2>
      <p class="meta">${msg('Most points lost first (appraised score, else self score): the starting point of the remediation plan.', { id: 'par.lostLead' })}</p>
      ${this.remediation.render({
        pending: () => (this.remediation.value ? this.renderList(this.remediation.value) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (r) => this.renderList(r),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderList(r: Remediation) {
    if (!r.items.length) return html`<p class="muted">${msg('No points lost so far.', { id: 'par.noneLost' })}</p>`
    const choosing = this.planning
    const list = html`<ol class="tree" data-testid="par-lost-list">${r.items.map(
      (c) => html`<li class="node">
        ${choosing
          ? html`<label class="check"><input type="checkbox" name="criterionId" value=${c.criterionId} ?checked=${!c.tasks.length} /><span class="code">${c.code}</span></label>`
          : html`<span class="code">${c.code}</span>`}
        ${c.title}: <span class="badge lost">−${points(c.pointsLost)}</span>
        ${c.tasks.map(
          (t) => html`<p class="meta" data-testid="remediation-task"><a href=${`/plans/${t.planId}/tasks/${t.id}`}>${msg(str`Task ${t.position} of plan ${t.planNumber}`, { id: 'plans.raisedTask' })}</a>
            · ${taskStatusLabel(t.status)} · ${formatDate(t.deadline)}</p>`,
        )}
      </li>`,
    )}</ol>`
    if (!this.session.can('plan.write')) return list
    if (!choosing) {
      return html`${list}
        ${this.created.length
          ? html`<div class="card" role="status" data-testid="remediation-created">
              ${msg('Tasks created:', { id: 'par.remediation.createdList' })}
              ${this.created.map((t) => html` <a href=${`/plans/${t.planId}/tasks/${t.id}`}>${msg(str`Task ${t.position} of plan ${t.plan.number}`, { id: 'plans.raisedTask' })}</a>`)}
            </div>`
          : nothing}
        <div class="actions"><button class="primary" @click=${() => ((this.planning = true), (this.created = []), this.form.clear())}>${msg('Plan the remediation', { id: 'par.remediation.open' })}</button></div>`
    }
    const [plans, areas, units] = this.choices.value ?? [[], [], []]
    const itemErrors = (this.form.error?.problem.errors ?? [])
      .map((e) => ({ e, i: Number(/^items\.(\d+)\./.exec(e.path)?.[1]) }))
      .filter(({ i }) => !Number.isNaN(i))
    return html`<form @submit=${(e: SubmitEvent) => this.handleSubmit(e, r)} novalidate>
      <p class="meta">${msg('Tick the criteria to take up: one task each, worded from the criterion.', { id: 'par.remediation.tick' })}</p>
      ${list}
      <div class="card">
        ${this.form.field('planId', msg('Plan', { id: 'plans.plan' }),
          html`<select id="planId" name="planId">${plans.map((p) => html`<option value=${p.id}>${p.number} (${formatDate(p.issuedOn)}) — ${p.title}</option>`)}</select>`,
          msg('A remediation plan (kind “other”) is recorded on the plans page first.', { id: 'par.remediation.planHint' }))}
        <div class="grid-2">
          ${this.form.field('areaId', msg('Reform area', { id: 'plans.area' }), html`<select id="areaId" name="areaId">${areas.map((a) => html`<option value=${a.id}>${areaName(a)}</option>`)}</select>`)}
          ${this.form.field('leadUnitId', msg('Lead unit', { id: 'plans.leadUnit' }), html`<select id="leadUnitId" name="leadUnitId">${units.map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}</select>`)}
        </div>
        ${this.form.field('deadline', msg('Deadline', { id: 'plans.deadline' }),
          html`<qms-date-input field-id="deadline" name="deadline" invalid=${this.form.invalid('deadline')} describedby="deadline-error"></qms-date-input>`)}
        ${this.form.error && (this.form.error.problem.errors?.length ?? 0) > 0
          ? html`<div class="form-error" role="alert">${this.form.problemText()}
              <ul>${itemErrors.map(({ e, i }) => html`<li>${r.items.find((c) => c.criterionId === this.sent[i])?.code ?? ''}: ${describeFieldError(e)}</li>`)}</ul></div>`
          : this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Create the tasks', { id: 'par.remediation.create' })}</button>
          <button type="button" @click=${() => ((this.planning = false), this.form.clear())}>${msg('Cancel', { id: 'common.cancel' })}</button>
        </div>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-par-remediation': QmsParRemediation
  }
}
