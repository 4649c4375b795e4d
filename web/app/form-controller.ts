/**
 * What every form does around a save: the button is disabled while the request runs,
 * a problem from the API is kept for the fields and the error line (a 412 says "someone
 * else changed this record"), and a successful save may lead to another page.
 *
 *   private readonly form = new FormController(this)
 *   await this.form.run(async () => {
 *     const thing = await post<Thing>('/api/things', body)
 *     this.form.navigate(`/things/${thing.id}`)
 *   })
 *   html`${this.form.renderError()}<button ?disabled=${this.form.busy}>…`
 */
import { msg } from '@lit/localize'
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import { ApiError } from '../api/client.ts'
import { fieldMessage } from './field-errors.ts'
import { formField } from './form-field.ts'
import { showToast } from './qms-toast.ts'

export class FormController implements ReactiveController {
  private _busy = false
  private _error?: ApiError

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this)
  }

  hostConnected() {}

  /** A request is running: disable the submit buttons. */
  get busy() {
    return this._busy
  }

  /** The API's refusal of the last save, if it was refused. */
  get error(): ApiError | undefined {
    return this._error
  }

  set error(error: ApiError | undefined) {
    this._error = error
    this.host.requestUpdate()
  }

  /** Forget the last refusal (e.g. when another form is opened). */
  clear() {
    this.error = undefined
  }

  /**
   * Runs one save: busy while it runs, the last error cleared first. An `ApiError` is kept
   * in `error` and the result is `undefined`; any other failure is thrown on. With
   * `success`, that short message is shown once the server has accepted the change.
   */
  async run<T>(save: () => Promise<T>, options: { success?: string } = {}): Promise<T | undefined> {
    this._busy = true
    this.error = undefined
    try {
      const result = await save()
      // Said only once the server answered: never "saved" for what it does not hold.
      if (options.success) showToast(options.success)
      return result
    } catch (err) {
      if (err instanceof ApiError) this.error = err
      else throw err
      return undefined
    } finally {
      this._busy = false
      this.host.requestUpdate()
    }
  }

  /** Asks the shell to show another page. */
  navigate(to: string, options: { replace?: boolean } = {}) {
    const detail = options.replace ? { to, replace: true } : { to }
    this.host.dispatchEvent(new CustomEvent('qms-navigate', { detail, bubbles: true, composed: true }))
  }

  /** The record changed since it was read (412: the If-Match version is stale). */
  get stale() {
    return this._error?.status === 412
  }

  /** The message for one field, or '' (for the error line under an input). */
  message(path: string): string {
    return fieldMessage(this._error, path)
  }

  /** A labelled field (`formField`) with this form's error for it. */
  field(name: string, label: string, input: unknown, hint?: string) {
    return formField(name, label, input, this.message(name), hint)
  }

  /** The error line under a field that is not laid out by `formField`, or nothing. */
  errorLine(path: string) {
    const message = this.message(path)
    return message ? html`<span class="error">${message}</span>` : nothing
  }

  /** `aria-invalid` for one field. */
  invalid(path: string): 'true' | 'false' {
    return this.message(path) ? 'true' : 'false'
  }

  /** The refusal in words: "someone else changed this record" for a stale version, else the server's detail. */
  problemText(): string {
    if (!this._error) return ''
    return this.stale ? msg('Someone else changed this record. Reload it and make your change again.', { id: 'common.stale' }) : this._error.problem.detail
  }

  /** The error line for a refusal that names no field (field errors show under their inputs). */
  renderError() {
    if (!this._error || this._error.problem.errors?.length) return nothing
    return html`<div class="form-error" role="alert">${this.problemText()}</div>`
  }
}
