import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { Procedure } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, formatNumber } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { loadFields } from '../../api/loaders.ts'
import '../dossiers/qms-dossier-tabs.ts'
import { modeLabel } from './procedure-labels.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The catalogue of administrative procedures: field, unit, processing time,
 * online level and mode in force today.
 */
@customElement('qms-procedures-page')
@localized()
export class QmsProceduresPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles]

  @state() private filters = { q: '', field: '', onlineLevel: '', active: 'true' }
  private readonly session = new SessionController(this)
  private searchTimer?: ReturnType<typeof setTimeout>

  private readonly fields = new Task(this, { task: (_a, { signal }) => loadFields(signal), args: () => [] })
  private readonly procedures = new Task(this, {
    task: ([filters], { signal }) => get<Page<Procedure>>('/api/procedures', { query: { ...filters, limit: 500 }, signal }),
    args: () => [this.filters] as const,
  })

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const next = { ...this.filters, [input.name]: input.value }
    clearTimeout(this.searchTimer)
    if (input.name === 'q') this.searchTimer = setTimeout(() => (this.filters = next), 250)
    else this.filters = next
  }

  override render() {
    return html`
      <h1>${msg('Administrative procedures', { id: 'procedures.title' })}</h1>
      <qms-dossier-tabs current="/procedures"></qms-dossier-tabs>
      <div class="toolbar">
        <div class="field grow">
          <label for="q">${msg('Search by code or name', { id: 'procedures.search' })}</label>
          <input id="q" name="q" type="search" @input=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="field">${msg('Field', { id: 'dossiers.field' })}</label>
          <select id="field" name="field" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.fields.value ?? []).map((f) => html`<option value=${f}>${f}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="onlineLevel">${msg('Online level', { id: 'procedures.level' })}</label>
          <select id="onlineLevel" name="onlineLevel" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${[4, 3, 2, 1].map((n) => html`<option value=${n}>${n}</option>`)}
          </select>
        </div>
        ${this.session.can('procedure.write') ? html`<a class="button primary" href="/procedures/new">${msg('Add procedure', { id: 'procedures.new' })}</a>` : nothing}
      </div>
      ${this.procedures.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (page) => this.renderTable(page.items),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderTable(items: Procedure[]) {
    if (!items.length) return html`<p class="muted">${msg('Nothing here yet.', { id: 'common.empty' })}</p>`
    const canWrite = this.session.can('procedure.write')
    const l = {
      code: msg('Code', { id: 'procedures.code' }),
      name: msg('Procedure', { id: 'dossiers.procedure' }),
      field: msg('Field', { id: 'dossiers.field' }),
      unit: msg('Unit', { id: 'procedures.unit' }),
      days: msg('Working days', { id: 'procedures.days' }),
      level: msg('Online level', { id: 'procedures.level' }),
      mode: msg('Online mode', { id: 'procedures.mode' }),
      fee: msg('Fee (VND)', { id: 'procedures.fee' }),
    }
    return html`<p class="muted">${msg('Procedures:', { id: 'procedures.count' })} ${items.length}</p>
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.code}</th><th>${l.name}</th><th>${l.field}</th><th>${l.unit}</th><th>${l.days}</th><th>${l.level}</th><th>${l.mode}</th><th>${l.fee}</th></tr></thead>
        <tbody>
          ${items.map(
            (p) => html`<tr>
              <td data-label=${l.code}>${canWrite ? html`<a href=${`/procedures/${p.id}`}>${p.code}</a>` : p.code}</td>
              <td data-label=${l.name}><div>${p.name}${p.active ? nothing : html` <span class="chip off">${msg('Inactive', { id: 'common.inactive' })}</span>`}</div></td>
              <td data-label=${l.field}>${p.field}</td>
              <td data-label=${l.unit}>${p.owningUnit.name}</td>
              <td data-label=${l.days}>${p.processingDays}</td>
              <td data-label=${l.level}><div>${p.onlineLevel ?? '—'}${p.onlineLevelFrom ? html`<br /><span class="muted">${msg('from', { id: 'procedures.from' })} ${formatDate(p.onlineLevelFrom)}</span>` : nothing}</div></td>
              <td data-label=${l.mode}><div>${p.onlineMode ? modeLabel(p.onlineMode) : '—'}${p.onlineModeFrom ? html`<br /><span class="muted">${msg('from', { id: 'procedures.from' })} ${formatDate(p.onlineModeFrom)}</span>` : nothing}</div></td>
              <td data-label=${l.fee}>${p.fee === null ? msg('Free', { id: 'procedures.free' }) : formatNumber(p.fee)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-procedures-page': QmsProceduresPage
  }
}
