import { msg, str, updateWhenLocaleChanges } from '@lit/localize'
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { displayDate, displayDateTime, ISO_DATE, LOCAL_DATE_TIME, parseDate, parseDateTime } from './date-text.ts'

const calendarIcon = svg`<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="4" width="18" height="18" rx="2"/><path d="M16 2v4M8 2v4M3 10h18"/></svg>`

/**
 * A date (or, with `time`, date and time) field that reads and writes dd/mm/yyyy whatever
 * the browser's language (a native `<input type="date">` shows mm/dd/yyyy in an English
 * browser), with the browser's own calendar behind a button. Its value is `yyyy-mm-dd`
 * (with `time`: `yyyy-mm-ddThh:mm`, as a datetime-local input gives; `localInstant` turns
 * it into an instant).
 *
 * It renders into the light DOM, so the page's `<label for=…>` (give the same id as
 * `field-id`), its field styles and its `<form>` all reach the inputs: the form receives the
 * value under `name` (the text as typed when it is not a date, so the server names the
 * field), and the element fires `change` (bubbling, composed) with `name` and `value` on
 * itself when the date changes — as an input would.
 */
@customElement('qms-date-input')
export class QmsDateInput extends LitElement {
  /** The id of the text field, for `<label for>`. */
  @property({ attribute: 'field-id' }) fieldId = ''
  @property() name = ''
  /** `yyyy-mm-dd`, or '' for none. */
  @property() value = ''
  @property() min = ''
  @property() max = ''
  /** 'true' marks the field invalid (the page's server-side error). */
  @property() invalid = 'false'
  @property({ attribute: 'describedby' }) describedBy = ''
  /** Date and 24-hour time. */
  @property({ type: Boolean }) time = false

  /** What the text field shows: the value as dd/mm/yyyy, or what is being typed. */
  @state() private text = ''
  @state() private unreadable = false
  @query('input[tabindex="-1"]') private picker!: HTMLInputElement
  private form: HTMLFormElement | null = null
  private readonly onReset = () => {
    this.value = ''
    this.text = ''
    this.unreadable = false
  }

  constructor() {
    super()
    updateWhenLocaleChanges(this)
  }

  protected override createRenderRoot() {
    return this
  }

  override connectedCallback() {
    super.connectedCallback()
    this.style.display = 'block'
    this.form = this.closest('form')
    this.form?.addEventListener('reset', this.onReset)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.form?.removeEventListener('reset', this.onReset)
  }

  private parse(text: string) {
    return this.time ? parseDateTime(text) : parseDate(text)
  }

  private display(value: string) {
    return this.time ? displayDateTime(value) : displayDate(value)
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A value set from outside (a preset, a loaded record) shows as it is, unless it is what is being typed.
    if (changed.has('value') && this.parse(this.text) !== this.value) {
      this.text = this.display(this.value)
      this.unreadable = false
    }
  }

  private commit(iso: string) {
    this.unreadable = false
    if (iso === this.value) return
    this.value = iso
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
  }

  private handleInput(event: Event) {
    event.stopPropagation()
    this.text = (event.target as HTMLInputElement).value
    const iso = this.parse(this.text)
    // A whole date is taken as soon as it is typed; partial text waits for the field to be left.
    if (iso) this.commit(iso)
  }

  private handleChange(event: Event) {
    event.stopPropagation()
    const text = (event.target as HTMLInputElement).value
    if (!text.trim()) {
      this.text = ''
      this.commit('')
      return
    }
    const iso = this.parse(text)
    if (iso) {
      this.text = this.display(iso)
      this.commit(iso)
    } else {
      this.text = text
      this.unreadable = true
    }
  }

  private handlePicked(event: Event) {
    event.stopPropagation()
    const iso = (event.target as HTMLInputElement).value
    this.text = this.display(iso)
    this.commit(iso)
    this.querySelector<HTMLInputElement>('input[type="text"]')?.focus()
  }

  private openPicker() {
    const picker = this.picker
    picker.value = (this.time ? LOCAL_DATE_TIME : ISO_DATE).test(this.value) ? this.value : ''
    try {
      picker.showPicker()
    } catch {
      // No picker in this browser: typing the date is always possible.
      this.querySelector<HTMLInputElement>('input[type="text"]')?.focus()
    }
  }

  /** A date that cannot be read is not taken; one outside min/max is taken and flagged (the server has the last word). */
  private problem() {
    if (this.unreadable) {
      if (this.time) return msg('Enter the date and time as day/month/year hour:minute, e.g. 27/05/2020 14:30.', { id: 'date.unreadableTime' })
      return msg('Enter a date as day/month/year, e.g. 27/05/2020.', { id: 'date.unreadable' })
    }
    if (this.value && this.min && this.value < this.min) return msg(str`The date must be on or after ${this.display(this.min)}.`, { id: 'date.tooEarly' })
    if (this.value && this.max && this.value > this.max) return msg(str`The date must be on or before ${this.display(this.max)}.`, { id: 'date.tooLate' })
    return ''
  }

  protected override render() {
    const problem = this.problem()
    const problemId = `${this.fieldId || this.name}-date-problem`
    const describedBy = [this.describedBy, problem ? problemId : ''].filter(Boolean).join(' ')
    // The form gets the date, or the text as typed when it is not one (the server then names the field).
    const submitted = this.unreadable ? this.text : this.value
    return html`<span style="position: relative; display: block;">
        <input
          type="text"
          id=${this.fieldId || nothing}
          autocomplete="off"
          placeholder=${this.time ? msg('dd/mm/yyyy hh:mm', { id: 'date.placeholderTime' }) : msg('dd/mm/yyyy', { id: 'date.placeholder' })}
          style="padding-right: 2.75rem; min-width: ${this.time ? '12.5rem' : '9.5rem'};"
          .value=${live(this.text)}
          aria-invalid=${problem || this.invalid === 'true' ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${this.handleInput}
          @change=${this.handleChange}
        />
        <button
          type="button"
          aria-label=${msg('Choose on a calendar', { id: 'date.calendar' })}
          title=${msg('Choose on a calendar', { id: 'date.calendar' })}
          style="position: absolute; inset: 0 0 0 auto; width: 2.75rem; min-height: 0; padding: 0; border: none; background: none; color: inherit; cursor: pointer; display: flex; align-items: center; justify-content: center;"
          @click=${this.openPicker}
        >
          ${calendarIcon}
        </button>
        <input
          type=${this.time ? 'datetime-local' : 'date'}
          tabindex="-1"
          aria-hidden="true"
          min=${this.min || nothing}
          max=${this.max || nothing}
          style="position: absolute; right: 0; bottom: 0; width: 1px; height: 1px; min-height: 0; padding: 0; border: 0; opacity: 0; pointer-events: none;"
          @change=${this.handlePicked}
          @input=${(e: Event) => e.stopPropagation()}
        />
        <input type="hidden" name=${this.name || nothing} .value=${submitted} />
      </span>
      ${problem ? html`<span class="error" id=${problemId} role="alert">${problem}</span>` : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-date-input': QmsDateInput
  }
}
