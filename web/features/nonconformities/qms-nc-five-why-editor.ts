import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { CauseCategory, RootCause } from '../../api/types.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { CAUSE_CATEGORIES, categoryLabel } from './nc-labels.ts'
import { ncStyles } from './nc-styles.ts'

const MAX_WHYS = 10

/**
 * @summary The root-cause analysis: a chain of "why? — because" (each answer leads to the
 * next question), the cause categories and a summary. Read-only unless `editable`.
 * @event qms-save-root-cause - detail `{ rootCause }`: the analysis to record
 */
@customElement('qms-nc-five-why-editor')
@localized()
export class QmsNcFiveWhyEditor extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    ncStyles,
    css`
      ol { margin: 0; padding: 0; list-style: none; display: grid; gap: var(--qms-space-3); }
      li.why { display: grid; gap: var(--qms-space-2); grid-template-columns: 1fr 1fr auto; align-items: end; border-left: 3px solid var(--qms-primary-soft); padding-left: var(--qms-space-3); }
      @media (max-width: 640px) { li.why { grid-template-columns: 1fr; } }
      .chain { margin: 0; padding-left: 1.25em; display: grid; gap: var(--qms-space-2); }
      .because { color: var(--qms-muted); }
    `,
  ]

  @property({ attribute: false }) rootCause: RootCause | null = null
  @property({ type: Boolean }) editable = false
  @property({ type: Boolean }) busy = false
  /** Field errors from the server (`rootCause.summary`, …), shown next to the fields. */
  @property({ attribute: false }) errors: Record<string, string> = {}

  @state() private whys: { why: string; because: string }[] = [{ why: '', because: '' }]
  @state() private categories = new Set<CauseCategory>()
  @state() private summary = ''

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('rootCause')) {
      this.whys = this.rootCause?.whys.length ? this.rootCause.whys.map((w) => ({ ...w })) : [{ why: '', because: '' }]
      this.categories = new Set(this.rootCause?.categories ?? [])
      this.summary = this.rootCause?.summary ?? ''
    }
  }

  private setWhy(index: number, key: 'why' | 'because', value: string) {
    this.whys = this.whys.map((w, i) => (i === index ? { ...w, [key]: value } : w))
  }

  private handleAdd() {
    const last = this.whys.at(-1)?.because.trim()
    // The next question asks why the last answer is so.
    this.whys = [...this.whys, { why: last ? msg(str`Why: ${last}?`, { id: 'nc.why.next' }) : '', because: '' }]
  }

  private handleRemove(index: number) {
    this.whys = this.whys.filter((_, i) => i !== index)
  }

  private toggleCategory(category: CauseCategory, on: boolean) {
    const next = new Set(this.categories)
    if (on) next.add(category)
    else next.delete(category)
    this.categories = next
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const rootCause: RootCause = {
      whys: this.whys.map((w) => ({ why: w.why.trim(), because: w.because.trim() })).filter((w) => w.why),
      categories: CAUSE_CATEGORIES.filter((c) => this.categories.has(c)),
      summary: this.summary.trim(),
    }
    this.dispatchEvent(new CustomEvent('qms-save-root-cause', { detail: { rootCause }, bubbles: true, composed: true }))
  }

  override render() {
    return this.editable ? this.renderEditor() : this.renderReadOnly()
  }

  private renderReadOnly() {
    const rc = this.rootCause
    if (!rc) return html`<p class="muted">${msg('Not analysed yet.', { id: 'nc.why.none' })}</p>`
    return html`<ol class="chain">
        ${rc.whys.map((w) => html`<li><strong>${w.why}</strong><br /><span class="because">→ ${w.because || '…'}</span></li>`)}
      </ol>
      <p><strong>${msg('Cause categories', { id: 'nc.why.categories' })}:</strong>
        ${rc.categories.length ? rc.categories.map((c) => html`<span class="chip">${categoryLabel(c)}</span>`) : '—'}</p>
      <p><strong>${msg('Root cause', { id: 'nc.why.summary' })}:</strong> ${rc.summary || '—'}</p>`
  }

  private renderEditor() {
    const error = (path: string) => (this.errors[path] ? html`<span class="error">${this.errors[path]}</span>` : nothing)
    return html`<form @submit=${this.handleSubmit} novalidate>
      <ol>
        ${this.whys.map(
          (w, i) => html`<li class="why">
            <div class="field">
              <label for=${`why-${i}`}>${msg(str`Why? (${i + 1})`, { id: 'nc.why.why' })}</label>
              <input id=${`why-${i}`} .value=${w.why} @input=${(e: Event) => this.setWhy(i, 'why', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for=${`because-${i}`}>${msg(str`Because (${i + 1})`, { id: 'nc.why.because' })}</label>
              <input id=${`because-${i}`} .value=${w.because} @input=${(e: Event) => this.setWhy(i, 'because', (e.target as HTMLInputElement).value)} />
            </div>
            ${this.whys.length > 1
              ? html`<button type="button" class="link" aria-label=${msg(str`Remove why ${i + 1}`, { id: 'nc.why.removeLabel' })} @click=${() => this.handleRemove(i)}>${msg('Remove', { id: 'nc.why.remove' })}</button>`
              : html`<span></span>`}
          </li>`,
        )}
      </ol>
      ${error('rootCause.whys')}
      ${this.whys.length < MAX_WHYS ? html`<div><button type="button" @click=${this.handleAdd}>${msg('Ask why again', { id: 'nc.why.add' })}</button></div>` : nothing}
      <fieldset>
        <legend>${msg('Cause categories', { id: 'nc.why.categories' })}</legend>
        <div class="checks">
          ${CAUSE_CATEGORIES.map(
            (c) => html`<label class="check"><input type="checkbox" .checked=${this.categories.has(c)} @change=${(e: Event) => this.toggleCategory(c, (e.target as HTMLInputElement).checked)} />${categoryLabel(c)}</label>`,
          )}
        </div>
        ${error('rootCause.categories')}
      </fieldset>
      <div class="field">
        <label for="summary">${msg('Root cause', { id: 'nc.why.summary' })}</label>
        <textarea id="summary" rows="2" .value=${this.summary} @input=${(e: Event) => (this.summary = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span class="hint">${msg('One or two sentences; needed before the plan can be confirmed.', { id: 'nc.why.summaryHint' })}</span>
        ${error('rootCause.summary')}
      </div>
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save analysis', { id: 'nc.why.save' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-five-why-editor': QmsNcFiveWhyEditor
  }
}
