import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, get, type Page } from '../../api/client.ts'
import type { Complaint, Dossier, Finding, InspectionSummary, NcSource, OrgUnit } from '../../api/types.ts'
import { formatDate, plural } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'

/** The record an NC comes from, as the form needs it to fill itself in. */
export interface SourceRecord {
  id: string
  /** Inspection number, dossier code, …; '' when the record has none. */
  code: string
  title: string
  unitId: string | null
  unitName: string
  /** What the date is, in words with the date (found on, due on, received on). */
  dateText: string
  /** A title for the NC, where the record suggests one (a finding's text, a late dossier). */
  ncTitle?: string
  /** A finding's: what raising from it sends (If-Match) and fills in. */
  version?: number
  clauseNumbers?: string[]
  description?: string
  severity?: 'major' | 'minor'
  detectedOn?: string
  /** An NC was already raised from it: shown, not offered. */
  taken?: boolean
}

/** The sources whose record is looked up here; `objective` is raised from the objective's page. */
export const SEARCHED_SOURCES = ['finding', 'late_dossier', 'complaint', 'internal_audit'] as const
type SearchedSource = (typeof SEARCHED_SOURCES)[number]
export const isSearchedSource = (source: string): source is SearchedSource => (SEARCHED_SOURCES as readonly string[]).includes(source)

const HITS = 10
const DEBOUNCE_MS = 250

/**
 * @summary Finds the record a nonconformity comes from: a search box (a combobox) whose
 * results are a listbox of records of the chosen source, each with its code, title, unit
 * and date. Arrow keys move through the results, Enter picks, Escape closes. The picked
 * record is shown with a button to choose another.
 * @event qms-source-record - detail `SourceRecord | null`: a record was picked, or the choice cleared
 */
