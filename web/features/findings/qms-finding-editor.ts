import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { Finding, Nonconformity, User } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { todayIso, formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { CATEGORIES, categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { indentedName, loadActiveUsers, loadAllOrgUnits } from '../../api/loaders.ts'
import { CLASSIFICATIONS, classificationLabel, findingStatusLabel, handlingLabel, SETTABLE_HANDLINGS } from './finding-labels.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Records a finding raised directly, or changes one: classification, how it
 * was handled, description, open / closed.
 * @event qms-navigate - detail `{ to }`: back to the list after saving
 */
@customElement('qms-finding-editor')
@localized()
export class QmsFindingEditor extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The finding to edit; unset to record a new one. */
  @property() findingId?: string
  private readonly session = new SessionController(this)
  private readonly form = new FormController(this)
  @state() private unitId = ''
  private readonly raise = new FormController(this)

  private readonly finding = new Task(this, {
    task: ([id], { signal }) => (id ? get<Finding>(`/api/findings/${id}`, { signal }) : Promise.resolve(null)),
    args: () => [this.findingId] as const,
  })
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly people = new Task(this, {
    task: ([unitId], { signal }): Promise<User[]> => (unitId ? loadActiveUsers(unitId, signal) : Promise.resolve([])),
    args: () => [this.unitId] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const finding = this.finding.value
    const common = {
      classification: text('classification'),
      // A disabled select (nonconformity raised) sends nothing: leave the handling as it is.
      ...(data.has('handling') ? { handling: text('handling') || null } : {}),
      description: text('description'),
    }
    // After a save the finding stays on screen, "raise a nonconformity" below it.
    await this.form.run(
      async () => {
        if (finding) {
          await patch<Finding>(`/api/findings/${finding.id}`, { ...common, status: text('status') }, { ifMatch: finding.version })
          // Read again: the raise form needs the new version.
          await this.finding.run()
        } else {
          const created = await post<Finding>('/api/findings', {
            ...common,
            orgUnitId: text('orgUnitId'),
            personId: text('personId') || null,
            category: text('category'),
            foundOn: text('foundOn') || undefined,
          })
          this.form.navigate(`/findings/${created.id}`, { replace: true })
        }
      },
      { success: msg('Saved.', { id: 'common.saved' }) },
    )
  }

  private async handleRaise(event: SubmitEvent) {
    event.preventDefault()
    const finding = this.finding.value
    if (!finding) return
    const data = new FormData(event.target as HTMLFormElement)
    await this.raise.run(async () => {
      const nc = await post<Nonconformity>(`/api/findings/${finding.id}/raise-nc`, { severity: String(data.get('severity')) }, { ifMatch: finding.version })
      this.raise.navigate(`/nonconformities/${nc.id}`)
    })
  }

  private renderRaise(finding: Finding) {
    if (finding.nonconformityId) {
      return html`<div class="card" role="status"><p>${msg('A nonconformity was raised from this finding.', { id: 'findings.ncRaised' })}
        <a href=${`/nonconformities/${finding.nonconformityId}`}>${msg('Open the nonconformity', { id: 'findings.openNc' })}</a></p></div>`
    }
    if (!this.session.can('nonconformity.create')) return nothing
    return html`<form class="card" @submit=${this.handleRaise} novalidate>
      <h2>${msg('Raise a nonconformity', { id: 'findings.raiseNc' })}</h2>
      <p class="muted">${msg('Track the correction and corrective action under ISO 9001 clause 10.2. The finding is linked and its handling becomes “nonconformity raised”.', { id: 'findings.raiseNcHint' })}</p>
      <div class="field">
        <label for="severity">${msg('Severity', { id: 'findings.severity' })}</label>
        <select id="severity" name="severity">
          <option value="minor" ?selected=${finding.classification !== 'major_nc'}>${msg('Minor', { id: 'findings.severityMinor' })}</option>
          <option value="major" ?selected=${finding.classification === 'major_nc'}>${msg('Major', { id: 'findings.severityMajor' })}</option>
        </select>
      </div>
      ${this.raise.error ? html`<div class="form-error" role="alert">${this.raise.error.problem.detail}</div>` : nothing}
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy || this.raise.busy}>${msg('Raise a nonconformity', { id: 'findings.raiseNc' })}</button></div>
    </form>`
  }

  override render() {
    return html`<p><a href="/findings">${msg('← All findings', { id: 'findings.back' })}</a></p>
      ${this.finding.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (finding) => this.renderForm(finding),
        error: () => html`<p role="alert">${msg('Finding not found, or you may not see it.', { id: 'findings.notFound' })}</p>`,
      })}`
  }

  private renderForm(finding: Finding | null) {
    const mayWrite = this.session.can('finding.write')
    return html`<h1>${finding ? msg('Finding', { id: 'findings.one' }) : msg('Record a finding', { id: 'findings.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${finding
          ? html`<p>
              <strong>${finding.person?.fullName ?? finding.orgUnit.name}</strong>${finding.person ? html` — ${finding.orgUnit.name}` : nothing}<br />
              ${formatDate(finding.foundOn)} · ${categoryLabel(finding.category)}
              ${finding.inspectionId ? html` · <a href=${`/inspections/${finding.inspectionId}`}>${finding.inspectionNumber}</a>` : nothing}
              ${finding.clauseNumbers.length ? html` · ISO ${finding.clauseNumbers.join(', ')}` : nothing}
            </p>`
          : html`<div class="grid-2">
              ${this.form.field('orgUnitId', msg('Unit', { id: 'inspections.unit' }), html`<select id="orgUnitId" name="orgUnitId" @change=${(e: Event) => (this.unitId = (e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                ${(this.units.value ?? []).filter((u) => u.active).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
              </select>`)}
              ${this.form.field('personId', msg('Person', { id: 'findings.person' }), html`<select id="personId" name="personId">
                <option value="">${msg('— None —', { id: 'common.none' })}</option>
                ${(this.people.value ?? []).map((u) => html`<option value=${u.id}>${u.fullName}</option>`)}
              </select>`)}
              ${this.form.field('category', msg('Criterion', { id: 'inspections.criterion' }), html`<select id="category" name="category">
                ${CATEGORIES.map((c) => html`<option value=${c}>${categoryLabel(c)}</option>`)}
              </select>`)}
              ${this.form.field('foundOn', msg('Date', { id: 'inspections.date' }), html`<qms-date-input field-id="foundOn" name="foundOn" .value=${todayIso()}></qms-date-input>`)}
            </div>`}
        <div class="grid-2">
          ${this.form.field('classification', msg('Classification', { id: 'findings.classification' }), html`<select id="classification" name="classification">
            ${CLASSIFICATIONS.map((c) => html`<option value=${c} ?selected=${(finding?.classification ?? 'observation') === c}>${classificationLabel(c)}</option>`)}
          </select>`)}
          ${this.form.field('handling', msg('Handling', { id: 'findings.handling' }), finding?.nonconformityId
            ? html`<select id="handling" name="handling" disabled><option value="nc_raised" selected>${handlingLabel('nc_raised')}</option></select>`
            : html`<select id="handling" name="handling">
                <option value="" ?selected=${!finding?.handling}>${handlingLabel(null)}</option>
                ${SETTABLE_HANDLINGS.map((h) => html`<option value=${h} ?selected=${finding?.handling === h}>${handlingLabel(h)}</option>`)}
              </select>`)}
          ${finding
            ? this.form.field('status', msg('Status', { id: 'common.status' }), html`<select id="status" name="status">
                ${(['open', 'closed'] as const).map((s) => html`<option value=${s} ?selected=${finding.status === s}>${findingStatusLabel(s)}</option>`)}
              </select>`)
            : nothing}
        </div>
        ${this.form.field('description', msg('Description', { id: 'findings.description' }), html`<textarea id="description" name="description" .value=${finding?.description ?? ''}></textarea>`)}
        ${this.form.renderError()}
        ${mayWrite
          ? html`<div class="actions">
              <button class="primary" type="submit" ?disabled=${this.form.busy || this.raise.busy}>${msg('Save', { id: 'common.save' })}</button>
              <a class="button" href="/findings">${msg('Cancel', { id: 'common.cancel' })}</a>
            </div>`
          : nothing}
      </form>
      ${finding ? html`<br />${this.renderRaise(finding)}` : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-finding-editor': QmsFindingEditor
  }
}
