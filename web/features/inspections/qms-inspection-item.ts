import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { ChecklistItem, PersonRef } from '../../api/types.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { HANDLINGS, handlingLabel } from '../findings/finding-labels.ts'
import { inspectionStyles, performStyles } from './inspection-styles.ts'
import { resultLabel } from './inspection-labels.ts'
import { emptySlot, slotKey, type Result, type Slot } from './slots.ts'

export interface AnswerDetail {
  itemId: string
  personId: string | null
  change: Partial<Slot>
}

export interface PhotoDetail {
  itemId: string
  personId: string | null
  file: File
}

/**
 * @summary One checklist item on the phone: large pass / fail / n.a. buttons — one row
 * per person present for per-person items — with a value, note, handling and photo.
 * @event qms-answer - detail `AnswerDetail`: a result, value, note or handling changed
 * @event qms-photo - detail `PhotoDetail`: a photo was taken or chosen
 * @event qms-all-pass - detail `{ itemId }`: mark every person not yet answered as passing
 */
@customElement('qms-inspection-item')
@localized()
export class QmsInspectionItem extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, inspectionStyles, performStyles]

  @property({ attribute: false }) item!: ChecklistItem
  @property({ attribute: false }) people: PersonRef[] = []
  @property({ attribute: false }) slots = new Map<string, Slot>()
  /** Photos still only on this device (local id → object URL of the Blob). */
  @property({ attribute: false }) photoUrls = new Map<string, string>()

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
  }

  private answer(personId: string | null, change: Partial<Slot>) {
    this.emit('qms-answer', { itemId: this.item.id, personId, change } satisfies AnswerDetail)
  }

  private handlePhoto(event: Event, personId: string | null) {
    const input = event.target as HTMLInputElement
    const file = input.files?.[0]
    if (file) this.emit('qms-photo', { itemId: this.item.id, personId, file } satisfies PhotoDetail)
    input.value = ''
  }

  override render() {
    const item = this.item
    return html`
      <div class="chips">
        <span class="chip">${categoryLabel(item.category)}</span>
        ${item.clauseNumbers.map((c) => html`<span class="chip">ISO ${c}</span>`)}
        ${item.required ? nothing : html`<span class="chip off">${msg('Optional', { id: 'perform.optional' })}</span>`}
      </div>
      <h2 class="item-text" id="item-text">${item.text}</h2>
      ${item.perPerson ? this.renderPeople() : this.renderSlot(null)}
    `
  }

  private renderPeople() {
    if (!this.people.length) {
      return html`<p class="form-error" role="alert">${msg('This item is judged per person: first choose who is present.', { id: 'perform.needPeople' })}</p>`
    }
    const unanswered = this.people.some((p) => !this.slots.get(slotKey(this.item.id, p.id))?.result)
    return html`
      ${unanswered
        ? html`<p><button type="button" @click=${() => this.emit('qms-all-pass', { itemId: this.item.id })}>${msg('Everyone else passes', { id: 'perform.allPass' })}</button></p>`
        : nothing}
      ${this.people.map(
        (p) => html`<fieldset class="person">
          <legend>${p.fullName}</legend>
          ${p.position ? html`<span class="position">${p.position}</span>` : nothing}
          ${this.renderSlot(p.id, true)}
        </fieldset>`,
      )}
    `
  }

  private renderSlot(personId: string | null, compact = false) {
    const item = this.item
    const key = slotKey(item.id, personId)
    const slot = this.slots.get(key) ?? emptySlot()
    const id = (what: string) => `${what}-${personId ?? 'unit'}`
    const results: Result[] = ['pass', 'fail', 'na']
    const showDetails = !compact || slot.result === 'fail'
    const photoMissing = item.photoRequiredOnFail && slot.result === 'fail' && !slot.attachments.length
    return html`
      <div class=${`answers${compact ? ' compact' : ''}`} role=${compact ? nothing : 'group'} aria-labelledby=${compact ? nothing : 'item-text'}>
        ${results.map(
          (r) => html`<button type="button" class=${r} aria-pressed=${slot.result === r ? 'true' : 'false'} @click=${() => this.answer(personId, { result: r })}>
            ${r === 'na' ? msg('N/A', { id: 'inspections.result.na' }) : resultLabel(r)}
          </button>`,
        )}
      </div>
      ${item.responseType !== 'pass_fail_na' ? this.renderValue(personId, slot, id('value')) : nothing}
      ${showDetails
        ? html`<div class="details">
            ${slot.result === 'fail'
              ? html`<div class="field">
                  <label for=${id('handling')}>${msg('Handling', { id: 'findings.handling' })}</label>
                  <select id=${id('handling')} @change=${(e: Event) => this.answer(personId, { handling: ((e.target as HTMLSelectElement).value || null) as Slot['handling'] })}>
                    <option value="" ?selected=${!slot.handling}>${msg('Decide later', { id: 'perform.handlingLater' })}</option>
                    ${HANDLINGS.filter((h) => h !== 'nc_raised').map((h) => html`<option value=${h} ?selected=${slot.handling === h}>${handlingLabel(h)}</option>`)}
                  </select>
                </div>`
              : nothing}
            <div class="field">
              <label for=${id('note')}>${msg('Note', { id: 'inspections.note' })}</label>
              <textarea id=${id('note')} .value=${slot.note} @change=${(e: Event) => this.answer(personId, { note: (e.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            <div class="photos">
              ${slot.attachments.map((a) => {
                const src = this.photoUrls.get(a.id) ?? `/api/attachments/${a.id}`
                return html`<a href=${src} target="_blank" rel="noopener"><img src=${src} alt=${msg('Photo', { id: 'perform.photoAlt' })} /></a>`
              })}
              <label class="button photo-button">
                <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M4 8h3l2-3h6l2 3h3v11H4z" /><circle cx="12" cy="13" r="3.5" /></svg>
                ${msg('Take a photo', { id: 'perform.photo' })}
                <input type="file" accept="image/*" capture="environment" @change=${(e: Event) => this.handlePhoto(e, personId)} />
              </label>
            </div>
            ${photoMissing ? html`<p class="error">${msg('A failure of this item needs a photo.', { id: 'perform.photoRequired' })}</p>` : nothing}
            ${!slot.result && (slot.note || slot.attachments.length)
              ? html`<p class="hint">${msg('Choose a result to save the note and photo.', { id: 'perform.chooseResult' })}</p>`
              : nothing}
          </div>`
        : nothing}
    `
  }

  private renderValue(personId: string | null, slot: Slot, inputId: string) {
    const item = this.item
    const label = item.responseType === 'number' ? msg('Number', { id: 'checklists.type.number' }) : item.responseType === 'choice' ? msg('Choice', { id: 'checklists.type.choice' }) : msg('Text', { id: 'checklists.type.text' })
    const change = (value: number | string | null) => this.answer(personId, { value })
    let input
    if (item.responseType === 'number') {
      input = html`<input id=${inputId} type="number" inputmode="decimal" .value=${slot.value === null ? '' : String(slot.value)}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value
          change(raw === '' ? null : Number(raw))
        }} />`
    } else if (item.responseType === 'choice') {
      input = html`<select id=${inputId} @change=${(e: Event) => change((e.target as HTMLSelectElement).value || null)}>
        <option value="">—</option>
        ${(item.choices ?? []).map((c) => html`<option value=${c} ?selected=${slot.value === c}>${c}</option>`)}
      </select>`
    } else {
      input = html`<input id=${inputId} .value=${slot.value === null ? '' : String(slot.value)} @change=${(e: Event) => change((e.target as HTMLInputElement).value || null)} />`
    }
    return html`<div class="field" style="margin-top: var(--qms-space-3)"><label for=${inputId}>${label}</label>${input}</div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspection-item': QmsInspectionItem
  }
}