@customElement('qms-nc-source-picker')
@localized()
export class QmsNcSourcePicker extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      :host { display: block; }
      .combo { position: relative; }
      [role='listbox'] { list-style: none; margin: var(--qms-space-1) 0 0; padding: 0; border: 1px solid var(--qms-border); border-radius: var(--qms-radius); background: var(--qms-surface); max-height: 20rem; overflow-y: auto; }
      [role='option'] { padding: var(--qms-space-2) var(--qms-space-3); cursor: pointer; border-bottom: 1px solid var(--qms-border); overflow-wrap: anywhere; }
      [role='option']:last-child { border-bottom: 0; }
      [role='option'][aria-selected='true'] { background: var(--qms-primary-soft); outline: 2px solid var(--qms-focus); outline-offset: -2px; }
      [role='option'][aria-disabled='true'] { cursor: not-allowed; color: var(--qms-muted); }
      .code, .label { font-weight: 600; }
      p.error { color: var(--qms-danger); }
      .label { font-size: 0.95rem; }
      .meta { display: block; color: var(--qms-muted); font-size: 0.9rem; }
      .chosen { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); align-items: center; justify-content: space-between; padding: var(--qms-space-2) var(--qms-space-3); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); background: var(--qms-primary-soft); overflow-wrap: anywhere; }
      .chosen > div { min-width: 0; flex: 1 1 12rem; }
    `,
  ]

  /** The NC's source: which records to search. */
  @property() source: NcSource = 'finding'
  /** Every unit, to name a complaint's unit (a complaint carries its id only). */
  @property({ attribute: false }) units: OrgUnit[] = []
  /** The server's refusal of the record, shown under the field. */
  @property() error = ''

  @state() private term = ''
  @state() private hits: SourceRecord[] = []
  @state() private open = false
  @state() private active = -1
  @state() private searching = false
  /** Why the last search failed (the network, the server), in the user's language. */
  @state() private failure = ''
  @state() private picked: SourceRecord | null = null
  private timer?: ReturnType<typeof setTimeout>
  private request?: AbortController

  override willUpdate(changed: PropertyValues<this>) {
    // Another source: another kind of record.
    if (changed.has('source') && changed.get('source') !== undefined) this.clear(false)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.timer)
    this.request?.abort()
  }

  private clear(announce: boolean) {
    clearTimeout(this.timer)
    this.request?.abort()
    this.term = ''
    this.hits = []
    this.open = false
    this.active = -1
    this.searching = false
    if (this.picked || announce) {
      this.picked = null
      this.dispatchEvent(new CustomEvent('qms-source-record', { detail: null, bubbles: true, composed: true }))
    }
  }

  private handleInput(event: InputEvent) {
    this.term = (event.target as HTMLInputElement).value
    clearTimeout(this.timer)
    this.request?.abort()
    if (!this.term.trim()) {
      this.hits = []
      this.open = false
      this.searching = false
      return
    }
    this.searching = true
    this.timer = setTimeout(() => void this.search(this.term.trim()), DEBOUNCE_MS)
  }

  private async search(q: string) {
    const request = (this.request = new AbortController())
    this.failure = ''
    try {
      const hits = await this.find(q, request.signal)
      if (request.signal.aborted) return
      this.hits = hits
      this.open = true
      this.active = hits.findIndex((h) => !h.taken)
    } catch (err) {
      if (request.signal.aborted) return
      this.hits = []
      this.open = false
      if (!(err instanceof ApiError)) throw err
      this.failure = err.problem.detail
    } finally {
      if (!request.signal.aborted) this.searching = false
    }
  }

  /** The records of the source matching `q`, from the source's own list and its `q`. */
  private async find(q: string, signal: AbortSignal): Promise<SourceRecord[]> {
    const query = { q, limit: HITS }
    switch (this.source) {
      case 'finding': {
        const page = await get<Page<Finding>>('/api/findings', { query, signal })
        return page.items.map(fromFinding)
      }
      case 'late_dossier': {
        // Late is "resolved late" or "past due and not resolved": two filters of the list.
        const [late, overdue] = await Promise.all([
          get<Page<Dossier>>('/api/dossiers', { query: { ...query, timeliness: 'late' }, signal }),
          get<Page<Dossier>>('/api/dossiers', { query: { ...query, overdue: true }, signal }),
        ])
        return [...late.items, ...overdue.items]
          .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
          .slice(0, HITS)
          .map(fromDossier)
      }
      case 'complaint': {
        const page = await get<Page<Complaint>>('/api/complaints', { query, signal })
        const names = new Map(this.units.map((u) => [u.id, u.name]))
        return page.items.map((c) => fromComplaint(c, c.orgUnitId ? names.get(c.orgUnitId) ?? '' : ''))
      }
      case 'internal_audit': {
        const page = await get<Page<InspectionSummary>>('/api/inspections', { query, signal })
        return page.items.map(fromInspection)
      }
      default:
        return []
    }
  }

  private pick(hit: SourceRecord) {
    if (hit.taken) return
    this.picked = hit
    this.open = false
    this.dispatchEvent(new CustomEvent('qms-source-record', { detail: hit, bubbles: true, composed: true }))
    // Keyboard users land on the way back: the button that changes the choice.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#change')?.focus())
  }

  private handleChange() {
    this.clear(true)
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#sourceSearch')?.focus())
  }

  private move(step: number) {
    const n = this.hits.length
    if (!n) return
    let i = this.active
    for (let k = 0; k < n; k++) {
      i = (i + step + n) % n
      if (!this.hits[i].taken) break
    }
    this.active = i
    void this.updateComplete.then(() => this.renderRoot.querySelector(`#hit-${i}`)?.scrollIntoView({ block: 'nearest' }))
  }

  private handleKeydown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!this.open && this.hits.length) this.open = true
        else this.move(1)
        break
      case 'ArrowUp':
        event.preventDefault()
        this.move(-1)
        break
      case 'Enter':
        // Enter picks; it never submits the NC form from the search box.
        event.preventDefault()
        if (this.open && this.hits[this.active]) this.pick(this.hits[this.active])
        break
      case 'Escape':
        if (this.open) {
          event.preventDefault()
          this.open = false
        }
        break
    }
  }

  private label(): string {
    switch (this.source) {
      case 'finding':
        return msg('Finding it comes from', { id: 'nc.picker.finding' })
      case 'late_dossier':
        return msg('Late dossier', { id: 'nc.picker.late_dossier' })
      case 'complaint':
        return msg('Complaint it comes from (optional)', { id: 'nc.picker.complaint' })
      default:
        return msg('Inspection or audit (optional)', { id: 'nc.picker.internal_audit' })
    }
  }

  private hint(): string {
    switch (this.source) {
      case 'finding':
        return msg('Type the inspection record number or a few words of the finding, then choose it in the list.', { id: 'nc.picker.findingHint' })
      case 'late_dossier':
        return msg('Type the dossier code or the applicant’s name; only dossiers resolved late or past due are listed.', { id: 'nc.picker.late_dossierHint' })
      case 'complaint':
        return msg('Type a few words of the complaint, or its dossier’s code.', { id: 'nc.picker.complaintHint' })
      default:
        return msg('Type the inspection record number, e.g. 03/2020.', { id: 'nc.picker.internal_auditHint' })
    }
  }

  override render() {
    if (this.source === 'objective') {
      return html`<p class="muted" id="sourceSearch-hint">
        ${msg('An NC for a quality objective is raised from the objective’s page, on the period that is off target.', { id: 'nc.picker.objective' })}
        <a href="/objectives">${msg('Open the quality objectives', { id: 'nc.picker.objectivesLink' })}</a>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`
    }
    if (this.source === 'plan_task') {
      return html`<p class="muted" id="sourceSearch-hint">
        ${msg('An NC for a reform plan task is raised from the task’s page.', { id: 'nc.picker.plan_task' })}
        <a href="/plan-tasks">${msg('Open the plan tasks', { id: 'nc.picker.planTasksLink' })}</a>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`
    }
    if (!isSearchedSource(this.source)) return nothing
    const describedBy = ['sourceSearch-hint', this.error ? 'sourceSearch-error' : ''].filter(Boolean).join(' ')
    return html`<div class="field">
      ${this.picked ? html`<span class="label" id="sourceLabel">${this.label()}</span>` : html`<label for="sourceSearch">${this.label()}</label>`}
      ${this.picked
        ? html`<div class="chosen" role="group" aria-labelledby="sourceLabel">
            <div data-testid="nc-source-chosen">${renderRecord(this.picked)}</div>
            <button type="button" id="change" @click=${this.handleChange}
              aria-label=${msg(str`Choose another record instead of ${this.picked.code || this.picked.title}`, { id: 'nc.picker.changeLabel' })}>
              ${msg('Choose another', { id: 'nc.picker.change' })}
            </button>
          </div>`
        : html`<div class="combo">
            <input id="sourceSearch" type="search" role="combobox" autocomplete="off" spellcheck="false" enterkeyhint="search"
              aria-autocomplete="list" aria-controls="sourceHits" aria-expanded=${this.open ? 'true' : 'false'}
              aria-activedescendant=${this.open && this.active >= 0 ? `hit-${this.active}` : ''}
              aria-describedby=${describedBy} aria-invalid=${this.error ? 'true' : 'false'}
              .value=${this.term} @input=${this.handleInput} @keydown=${this.handleKeydown} />
            <ul id="sourceHits" role="listbox" aria-label=${msg(str`Results for ${this.term.trim()}`, { id: 'nc.picker.results' })} ?hidden=${!this.open || !this.hits.length}>
              ${this.hits.map(
                (hit, i) => html`<li id=${`hit-${i}`} role="option" aria-selected=${i === this.active ? 'true' : 'false'} aria-disabled=${hit.taken ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick(hit)} @mousemove=${() => !hit.taken && (this.active = i)}>
                  ${renderRecord(hit)}
                </li>`,
              )}
            </ul>
          </div>`}
      ${this.picked ? nothing : html`<span class="hint" id="sourceSearch-hint">${this.hint()}</span>`}
      <span class="hint" role="status">${this.status()}</span>
      ${this.failure ? html`<span class="error" role="alert">${this.failure}</span>` : nothing}
      ${this.error ? html`<span class="error" id="sourceSearch-error">${this.error}</span>` : nothing}
    </div>`
  }

  private status(): string {
    if (this.picked || !this.term.trim()) return ''
    if (this.searching) return msg('Searching…', { id: 'nc.picker.searching' })
    if (!this.open) return ''
    return this.hits.length ? plural(this.hits.length, () => msg(str`${this.hits.length} record found`, { id: 'nc.picker.found.one' }), () => msg(str`${this.hits.length} records found`, { id: 'nc.picker.found' })) : msg('No matching record.', { id: 'nc.picker.none' })
  }
}

