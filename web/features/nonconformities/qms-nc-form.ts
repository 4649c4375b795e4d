import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { NcSource, Nonconformity } from '../../api/types.ts'
import { clauseErrors } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { formField } from '../../app/form-field.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { NC_SOURCES, sourceLabel } from './nc-labels.ts'
import '../../app/qms-clause-picker.ts'
import '../../app/qms-date-input.ts'
import './qms-nc-source-picker.ts'
import type { SourceRecord } from './qms-nc-source-picker.ts'

const NO_CLAUSES: readonly string[] = []

/**
 * @summary Raises a nonconformity, or changes one. A head of unit changing an NC someone
 * else raised sees the containment only (the server allows no more).
 * @event qms-navigate - detail `{ to }`: the NC page after saving
 */
@customElement('qms-nc-form')
@localized()
export class QmsNcForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The NC to change; unset to raise a new one. */
  @property() ncId?: string
  private readonly form = new FormController(this)
  private readonly session = new SessionController(this)
  /** A new NC's source, and the record it comes from (picked in qms-nc-source-picker). */
  @state() private source: NcSource = NC_SOURCES[0]
  @state() private record: SourceRecord | null = null
  /** The clauses of the finding picked as the source, given to the clause picker. */
  @state() private findingClauses?: string[]
  /** What picking a record wrote into each field: replaced by the next pick, never what the user typed. */
  private filled = new Map<string, string>()

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly nc = new Task(this, {
    task: ([id], { signal }) => (id ? get<Nonconformity>(`/api/nonconformities/${id}`, { signal }) : Promise.resolve(null)),
    args: () => [this.ncId] as const,
  })

  /** Auditors, managers and whoever raised it change every field; a head of unit the containment. */
  private fullEditor(nc: Nonconformity | null): boolean {
    const user = this.session.info?.user
    if (!nc || !user) return true
    return user.roles.some((r) => r === 'auditor' || r === 'manager') || nc.createdBy?.id === user.id
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const nc = this.nc.value ?? null
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    let body: Record<string, unknown>
    if (!this.fullEditor(nc)) {
      body = { containment: text('containment') || null }
    } else {
      body = {
        title: text('title'),
        description: text('description'),
        severity: text('severity'),
        clauseNumbers: (this.sentClauses = data.getAll('clauseNumbers').map(String)),
        containment: text('containment') || null,
      }
      if (text('detectedOn')) body.detectedOn = text('detectedOn')
      if (text('dueDate')) body.dueDate = text('dueDate')
      if (!nc || nc.status === 'draft') body.orgUnitId = text('orgUnitId')
      if (!nc) {
        body.source = text('source')
        if (text('sourceId')) body.sourceId = text('sourceId')
      }
    }
    const record = this.record
    await this.form.run(async () => {
      const saved = nc
        ? await patch<Nonconformity>(`/api/nonconformities/${nc.id}`, body, { ifMatch: nc.version })
        : record && body.source === 'finding'
          ? // Raised from the finding, as its own page does: the finding is linked and marked "NC raised".
            await post<Nonconformity>(`/api/findings/${record.id}/raise-nc`, raiseBody(body), { ifMatch: record.version })
          : await post<Nonconformity>('/api/nonconformities', body)
      this.form.navigate(`/nonconformities/${saved.id}`)
    })
  }

  /**
   * Fills in what the picked record knows: its unit (an NC of a finding, a dossier or a
   * complaint is the record's unit), a title (a finding's, a late dossier's), and for a
   * finding its clauses, description, severity and date. A field the user has typed in
   * keeps what was typed.
   */
  private handleRecord(event: CustomEvent<SourceRecord | null>) {
    const record = (this.record = event.detail)
    if (!record) return
    const form = this.renderRoot.querySelector('form')
    if (!form) return
    const fill = (name: string, value: string | undefined, always = false) => {
      const el = form.querySelector<HTMLInputElement>(`[name="${name}"]`)
      if (!el || value === undefined) return
      if (always || el.value === '' || el.value === this.filled.get(name)) {
        el.value = value
        this.filled.set(name, value)
      }
    }
    const units = this.units.value ?? []
    if (record.unitId && units.some((u) => u.id === record.unitId && u.active)) fill('orgUnitId', record.unitId, this.source !== 'internal_audit')
    fill('title', record.ncTitle)
    if (this.source !== 'finding') return
    fill('description', record.description)
    // The finding's clauses go into the clause picker unless the user already chose some.
    const picker = form.querySelector('qms-clause-picker')
    if (picker && record.clauseNumbers?.length && !picker.value.length) this.findingClauses = [...record.clauseNumbers]
    fill('severity', record.severity, true)
    fill('detectedOn', record.detectedOn, true)
  }

  private field(name: string, label: string, input: unknown, hint?: string) {
    return formField(name, label, input, this.form.message(name) || (name === 'clauseNumbers' ? this.clauseError() : ''), hint)
  }

  /** The clauses as sent with the last save, to name the ones the server refused. */
  private sentClauses: string[] = []

  private clauseError(): string {
    return clauseErrors(this.form.error, 'clauseNumbers', this.sentClauses)
  }

  override render() {
    const back = this.ncId ? `/nonconformities/${this.ncId}` : '/nonconformities'
    return html`<p><a href=${back}>${msg('← Back', { id: 'nc.form.back' })}</a></p>
      ${this.nc.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (nc) => this.renderForm(nc),
        error: () => html`<p role="alert">${msg('Nonconformity not found.', { id: 'nc.notFound' })}</p>`,
      })}`
  }

  private renderForm(nc: Nonconformity | null) {
    const full = this.fullEditor(nc)
    const containment = this.field('containment', msg('Containment (what was done at once)', { id: 'nc.form.containment' }),
      html`<textarea id="containment" name="containment" rows="2" .value=${nc?.containment ?? ''}></textarea>`)
    return html`<h1>${nc ? msg('Change nonconformity', { id: 'nc.form.editTitle' }) : msg('Raise a nonconformity', { id: 'nc.form.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${full
          ? html`
              ${nc
                ? nothing
                : html`<div class="grid-2">
                    ${this.field('source', msg('Source', { id: 'nc.form.source' }),
                      html`<select id="source" name="source" @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value as NcSource)}>
                        ${NC_SOURCES.map((s) => html`<option value=${s} ?selected=${s === this.source}>${sourceLabel(s)}</option>`)}
                      </select>`)}
                    <qms-nc-source-picker .source=${this.source} .units=${this.units.value ?? []} .error=${this.form.message('sourceId') || this.form.message('id')}
                      @qms-source-record=${this.handleRecord}></qms-nc-source-picker>
                    <input type="hidden" name="sourceId" .value=${this.record?.id ?? ''} />
                  </div>`}
              ${!nc || nc.status === 'draft'
                ? this.field('orgUnitId', msg('Unit concerned', { id: 'nc.form.unit' }),
                    html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')}>
                      <option value="">${msg('— Choose —', { id: 'nc.form.choose' })}</option>
                      ${(this.units.value ?? []).filter((u) => u.active).map((u) => html`<option value=${u.id} ?selected=${u.id === nc?.orgUnitId}>${indentedName(u)}</option>`)}
                    </select>`)
                : nothing}
              ${this.field('title', msg('Title', { id: 'nc.form.title' }), html`<input id="title" name="title" .value=${nc?.title ?? ''} aria-invalid=${this.form.invalid('title')} />`)}
              ${this.field('description', msg('Description (what was found, where, evidence)', { id: 'nc.form.description' }),
                html`<textarea id="description" name="description" rows="4" .value=${nc?.description ?? ''}></textarea>`)}
              <div class="grid-2">
                ${this.field('severity', msg('Severity', { id: 'nc.form.severity' }),
                  html`<select id="severity" name="severity">
                    <option value="minor" ?selected=${nc?.severity !== 'major'}>${msg('Minor', { id: 'nc.severity.minor' })}</option>
                    <option value="major" ?selected=${nc?.severity === 'major'}>${msg('Major', { id: 'nc.severity.major' })}</option>
                  </select>`)}
                ${this.field('clauseNumbers', msg('ISO 9001 clauses', { id: 'nc.form.clauses' }),
                  html`<qms-clause-picker field-id="clauseNumbers" name="clauseNumbers" .value=${this.findingClauses ?? nc?.clauseNumbers ?? NO_CLAUSES} invalid=${this.form.invalid('clauseNumbers') === 'true' || this.clauseError() ? 'true' : 'false'} describedby="clauseNumbers-error"></qms-clause-picker>`)}
                ${this.field('detectedOn', msg('Detected on', { id: 'nc.form.detectedOn' }),
                  html`<qms-date-input field-id="detectedOn" name="detectedOn" .value=${nc?.detectedOn ?? ''} invalid=${this.form.invalid('detectedOn')}></qms-date-input>`,
                  nc ? undefined : msg('Today if empty.', { id: 'nc.form.detectedOnHint' }))}
                ${this.field('dueDate', msg('To be closed by', { id: 'nc.form.dueDate' }),
                  html`<qms-date-input field-id="dueDate" name="dueDate" .value=${nc?.dueDate ?? ''} invalid=${this.form.invalid('dueDate')}></qms-date-input>`,
                  nc ? undefined : msg('If empty: 30 days after detection for a major, 60 for a minor one.', { id: 'nc.form.dueDateHint' }))}
              </div>
              ${containment}`
          : containment}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href=${nc ? `/nonconformities/${nc.id}` : '/nonconformities'}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

/** What POST /api/findings/:id/raise-nc takes of the form: the unit and the date are the finding's. */
function raiseBody(body: Record<string, unknown>): Record<string, unknown> {
  const { title, description, severity, clauseNumbers, containment, dueDate } = body
  return { title, severity, clauseNumbers, containment, dueDate, ...(description ? { description } : {}) }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-form': QmsNcForm
  }
}
