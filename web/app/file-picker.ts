import { msg, str } from '@lit/localize'
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import { plural } from '../i18n/localization.ts'

interface Chosen {
  name: string
  /** An object URL for an image's thumbnail; none for a PDF. */
  url?: string
}

/**
 * A styled file picker for a form: a real `<input type="file">` (so FormData and the field's
 * label work as usual), visually replaced by a button, with a preview of what was chosen —
 * thumbnails for photos, names for PDFs. The host renders `picker.render(…)` inside its
 * `.field` and includes `filePickerStyles`; the thumbnails' object URLs are released when
 * the choice changes or the host goes away.
 */
export class FilePicker implements ReactiveController {
  private chosen: Chosen[] = []

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostDisconnected() {
    this.clear()
  }

  /** Forgets the choice (after the form is sent or closed). */
  clear() {
    for (const c of this.chosen) if (c.url) URL.revokeObjectURL(c.url)
    this.chosen = []
  }

  private readonly handleChange = (event: Event) => {
    this.clear()
    this.chosen = Array.from((event.target as HTMLInputElement).files ?? []).map((f) => ({
      name: f.name,
      url: f.type.startsWith('image/') ? URL.createObjectURL(f) : undefined,
    }))
    this.host.requestUpdate()
  }

  render(id: string, name: string, accept: string, describedBy?: string) {
    const n = this.chosen.length
    return html`<div class="file-picker">
        <input id=${id} name=${name} type="file" multiple accept=${accept} class="file-input" aria-describedby=${describedBy ?? nothing} @change=${this.handleChange} />
        <label for=${id} class="button file-button" aria-hidden="true">📎 ${msg('Choose files', { id: 'common.file.choose' })}</label>
        <span class="file-count" aria-live="polite">${n
          ? plural(n, () => msg(str`${n} file chosen`, { id: 'common.file.chosen.one' }), () => msg(str`${n} files chosen`, { id: 'common.file.chosen' }))
          : msg('No file chosen', { id: 'common.file.none' })}</span>
      </div>
      ${n
        ? html`<ul class="file-previews">
            ${this.chosen.map((c) => html`<li>${c.url ? html`<img src=${c.url} alt="" />` : html`<span class="file-icon" aria-hidden="true">PDF</span>`}<span class="file-name">${c.name}</span></li>`)}
          </ul>`
        : nothing}`
  }
}

export const filePickerStyles = css`
  .file-picker { display: flex; flex-wrap: wrap; align-items: center; gap: var(--qms-space-2) var(--qms-space-3); }
  /* The input stays in the page for the label, the keyboard and FormData; the button shows where it is. */
  .file-input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
  .file-input:focus-visible + .file-button { outline: 3px solid var(--qms-focus); outline-offset: 1px; }
  .file-count { color: var(--qms-muted); font-size: 0.9rem; }
  ul.file-previews { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: var(--qms-space-2); }
  ul.file-previews li { display: grid; justify-items: center; gap: 2px; width: 88px; font-size: 0.8rem; }
  ul.file-previews img, .file-icon { width: 88px; height: 66px; object-fit: cover; border-radius: var(--qms-radius); border: 1px solid var(--qms-border); }
  .file-icon { display: grid; place-items: center; background: var(--qms-danger-soft); color: var(--qms-danger); font-weight: 700; }
  .file-name { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`
