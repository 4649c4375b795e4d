import { msg, str, updateWhenLocaleChanges } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { loadIsoClauses } from '../api/loaders.ts'
import type { IsoClause } from '../api/types.ts'
import { getLocale } from '../i18n/localization.ts'
import { searchClauses } from './clause-search.ts'

// The element renders into the light DOM (see below), so its own rules cannot be its
// shadow root's: they are adopted once into the root it lives in (the page's shadow root).
const pickerStyles = css`
  /* Its width is the field's, never its chips' titles (they end in an ellipsis): a long title must not widen a grid or a phone page. */
  qms-clause-picker { display: block; contain: inline-size; }
  qms-clause-picker .clause-picker-chips { list-style: none; margin: 0 0 var(--qms-space-2); padding: 0; display: flex; flex-wrap: wrap; gap: var(--qms-space-1) var(--qms-space-2); }
  qms-clause-picker .clause-picker-chip {
    display: inline-flex; align-items: center; gap: var(--qms-space-1); max-width: 100%; min-width: 0;
    padding-left: var(--qms-space-3); border-radius: 999px; background: var(--qms-primary-soft); color: var(--qms-primary-strong);
  }
  qms-clause-picker .clause-picker-chip .clause-picker-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; font-size: 0.85rem; }
  qms-clause-picker .clause-picker-chip button {
    flex: none; width: 36px; min-height: 36px; padding: 0; border: none; border-radius: 999px; background: none; color: inherit; font-size: 1.2rem;
  }
  qms-clause-picker .clause-picker-chip button:hover { background: rgb(11 83 148 / 12%); }
  qms-clause-picker .clause-picker-field { position: relative; }
  qms-clause-picker .clause-picker-popup {
    position: absolute; z-index: 20; left: 0; right: 0; top: calc(100% + 2px); max-height: min(18rem, 50vh); overflow-y: auto;
    background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); box-shadow: var(--qms-shadow);
  }
  qms-clause-picker [role='listbox'] { list-style: none; margin: 0; padding: 0; }
  qms-clause-picker [role='option'] {
    display: flex; align-items: baseline; gap: var(--qms-space-2); min-height: var(--qms-tap); box-sizing: border-box;
    padding: var(--qms-space-2) var(--qms-space-3); cursor: pointer;
  }
  qms-clause-picker [role='option']:hover, qms-clause-picker [role='option'].active { background: var(--qms-primary-soft); }
  qms-clause-picker [role='option'].active { outline: 2px solid var(--qms-primary); outline-offset: -2px; }
  qms-clause-picker .clause-picker-number { flex: none; min-width: 3.75rem; font-weight: 600; font-variant-numeric: tabular-nums; }
  qms-clause-picker .described { font-style: italic; }
  qms-clause-picker .clause-picker-note { margin: 0; padding: var(--qms-space-2) var(--qms-space-3); color: var(--qms-muted); }
  qms-clause-picker .clause-picker-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`

let serial = 0

const sameNumbers = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i])

/** The clause's title in the language of the page. */
const titleOf = (clause: IsoClause) => (getLocale() === 'en' ? clause.en : clause.vi)

/**
 * @summary Chooses ISO 9001:2015 clauses: a combobox that finds clauses by number ("8.5"
 * → 8.5, 8.5.1 …) or by words of the title in Vietnamese or English, typed with or without
 * diacritics, and shows the chosen ones as chips, each with a remove button.
 *
 * Keyboard: ↓/↑ move through the list (↓ opens it), Enter takes the highlighted clause,
 * Escape closes the list (then clears the text), Backspace in an empty field removes the
 * last chip. Enter with nothing typed submits the form, as in any text field.
 *
 * Like `qms-date-input` it renders into the light DOM, so the page's `<label for=…>` (give
 * the same id as `field-id`), its field styles and its `<form>` reach the inputs: the form
 * receives one value under `name` for each chosen clause (`FormData.getAll(name)`). The
 * clause outline is loaded once per page session (`loadIsoClauses`).
 *
 * @event change - bubbling, composed, on the element; `detail.value` (and `value`) is the
 * chosen clause numbers, in the order they were chosen
 */
