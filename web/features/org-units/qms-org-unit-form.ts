import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { patch, post } from '../../api/client.ts'
import type { OrgUnit } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName } from '../../api/loaders.ts'

/**
 * @summary Creates or edits one org unit.
 * @event qms-saved - detail: the saved OrgUnit
 * @event qms-cancel - the user closed the form without saving
 */
@customElement('qms-org-unit-form')
@localized()
export class QmsOrgUnitForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The unit to edit; null to create one. */
  @property({ attribute: false }) unit: OrgUnit | null = null
  /** All units, for the parent choice. */
  @property({ attribute: false }) units: OrgUnit[] = []
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const body = {
      code: String(data.get('code') ?? '').trim(),
      name: String(data.get('name') ?? '').trim(),
      parentId: String(data.get('parentId') ?? '') || null,
      ...(this.unit ? { active: data.get('active') === 'on' } : {}),
    }
    await this.form.run(async () => {
      const saved = this.unit
        ? await patch<OrgUnit>(`/api/org-units/${this.unit.id}`, body, { ifMatch: this.unit.version })
        : await post<OrgUnit>('/api/org-units', body)
      this.dispatchEvent(new CustomEvent('qms-saved', { detail: saved, bubbles: true, composed: true }))
    })
  }

  private renderField(name: string, label: string, input: unknown, hint?: string) {
    const error = this.form.message(name)
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${input}
      ${hint ? html`<span class="hint" id=${`${name}-hint`}>${hint}</span>` : nothing}
      ${error ? html`<span class="error" id=${`${name}-error`}>${error}</span>` : nothing}
    </div>`
  }

  override render() {
    const unit = this.unit
    // A unit cannot move under itself or its own sub-units.
    const parents = this.units.filter((u) => u.active && (!unit || (u.id !== unit.id && !this.isBelow(u, unit))))
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      <h2>${unit ? msg('Edit unit', { id: 'orgUnits.editTitle' }) : msg('New unit', { id: 'orgUnits.newTitle' })}</h2>
      <div class="grid-2">
        ${this.renderField(
          'code',
          msg('Code', { id: 'orgUnits.code' }),
          html`<input id="code" name="code" .value=${unit?.code ?? ''} required maxlength="50" aria-invalid=${this.form.invalid('code')} aria-describedby="code-hint code-error" />`,
          msg('A short unique code, e.g. VP.', { id: 'orgUnits.codeHint' }),
        )}
        ${this.renderField(
          'name',
          msg('Name', { id: 'orgUnits.name' }),
          html`<input id="name" name="name" .value=${unit?.name ?? ''} required maxlength="300" aria-invalid=${this.form.invalid('name')} aria-describedby="name-error" />`,
        )}
      </div>
      ${this.renderField(
        'parentId',
        msg('Part of', { id: 'orgUnits.parent' }),
        html`<select id="parentId" name="parentId" aria-invalid=${this.form.invalid('parentId')} aria-describedby="parentId-error">
          <option value="" ?selected=${!unit?.parentId}>${msg('— Top level —', { id: 'orgUnits.topLevel' })}</option>
          ${parents.map((p) => html`<option value=${p.id} ?selected=${unit?.parentId === p.id}>${indentedName(p)}</option>`)}
        </select>`,
      )}
      ${unit
        ? html`<div class="field"><label class="check"><input type="checkbox" name="active" ?checked=${unit.active} />
            ${msg('Active', { id: 'orgUnits.activeLabel' })}</label>
            ${this.form.message('active') ? html`<span class="error">${this.form.error?.problem.detail}</span>` : nothing}</div>`
        : nothing}
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('qms-cancel', { bubbles: true, composed: true }))}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }

  private isBelow(candidate: OrgUnit, ancestor: OrgUnit): boolean {
    const byId = new Map(this.units.map((u) => [u.id, u]))
    for (let p = candidate.parentId ? byId.get(candidate.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
      if (p.id === ancestor.id) return true
    }
    return false
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-org-unit-form': QmsOrgUnitForm
  }
}
