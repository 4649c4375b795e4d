import { html, nothing } from 'lit'

/**
 * A labelled form field: the label tied to the input by `name` (inputs carry
 * `id=${name}`), an optional hint, and the error line the input's aria-describedby
 * points at (`${name}-error`). Every form lays its fields out through this.
 */
export function formField(name: string, label: string, input: unknown, error?: string, hint?: string) {
  return html`<div class="field">
    <label for=${name}>${label}</label>
    ${input}
    ${hint ? html`<span class="hint" id=${`${name}-hint`}>${hint}</span>` : nothing}
    ${error ? html`<span class="error" id=${`${name}-error`}>${error}</span>` : nothing}
  </div>`
}