function renderRecord(r: SourceRecord) {
  return html`${r.code ? html`<span class="code">${r.code}</span> · ` : nothing}${r.title}
    <span class="meta">${[r.unitName, r.dateText].filter(Boolean).join(' · ')}${r.taken ? html` · ${msg('a nonconformity was already raised from it', { id: 'nc.picker.taken' })}` : nothing}</span>`
}

/** The first line of a text, cut to a title's length. */
function shortTitle(text: string, max = 120): string {
  const line = text.trim().split('\n')[0].trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}

function fromFinding(f: Finding): SourceRecord {
  return {
    id: f.id,
    code: f.inspectionNumber ?? '',
    title: shortTitle(f.description),
    ncTitle: shortTitle(f.description),
    unitId: f.orgUnitId,
    unitName: f.orgUnit.name,
    dateText: msg(str`found ${formatDate(f.foundOn)}`, { id: 'nc.picker.foundOn' }),
    version: f.version,
    clauseNumbers: f.clauseNumbers,
    description: f.description,
    severity: f.classification === 'major_nc' ? 'major' : 'minor',
    detectedOn: f.foundOn,
    taken: f.nonconformityId !== null,
  }
}

function fromDossier(d: Dossier): SourceRecord {
  return {
    id: d.id,
    code: d.code,
    title: `${d.applicantName} — ${d.procedure.name}`,
    ncTitle: d.overdue ? msg(str`Dossier ${d.code} past due`, { id: 'nc.picker.dossierOverdue' }) : msg(str`Dossier ${d.code} resolved late`, { id: 'nc.picker.dossierLate' }),
    unitId: d.orgUnitId,
    unitName: d.orgUnit.name,
    dateText: msg(str`due ${formatDate(d.dueAt)}`, { id: 'nc.picker.dueOn' }),
  }
}

function fromComplaint(c: Complaint, unitName: string): SourceRecord {
  return {
    id: c.id,
    code: c.dossierCode ?? '',
    title: shortTitle(c.summary),
    unitId: c.orgUnitId,
    unitName,
    dateText: msg(str`received ${formatDate(c.receivedAt)}`, { id: 'nc.picker.receivedOn' }),
  }
}

function fromInspection(i: InspectionSummary): SourceRecord {
  return {
    id: i.id,
    code: i.number,
    title: i.template.name,
    unitId: i.orgUnitId,
    unitName: i.orgUnit.name,
    dateText: formatDate(i.inspectionDate),
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-source-picker': QmsNcSourcePicker
  }
}