@customElement('qms-clause-picker')
export class QmsClausePicker extends LitElement {
  /** The id of the text field, for `<label for>`. */
  @property({ attribute: 'field-id' }) fieldId = ''
  /** The name the chosen numbers are submitted under, one form value each. */
  @property() name = ''
  /**
   * The chosen clause numbers. Lit sets an array bound with `.value=${…}` again on every
   * render of the page, even the same constant: a value equal by content to the last one
   * given (or to the chosen ones) is therefore ignored, so the user's picks survive the
   * page's re-renders (a refused save, a field error). Give a different list to replace them.
   */
  @property({ attribute: false, noAccessor: true })
  get value(): string[] {
    return this.chosen
  }
  set value(value: string[]) {
    const given = this.given
    this.given = value
    if (sameNumbers(value, given) || sameNumbers(value, this.chosen)) return
    this.setChosen([...value])
  }
  /** 'true' marks the field invalid (the page's server-side error). */
  @property() invalid = 'false'
  @property({ attribute: 'describedby' }) describedBy = ''

  @state() private chosen: string[] = []
  /** The list the page last gave as `value`. */
  private given: readonly string[] = []
  @state() private query = ''
  @state() private open = false
  /** The highlighted option's index in `found`, or -1. */
  @state() private active = -1
  /** What the screen reader is told after a chip comes or goes. */
  @state() private announcement = ''

  private readonly clauses = new Task(this, { task: () => loadIsoClauses(), args: () => [] })
  private readonly ownId = `clause-picker-${++serial}`

  constructor() {
    super()
    updateWhenLocaleChanges(this)
  }

