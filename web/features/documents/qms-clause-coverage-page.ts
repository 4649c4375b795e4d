import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { ClauseCoverage, CoverageReport } from '../../api/types.ts'
import { getLocale } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { statusLabel } from './document-labels.ts'
import { documentStyles } from './document-styles.ts'
import './qms-documents-tabs.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The clause coverage matrix: every clause of ISO 9001:2015 with the documents,
 * checklist items and open nonconformities that reference it. Clauses that no published
 * document covers stand out.
 */
@customElement('qms-clause-coverage-page')
@localized()
export class QmsClauseCoveragePage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    documentStyles,
    css`
      tr.uncovered td { background: var(--qms-danger-soft); }
      tr.uncovered td:first-child { box-shadow: inset 4px 0 0 var(--qms-danger); }
      .gap { color: var(--qms-danger); font-weight: 600; font-size: 0.85rem; }
      .summary { display: flex; flex-wrap: wrap; gap: var(--qms-space-4); align-items: center; }
      .summary strong { font-size: 1.3rem; }
      ul.refs { list-style: none; margin: 0; padding: 0; }
      .count { font-variant-numeric: tabular-nums; }
    `,
  ]

  @state() private onlyGaps = false
  private readonly coverage = new Task(this, {
    task: (_a, { signal }) => get<CoverageReport>('/api/iso-clauses/coverage', { signal }),
    args: () => [],
  })

  override render() {
    return html`
      <h1>${msg('Documents', { id: 'documents.title' })}</h1>
      <qms-documents-tabs current="/documents/coverage"></qms-documents-tabs>
      <p class="lead">${msg('Which documents, checklist items and open nonconformities refer to each clause of ISO 9001:2015. A clause is covered when a document in force refers to it or to one of its sub-clauses.', { id: 'documents.coverage.intro' })}</p>
      ${this.coverage.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (report) => this.renderReport(report),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderReport(report: CoverageReport) {
    const { summary } = report
    const items = this.onlyGaps ? report.items.filter((i) => !i.covered) : report.items
    return html`
      <div class="card summary">
        <span><strong>${summary.covered}/${summary.clauses}</strong> ${msg('clauses covered', { id: 'documents.coverage.covered' })}</span>
        <span class="gap">${msg(str`${summary.uncovered.length} without a document`, { id: 'documents.coverage.gaps' })}</span>
        <label class="check"><input type="checkbox" .checked=${this.onlyGaps} @change=${(e: Event) => (this.onlyGaps = (e.target as HTMLInputElement).checked)} />
          ${msg('Only clauses without a document', { id: 'documents.coverage.onlyGaps' })}</label>
      </div>
      <br />
      ${this.renderTable(items)}
    `
  }

  private renderTable(items: ClauseCoverage[]) {
    const vi = getLocale() === 'vi'
    const l = {
      clause: msg('Clause', { id: 'documents.coverage.clause' }),
      documents: msg('Documents', { id: 'documents.title' }),
      checklist: msg('Checklist items', { id: 'documents.coverage.checklist' }),
      nc: msg('Open nonconformities', { id: 'documents.coverage.nc' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.clause}</th><th>${l.documents}</th><th>${l.checklist}</th><th>${l.nc}</th></tr></thead>
      <tbody>
        ${items.map((c) => {
          const depth = c.number.split('.').length - 1
          return html`<tr class=${c.covered ? '' : 'uncovered'}>
            <td data-label=${l.clause}><span style=${`padding-left: ${depth}em`}><strong>${c.number}</strong> ${vi ? c.vi : c.en}</span>
              ${c.covered ? nothing : html`<br /><span class="gap">${msg('No document in force', { id: 'documents.coverage.noDocument' })}</span>`}</td>
            <td data-label=${l.documents}>${c.documents.length
              ? html`<ul class="refs">${c.documents.map((d) => html`<li><a href=${`/documents/${d.id}`}>${d.code}</a>${d.status !== 'published' ? html` <span class=${`chip status-${d.status}`}>${statusLabel(d.status as 'draft')}</span>` : nothing}</li>`)}</ul>`
              : '—'}</td>
            <td data-label=${l.checklist} class="count">${c.checklistItems.length || '—'}</td>
            <td data-label=${l.nc} class="count">${c.openNonconformities.length || '—'}</td>
          </tr>`
        })}
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-clause-coverage-page': QmsClauseCoveragePage
  }
}
