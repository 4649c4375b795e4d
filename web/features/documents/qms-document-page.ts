import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { Document, Revision } from '../../api/types.ts'
import { formatDate, formatDateTime, formatNumber } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { editionLabel, meaningLabel, meaningStatement, statusLabel, typeLabel } from './document-labels.ts'
import { documentStyles } from './document-styles.ts'
import './qms-revision-actions.ts'
import './qms-revision-upload.ts'

const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${formatNumber(bytes / 1024 / 1024, 1)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`)

/**
 * @summary One document: the issue in force with its file, the revision being prepared with
 * the workflow steps open to the signed-in user, a form for a new revision, and the
 * whole history with who drafted, reviewed and approved each issue.
 */
@customElement('qms-document-page')
@localized()
export class QmsDocumentPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    documentStyles,
    css`
      .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: var(--qms-space-3) var(--qms-space-5); margin: 0; }
      .facts dt { color: var(--qms-muted); font-size: 0.85rem; }
      .facts dd { margin: 0; }
      .revision { display: grid; gap: var(--qms-space-3); }
      .revision + .revision { margin-top: var(--qms-space-4); }
      .revision h3 { margin: 0; font-size: 1.05rem; display: flex; flex-wrap: wrap; gap: var(--qms-space-2); align-items: center; }
      .signoffs { display: grid; gap: var(--qms-space-2); grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); }
      .signoff { border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-2) var(--qms-space-3); }
      .signoff.returned { border-color: var(--qms-warning); background: var(--qms-warning-soft); }
      .signoff strong { display: block; }
      .signoff .muted { font-size: 0.85rem; }
      .head { display: flex; flex-wrap: wrap; gap: var(--qms-space-3); align-items: baseline; justify-content: space-between; }
      .head h1 { margin-bottom: var(--qms-space-2); }
      a.download { word-break: break-all; }
    `,
  ]

  @property() documentId = ''

  private readonly data = new Task(this, {
    task: async ([id], { signal }) => {
      const [document, history] = await Promise.all([
        get<Document>(`/api/documents/${id}`, { signal }),
        get<Page<Revision>>(`/api/documents/${id}/revisions`, { query: { limit: 500 }, signal }),
      ])
      return { document, revisions: history.items }
    },
    args: () => [this.documentId] as const,
  })

  private handleChanged() {
    void this.data.run()
  }

  override render() {
    return html`<p><a href="/documents">${msg('← All documents', { id: 'documents.backToList' })}</a></p>
      ${this.data.render({
        pending: () => (this.data.value ? this.renderDocument(this.data.value.document, this.data.value.revisions) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: ({ document, revisions }) => this.renderDocument(document, revisions),
        error: () => html`<p role="alert">${msg('Document not found.', { id: 'documents.notFound' })}</p>`,
      })}`
  }

  private renderDocument(doc: Document, revisions: Revision[]) {
    const current = revisions.find((r) => r.status === 'published')
    const working = revisions.find((r) => ['draft', 'in_review', 'approved'].includes(r.status))
    return html`
      <div class="head">
        <div>
          <h1>${doc.code} · ${doc.title}</h1>
          <span class=${`chip status-${doc.status}`}>${statusLabel(doc.status)}</span>
          <span class=${`chip edition-${doc.standardEdition}`}>${editionLabel(doc.standardEdition)}</span>
        </div>
        ${doc.actions.includes('edit') ? html`<a class="button" href=${`/documents/${doc.id}/edit`}>${msg('Edit details', { id: 'documents.editDetails' })}</a>` : nothing}
      </div>
      <div class="card">
        <dl class="facts">
          <div><dt>${msg('Type', { id: 'documents.type' })}</dt><dd>${typeLabel(doc.type)}</dd></div>
          <div><dt>${msg('Owning unit', { id: 'documents.unit' })}</dt><dd>${doc.owningUnit.name}</dd></div>
          <div><dt>${msg('ISO 9001:2015 clauses', { id: 'documents.clauses' })}</dt><dd>${doc.clauseNumbers.length ? doc.clauseNumbers.join(', ') : '—'}</dd></div>
          <div><dt>${msg('Review every (months)', { id: 'documents.interval' })}</dt><dd>${doc.reviewIntervalMonths}</dd></div>
          <div><dt>${msg('Next review', { id: 'documents.nextReview' })}</dt><dd>
            ${doc.nextReviewDue
              ? html`<span class=${doc.reviewState && doc.reviewState !== 'ok' ? `chip review-${doc.reviewState}` : ''}>${formatDate(doc.nextReviewDue)}</span>
                  ${doc.reviewState === 'overdue' ? html`<span class="muted">${msg('overdue', { id: 'documents.overdue' })}</span>` : nothing}`
              : '—'}
          </dd></div>
        </dl>
      </div>

      <h2>${msg('Issue in force', { id: 'documents.issueInForce' })}</h2>
      ${current
        ? html`<div class="card">${this.renderRevision(current, doc.code)}</div>`
        : html`<p class="muted">${msg('No issue of this document is in force.', { id: 'documents.noneInForce' })}</p>`}

      ${working
        ? html`<h2>${msg('Revision in preparation', { id: 'documents.inPreparation' })}</h2><div class="card">${this.renderRevision(working, doc.code)}</div>`
        : doc.actions.includes('upload')
          ? html`<h2>${msg('New revision', { id: 'documents.newRevision' })}</h2>
              <div class="card"><qms-revision-upload .document=${doc} @qms-revision-changed=${this.handleChanged}></qms-revision-upload></div>`
          : nothing}

      <h2>${msg('History', { id: 'documents.history' })}</h2>
      ${revisions.length
        ? html`<div class="card">${revisions.filter((r) => r !== current && r !== working).map((r) => html`<div class="revision">${this.renderRevision(r, doc.code)}</div>`)}
            ${revisions.every((r) => r === current || r === working) ? html`<p class="muted">${msg('No earlier issues.', { id: 'documents.noEarlier' })}</p>` : nothing}</div>`
        : html`<p class="muted">${msg('No file has been uploaded yet.', { id: 'documents.noRevisions' })}</p>`}
    `
  }

  private renderRevision(r: Revision, code: string) {
    const dates: unknown[] = []
    if (r.effectiveFrom) dates.push(html`${msg('Effective from', { id: 'documents.effectiveFrom' })} ${formatDate(r.effectiveFrom)}`)
    if (r.supersededAt) dates.push(html`${msg('superseded on', { id: 'documents.supersededOn' })} ${formatDate(r.supersededAt)}`)
    if (r.obsoletedAt) dates.push(html`${msg('obsolete since', { id: 'documents.obsoleteSince' })} ${formatDate(r.obsoletedAt)}`)
    return html`<section class="revision" aria-label=${msg(str`Issue ${r.issueNumber}`, { id: 'documents.issue' })}>
      <h3>${msg(str`Issue ${r.issueNumber}`, { id: 'documents.issue' })}
        <span class=${`chip status-${r.status}`}>${statusLabel(r.status)}</span>
        <span class=${`chip edition-${r.standardEdition}`}>${editionLabel(r.standardEdition)}</span></h3>
      <div>${r.changeSummary}</div>
      ${dates.length ? html`<div class="muted">${dates.map((d, i) => html`${i ? ' · ' : ''}${d}`)}</div>` : nothing}
      ${r.obsoleteReason ? html`<div class="muted">${msg('Reason', { id: 'documents.reason' })}: ${r.obsoleteReason}</div>` : nothing}
      <div><a class="download" href=${r.file.url} download=${r.file.name}>${msg('Download', { id: 'documents.download' })} ${r.file.name}</a>
        <span class="muted">(${fileSize(r.file.size)})</span></div>
      ${r.reviewer && r.status === 'in_review'
        ? html`<div class="muted">${msg('Reviewer', { id: 'documents.reviewer' })}: ${r.reviewer.fullName}</div>`
        : nothing}
      ${r.signoffs.length
        ? html`<div class="signoffs">${r.signoffs.map(
            (s) => html`<div class=${`signoff ${s.decision}`}>
              <strong>${meaningLabel(s.meaning)}</strong>
              ${s.fullName}${s.position ? html`<span class="muted">, ${s.position}</span>` : nothing}
              <div class="muted">${formatDateTime(s.at)} — ${meaningStatement(s)}</div>
              ${s.comment ? html`<div>“${s.comment}”</div>` : nothing}
            </div>`,
          )}</div>`
        : nothing}
      <qms-revision-actions .revision=${r} .documentCode=${code} @qms-revision-changed=${this.handleChanged}></qms-revision-actions>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-document-page': QmsDocumentPage
  }
}