  protected override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    const root = this.getRootNode()
    const sheet = pickerStyles.styleSheet
    if (sheet && (root instanceof ShadowRoot || root instanceof Document) && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    }
  }

  private get baseId() {
    return this.fieldId || this.ownId
  }

  private optionId(clause: IsoClause) {
    return `${this.baseId}-option-${clause.number}`
  }

  /** The clauses the text finds (not `matches`: Element has one), less those already chosen. */
  private get found(): IsoClause[] {
    const clauses = this.clauses.value
    if (!clauses) return []
    return searchClauses(clauses, this.query).filter((c) => !this.chosen.includes(c.number))
  }

  private setChosen(value: string[]) {
    const old = this.chosen
    this.chosen = value
    this.requestUpdate('value', old)
  }

  private setValue(value: string[], announcement: string) {
    this.setChosen(value)
    this.announcement = announcement
    this.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true, composed: true }))
  }

  private pick(clause: IsoClause) {
    this.query = ''
    this.open = false
    this.active = -1
    this.setValue([...this.chosen, clause.number], msg(str`Clause ${clause.number} added.`, { id: 'clausePicker.added' }))
  }

  private removeClause(number: string) {
    this.setValue(this.chosen.filter((n) => n !== number), msg(str`Clause ${number} removed.`, { id: 'clausePicker.removed' }))
    // The chip's button is gone: the field keeps the focus.
    this.input?.focus()
  }

  private get input() {
    return this.querySelector<HTMLInputElement>('input[role="combobox"]')
  }

  private handleInput(event: Event) {
    event.stopPropagation()
    this.query = (event.target as HTMLInputElement).value
    this.open = true
    // The first match is highlighted, so a typed number is taken with Enter.
    this.active = this.query.trim() && this.found.length ? 0 : -1
  }

  private handleKeydown(event: KeyboardEvent) {
    const count = this.found.length
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!this.open) {
          this.open = true
          this.active = count ? 0 : -1
        } else if (count) this.active = Math.min(this.active + 1, count - 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        if (this.open && count) this.active = Math.max(this.active - 1, 0)
        break
      case 'Enter': {
        const clause = this.open ? this.found[this.active] : undefined
        if (clause) {
          event.preventDefault()
          this.pick(clause)
        } else if (this.query.trim()) {
          // Half-typed text is not a clause: the form is not sent with it.
          event.preventDefault()
        }
        break
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault()
          this.open = false
          this.active = -1
        } else if (this.query) {
          event.preventDefault()
          this.query = ''
        }
        break
      case 'Backspace':
        if (!this.query && this.chosen.length) {
          event.preventDefault()
          this.removeClause(this.chosen[this.chosen.length - 1])
        }
        break
    }
  }

  private handleClick() {
    if (this.open) return
    this.open = true
    this.active = -1
  }

  private handleBlur() {
    this.open = false
    this.active = -1
  }

  protected override updated(changed: PropertyValues) {
    if ((changed.has('active') || changed.has('open')) && this.open && this.active >= 0) {
      this.querySelector(`[role="option"][data-index="${this.active}"]`)?.scrollIntoView({ block: 'nearest' })
    }
  }

  protected override render() {
    const clauses = this.clauses.value ?? []
    const matches = this.open ? this.found : []
    const listboxId = `${this.baseId}-listbox`
    const active = matches[this.active]
    return html`${this.chosen.length
        ? html`<ul class="clause-picker-chips" aria-label=${msg('Chosen clauses', { id: 'clausePicker.chosen' })}>
            ${this.chosen.map((number) => {
              const clause = clauses.find((c) => c.number === number)
              return html`<li class="clause-picker-chip">
                <strong>${number}</strong>
                ${clause ? html`<span class="clause-picker-title ${clause.described ? 'described' : ''}" title=${titleOf(clause)}>${titleOf(clause)}</span>` : nothing}
                <button type="button" aria-label=${msg(str`Remove clause ${number}`, { id: 'clausePicker.remove' })} @click=${() => this.removeClause(number)}>×</button>
              </li>`
            })}
          </ul>`
        : nothing}
      <div class="clause-picker-field">
        <input
          type="text"
          id=${this.baseId}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${listboxId}
          aria-activedescendant=${active ? this.optionId(active) : nothing}
          aria-invalid=${this.invalid === 'true' ? 'true' : 'false'}
          aria-describedby=${this.describedBy || nothing}
          autocomplete="off"
          spellcheck="false"
          placeholder=${this.chosen.length ? msg('Add a clause', { id: 'clausePicker.addMore' }) : msg('Number or words, e.g. 8.5 or control', { id: 'clausePicker.placeholder' })}
          .value=${live(this.query)}
          @input=${this.handleInput}
          @change=${(e: Event) => e.stopPropagation()}
          @keydown=${this.handleKeydown}
          @click=${this.handleClick}
          @blur=${this.handleBlur}
        />
        <div class="clause-picker-popup" ?hidden=${!this.open} @mousedown=${(e: Event) => e.preventDefault()}>
          <ul role="listbox" id=${listboxId} aria-label=${msg('Clauses found', { id: 'clausePicker.found' })}>
            ${matches.map(
              (c, i) => html`<li
                role="option"
                id=${this.optionId(c)}
                data-index=${i}
                class=${i === this.active ? 'active' : ''}
                aria-selected=${i === this.active ? 'true' : 'false'}
                @click=${() => this.pick(c)}
              >
                <span class="clause-picker-number">${c.number}</span><span class=${c.described ? 'described' : ''}>${titleOf(c)}</span>
              </li>`,
            )}
          </ul>
          ${this.open && !matches.length
            ? html`<p class="clause-picker-note">${this.clauses.render({
                pending: () => msg('Loading…', { id: 'common.loading' }),
                complete: () => msg('No clause matches.', { id: 'clausePicker.noMatch' }),
                error: () => msg('Could not load data.', { id: 'common.loadFailed' }),
              })}</p>`
            : nothing}
        </div>
      </div>
      <span class="clause-picker-status" role="status">${this.announcement}</span>
      ${this.name ? this.chosen.map((number) => html`<input type="hidden" name=${this.name} .value=${number} />`) : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-clause-picker': QmsClausePicker
  }
}
