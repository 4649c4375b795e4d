import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { Document, TransitionSummary } from '../../api/types.ts'
import { formatDate, formatNumber } from '../../i18n/localization.ts'
import { buttonStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { statusLabel, typeLabel } from './document-labels.ts'
import { documentStyles } from './document-styles.ts'
import './qms-documents-tabs.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The move from TCVN ISO 9001:2008 to ISO 9001:2015: how far it has got, per unit,
 * and every document still on 2008 with the state of its 2015 revision.
 */
@customElement('qms-transition-page')
@localized()
export class QmsTransitionPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    tableStyles,
    documentStyles,
    css`
      .progress { height: 14px; border-radius: 999px; background: var(--qms-warning-soft); overflow: hidden; margin: var(--qms-space-2) 0; }
      .progress span { display: block; height: 100%; background: var(--qms-success); }
      .figures { display: flex; flex-wrap: wrap; gap: var(--qms-space-5); }
      .figures strong { font-size: 1.4rem; display: block; }
    `,
  ]

  private readonly data = new Task(this, {
    task: async (_a, { signal }) => {
      const [summary, remaining] = await Promise.all([
        get<TransitionSummary>('/api/documents/transition', { signal }),
        get<Page<Document>>('/api/documents', { query: { standardEdition: '2008', inUse: true, limit: 500 }, signal }),
      ])
      return { summary, remaining: remaining.items }
    },
    args: () => [],
  })

  override render() {
    return html`
      <h1>${msg('Documents', { id: 'documents.title' })}</h1>
      <qms-documents-tabs current="/documents/transition"></qms-documents-tabs>
      <p class="lead">${msg('Documents still written against TCVN ISO 9001:2008 until the move to ISO 9001:2015 is complete. A document moves when a revision written against 2015 is published.', { id: 'documents.transition.intro' })}</p>
      ${this.data.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: ({ summary, remaining }) => this.renderAll(summary, remaining),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderAll(summary: TransitionSummary, remaining: Document[]) {
    return html`
      <div class="card">
        <div class="figures">
          <span><strong>${formatNumber(summary.percentDone, 1)} %</strong>${msg('on ISO 9001:2015', { id: 'documents.transition.done' })}</span>
          <span><strong>${summary.edition2015}</strong>${msg('documents on 2015', { id: 'documents.transition.on2015' })}</span>
          <span><strong>${summary.edition2008}</strong>${msg('still on 2008', { id: 'documents.transition.on2008' })}</span>
          <span><strong>${summary.inProgress}</strong>${msg('2015 revision under way', { id: 'documents.transition.inProgress' })}</span>
        </div>
        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${summary.percentDone}
          aria-label=${msg('Transition progress', { id: 'documents.transition.progress' })}><span style=${`width: ${summary.percentDone}%`}></span></div>
      </div>

      <h2>${msg(str`Still on 2008 (${remaining.length})`, { id: 'documents.transition.remaining' })}</h2>
      ${remaining.length ? this.renderRemaining(remaining) : html`<p>${msg('Every document in use is on ISO 9001:2015.', { id: 'documents.transition.complete' })}</p>`}

      <h2>${msg('By unit', { id: 'documents.transition.byUnit' })}</h2>
      ${this.renderUnits(summary)}
    `
  }

  private renderRemaining(docs: Document[]) {
    const l = {
      document: msg('Document', { id: 'documents.document' }),
      unit: msg('Owning unit', { id: 'documents.unit' }),
      current: msg('Issue in force', { id: 'documents.issueInForce' }),
      next: msg('2015 revision', { id: 'documents.transition.next' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.document}</th><th>${l.unit}</th><th>${l.current}</th><th>${l.next}</th></tr></thead>
      <tbody>
        ${docs.map(
          (d) => html`<tr>
            <td data-label=${l.document}><a href=${`/documents/${d.id}`}>${d.code}</a><br />${d.title}<br /><span class="muted">${typeLabel(d.type)}</span></td>
            <td data-label=${l.unit}>${d.owningUnit.name}</td>
            <td data-label=${l.current}>${d.currentRevision ? html`${d.currentRevision.issueNumber} · ${formatDate(d.currentRevision.effectiveFrom)}` : '—'}</td>
            <td data-label=${l.next}>${d.workingRevision && d.workingRevision.standardEdition === '2015'
              ? html`<span class=${`chip status-${d.workingRevision.status}`}>${statusLabel(d.workingRevision.status)}</span>`
              : html`<span class="chip review-overdue">${msg('Not started', { id: 'documents.transition.notStarted' })}</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`
  }

  private renderUnits(summary: TransitionSummary) {
    const l = {
      unit: msg('Owning unit', { id: 'documents.unit' }),
      on2015: msg('documents on 2015', { id: 'documents.transition.on2015' }),
      on2008: msg('still on 2008', { id: 'documents.transition.on2008' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.unit}</th><th>${l.on2015}</th><th>${l.on2008}</th></tr></thead>
      <tbody>
        ${summary.byUnit.map(
          (u) => html`<tr>
            <td data-label=${l.unit}>${u.unit.name}</td>
            <td data-label=${l.on2015}>${u.edition2015}</td>
            <td data-label=${l.on2008}>${u.edition2008 ? html`<span class="chip edition-2008">${u.edition2008}</span>` : '0'}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>
    ${nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-transition-page': QmsTransitionPage
  }
}
