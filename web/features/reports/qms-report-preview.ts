import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { NarrativeKey, ReportDraftDetail } from '../../api/types.ts'
import { scrollRegion } from '../../app/scroll-region.ts'
import { formatNumber } from '../../i18n/localization.ts'
import { tableStyles } from '../../styles/shared.ts'

type Report = ReportDraftDetail['report']
type Table = Report['sections'][number]['tables'][number]

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV']

/**
 * @summary The report as it will print, updated as the narrative is typed: the narrative
 * sections show `narrative` (the editor's current text, one paragraph a line) instead of
 * what was last saved; empty sections are left out and the others numbered I, II, … as
 * the issued report numbers them. An issued report's sections come numbered already.
 */
@customElement('qms-report-preview')
@localized()
export class QmsReportPreview extends LitElement {
  static override styles = [
    tableStyles,
    css`
      :host { display: block; line-height: 1.55; }
      h3 { font-size: 1.05rem; text-align: center; white-space: pre-line; }
      h4 { font-size: 1rem; margin: var(--qms-space-4) 0 var(--qms-space-2); }
      p { text-align: justify; overflow-wrap: anywhere; margin: 0 0 var(--qms-space-2); }
      caption { text-align: left; font-style: italic; padding-bottom: 4px; }
      td.right { text-align: right; white-space: nowrap; }
      tr.total td { font-weight: 700; }
    `,
  ]

  @property({ attribute: false }) report?: Report
  /** The narrative as typed now; absent keys show the saved text. */
  @property({ attribute: false }) narrative: Partial<Record<NarrativeKey, string>> = {}

  private cells(t: Table, row: Table['rows'][number]) {
    return row.map((v, i) => {
      const kind = t.columns[i]
      const text = typeof v === 'number' ? formatNumber(v, kind === 'percent' ? 1 : 0) : (v ?? '')
      return html`<td class=${kind === 'count' || kind === 'percent' ? 'right' : ''}>${text}</td>`
    })
  }

  override render() {
    const r = this.report
    if (!r) return nothing
    const sections = r.sections
      .map((s) => {
        if (!s.narrative || this.narrative[s.narrative] === undefined) return s
        const typed = this.narrative[s.narrative]!.split('\n').map((l) => l.trim()).filter(Boolean)
        // The directions of the next period follow the typed introduction.
        const generated = s.narrative === 'nextPeriod' ? s.paragraphs.filter((p) => p.startsWith('- ')) : []
        return { ...s, paragraphs: [...typed, ...generated] }
      })
      .filter((s) => s.paragraphs.length || s.tables.length)
    const numbered = (heading: string, i: number) => (/^[IVX]+\. /.test(heading) ? heading : `${ROMAN[i] ?? i + 1}. ${heading}`)
    return html`<article aria-label=${msg('Preview of the report', { id: 'reports.draft.preview' })} data-testid="report-preview">
      <h3>${r.title}</h3>
      ${sections.map(
        (s, i) => html`<section>
          <h4>${numbered(s.heading, i)}</h4>
          ${s.paragraphs.map((p) => html`<p>${p}</p>`)}
          ${s.tables.map(
            (t) => html`<div class="table-wrap" ${scrollRegion()}><table>
              <caption>${t.title}</caption>
              <thead><tr>${t.headings.map((h) => html`<th>${h}</th>`)}</tr></thead>
              <tbody>
                ${t.rows.map((row) => html`<tr>${this.cells(t, row)}</tr>`)}
                ${t.totalRow ? html`<tr class="total">${this.cells(t, t.totalRow)}</tr>` : nothing}
              </tbody>
            </table></div>`,
          )}
        </section>`,
      )}
    </article>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-report-preview': QmsReportPreview
  }
}
