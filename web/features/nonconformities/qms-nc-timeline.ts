import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { loadAllOrgUnits } from '../../api/loaders.ts'
import type { ActionType, NcSeverity, NcStatus, TimelineEvent } from '../../api/types.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { pageStyles } from '../../styles/shared.ts'
import { actionTypeLabel, eventLabel, severityLabel, statusLabel } from './nc-labels.ts'

type Change = { from: unknown; to: unknown }
const changesOf = (e: TimelineEvent) => ((e.details as { changes?: Record<string, Change> } | null)?.changes ?? {})

/** A long text is cut in the timeline: the NC page shows it whole. */
const LONG = 140

/** The name of a changed field, as the forms label it. */
function fieldLabel(key: string): string {
  switch (key) {
    case 'title':
      return msg('Title', { id: 'nc.form.title' })
    case 'description':
      return msg('Description', { id: 'nc.timeline.description' })
    case 'severity':
      return msg('Severity', { id: 'nc.form.severity' })
    case 'clauseNumbers':
      return msg('ISO 9001 clauses', { id: 'nc.form.clauses' })
    case 'containment':
      return msg('Containment (what was done at once)', { id: 'nc.form.containment' })
    case 'detectedOn':
      return msg('Detected on', { id: 'nc.form.detectedOn' })
    case 'dueDate':
      return msg('Due date', { id: 'nc.actions.dueDate' })
    case 'orgUnitId':
      return msg('Unit concerned', { id: 'nc.form.unit' })
    case 'type':
      return msg('Type', { id: 'nc.actions.type' })
    case 'owner':
      return msg('Owner', { id: 'nc.actions.owner' })
    default:
      return key
  }
}

/**
 * @summary Every transition and change of a nonconformity: when, who, what (oldest first).
 */
@customElement('qms-nc-timeline')
@localized()
export class QmsNcTimeline extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ol { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--qms-border); }
      li { position: relative; padding: 0 0 var(--qms-space-3) var(--qms-space-4); }
      li::before { content: ''; position: absolute; left: -7px; top: 6px; width: 12px; height: 12px; border-radius: 50%; background: var(--qms-primary); }
      .when { color: var(--qms-muted); font-size: 0.85rem; }
      .what { font-weight: 600; }
      .detail { overflow-wrap: anywhere; }
      dl.changes { margin: var(--qms-space-1) 0 0; display: grid; gap: 2px; }
      dl.changes div { display: flex; flex-wrap: wrap; gap: 0 var(--qms-space-2); }
      dl.changes dt { color: var(--qms-muted); }
      dl.changes dd { margin: 0; min-width: 0; }
      .old { text-decoration: line-through; color: var(--qms-muted); }
    `,
  ]

  @property({ attribute: false }) events: TimelineEvent[] = []

  /** The units' names, loaded only when an event moved the NC to another unit. */
  private readonly units = new Task(this, {
    task: ([needed], { signal }) => (needed ? loadAllOrgUnits(signal) : Promise.resolve([])),
    args: () => [this.events.some((e) => 'orgUnitId' in changesOf(e))] as const,
  })

  /** A changed field's value as the reader knows it: labels for codes, dd/MM/yyyy dates, unit names. */
  private value(key: string, value: unknown): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '—'
    if (key === 'severity') return severityLabel(value as NcSeverity)
    if (key === 'type') return actionTypeLabel(value as ActionType)
    if (key === 'detectedOn' || key === 'dueDate') return formatDate(String(value))
    if (key === 'orgUnitId') return this.units.value?.find((u) => u.id === value)?.name ?? '…'
    const text = Array.isArray(value) ? value.join(', ') : String(value)
    return text.length > LONG ? `${text.slice(0, LONG - 1)}…` : text
  }

  private renderChanges(changes: Record<string, Change>) {
    return html`<dl class="changes">
      ${Object.entries(changes).map(
        ([key, c]) => html`<div><dt>${fieldLabel(key)}:</dt>
          <dd><span class="old">${this.value(key, c.from)}</span> → <span class="new">${this.value(key, c.to)}</span></dd></div>`,
      )}
    </dl>`
  }

  private detail(e: TimelineEvent) {
    const d = (e.details ?? {}) as Record<string, unknown>
    const s = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : '')
    switch (e.action) {
      case 'verify':
        return html`${d.effective ? msg('Effective', { id: 'nc.verify.effective' }) : msg('Not effective', { id: 'nc.verify.notEffective' })}: ${s('note')}`
      case 'cancel':
        return s('reason')
      case 'close':
        return s('note')
      case 'analyze':
        return s('summary')
      case 'action.add':
        return html`${s('description')} — ${s('owner')}, ${formatDate(s('dueDate'))}`
      case 'action.complete':
        return html`${s('description')}: ${s('note')}`
      case 'action.update':
        return html`${s('description')}${this.renderChanges(changesOf(e))}`
      case 'update':
        return this.renderChanges(changesOf(e))
      default:
        return ''
    }
  }

  override render() {
    if (!this.events.length) return nothing
    return html`<ol>
      ${this.events.map(
        (e) => html`<li>
          <span class="when">${formatDateTime(e.at)} · ${e.actorName}</span><br />
          <span class="what">${eventLabel(e.action)}</span>
          ${e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
            ? html`<span class="when"> (${statusLabel(e.fromStatus as NcStatus)} → ${statusLabel(e.toStatus as NcStatus)})</span>`
            : nothing}
          <div class="detail">${this.detail(e)}</div>
        </li>`,
      )}
    </ol>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-timeline': QmsNcTimeline
  }
}
