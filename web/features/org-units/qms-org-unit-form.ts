import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, patch, post } from '../../api/client.ts'
import type { OrgUnit } from '../../api/types.ts'
import { fieldMessage } from '../../app/field-errors.ts'
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
  @state() private error?: ApiError
  @state() private busy = false

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const body = {
      code: String(data.get('code') ?? '').trim(),
      name: String(data.get('name') ?? '').trim(),
      parentId: String(data.get('parentId') ?? '') || null,
      ...(this.unit ? { active: data.get('active') === 'on' } : {}),
    }
    this.busy = true
    this.error = undefined
    try {
      const saved = this.unit
        ? await patch<OrgUnit>(`/api/org-units/${this.unit.id}`, body, { ifMatch: this.unit.version })
        : await post<OrgUnit>('/api/org-units', body)
      this.dispatchEvent(new CustomEvent('qms-saved', { detail: saved, bubbles: true, composed: true }))
    } catch (err) {
      if (err instanceof ApiError) this.error = err
      else throw err
    } finally {
      this.busy = false
    }
  }

  private renderField(name: string, label: string, input: unknown, hint?: string) {
    const error = fieldMessage(this.error, name)
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${input}
      ${hint ? html`<span class="hint" id=${`${name}-hint`}>${hint}</span>` : nothing}
      ${error ? html`<span class="error" id=${`${name}-error`}>${error}</span>` : nothing}
    </div>`
  }

  override render() {
    const unit = this.unit
    const invalid = (name: string) => (fieldMessage(this.error, name) ? 'true' : 'false')
    // A unit cannot move under itself or its own sub-units.
    const parents = this.units.filter((u) => u.active && (!unit || (u.id !== unit.id && !this.isBelow(u, unit))))
    const problem = this.error && !this.error.problem.errors?.length ? this.error.problem.detail : ''
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      <h2>${unit ? msg('Edit unit', { id: 'orgUnits.editTitle' }) : msg('New unit', { id: 'orgUnits.newTitle' })}</h2>
      <div class="grid-2">
        ${this.renderField(
          'code',
          msg('Code', { id: 'orgUnits.code' }),
          html`<input id="code" name="code" .value=${unit?.code ?? ''} required maxlength="50" aria-invalid=${invalid('code')} aria-describedby="code-hint code-error" />`,
          msg('A short unique code, e.g. VP.', { id: 'orgUnits.codeHint' }),
        )}
        ${this.renderField(
          'name',
          msg('Name', { id: 'orgUnits.name' }),
          html`<input id="name" name="name" .value=${unit?.name ?? ''} required maxlength="300" aria-invalid=${invalid('name')} aria-describedby="name-error" />`,
        )}
      </div>
      ${this.renderField(
        'parentId',
        msg('Part of', { id: 'orgUnits.parent' }),
        html`<select id="parentId" name="parentId" aria-invalid=${invalid('parentId')} aria-describedby="parentId-error">
          <option value="" ?selected=${!unit?.parentId}>${msg('— Top level —', { id: 'orgUnits.topLevel' })}</option>
          ${parents.map((p) => html`<option value=${p.id} ?selected=${unit?.parentId === p.id}>${indentedName(p)}</option>`)}
        </select>`,
      )}
      ${unit
        ? html`<div class="field"><label class="check"><input type="checkbox" name="active" ?checked=${unit.active} />
            ${msg('Active', { id: 'orgUnits.activeLabel' })}</label>
            ${fieldMessage(this.error, 'active') ? html`<span class="error">${this.error?.problem.detail}</span>` : nothing}</div>`
        : nothing}
      ${problem ? html`<div class="form-error" role="alert">${this.error?.status === 412 ? msg('Someone else changed this record. Reload it and make your change again.', { id: 'common.stale' }) : problem}</div>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save', { id: 'common.save' })}</button>
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
