import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { get, patch, post } from '../../api/client.ts'
import type { ChecklistItem, ChecklistTemplate } from '../../api/types.ts'
import { clauseErrors } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { formField } from '../../app/form-field.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { CATEGORIES, categoryLabel, RESPONSE_TYPES, responseTypeLabel } from './checklist-labels.ts'
import '../../app/qms-clause-picker.ts'

/** An item being edited: the API's item without its id when new, plus a key that survives reordering. */
interface Draft {
  key: number
  id?: string
  text: string
  category: ChecklistItem['category']
  clauseNumbers: string[]
  responseType: ChecklistItem['responseType']
  choices: string
  weight: string
  perPerson: boolean
  required: boolean
  photoRequiredOnFail: boolean
  createsFindingOnFail: boolean
}

type Flag = 'perPerson' | 'required' | 'photoRequiredOnFail' | 'createsFindingOnFail'

let nextKey = 1

const splitList = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean)

const blank = (): Draft => ({
  key: nextKey++,
  text: '',
  category: 'other',
  clauseNumbers: [],
  responseType: 'pass_fail_na',
  choices: '',
  weight: '1',
  perPerson: false,
  required: true,
  photoRequiredOnFail: false,
  createsFindingOnFail: true,
})

const fromItem = (i: ChecklistItem): Draft => ({
  key: nextKey++,
  id: i.id,
  text: i.text,
  category: i.category,
  clauseNumbers: i.clauseNumbers,
  responseType: i.responseType,
  choices: (i.choices ?? []).join('\n'),
  weight: String(i.weight),
  perPerson: i.perPerson,
  required: i.required,
  photoRequiredOnFail: i.photoRequiredOnFail,
  createsFindingOnFail: i.createsFindingOnFail,
})

/**
 * @summary Creates a checklist or changes one: its name, whether it is in use, and its
 * criteria (what is checked, under which category and ISO clauses, how it is judged).
 * Saving a checklist that inspections already use makes a new revision; they keep theirs.
 * @event qms-navigate - detail `{ to }`: back to the checklists after saving
 */
@customElement('qms-checklist-template-editor')
@localized()
export class QmsChecklistTemplateEditor extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      fieldset.item { display: grid; gap: var(--qms-space-3); background: var(--qms-surface); }
      fieldset.item > legend { padding: 0 var(--qms-space-1); }
      .flags { display: flex; flex-wrap: wrap; gap: 0 var(--qms-space-4); }
      .item-actions { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); }
      .notice { background: var(--qms-warning-soft); border-radius: var(--qms-radius); padding: var(--qms-space-3); margin: 0; }
    `,
  ]

  @property() templateId?: string
  @state() private items: Draft[] = []
  private readonly form = new FormController(this)

  private readonly template = new Task(this, {
    task: async ([id], { signal }) => {
      const template = id ? await get<ChecklistTemplate>(`/api/checklist-templates/${id}`, { signal }) : null
      this.items = template ? template.items.map(fromItem) : [blank()]
      return template
    },
    args: () => [this.templateId] as const,
  })

  private edit(key: number, change: Partial<Draft>) {
    this.items = this.items.map((d) => (d.key === key ? { ...d, ...change } : d))
  }

  private move(index: number, by: -1 | 1) {
    const items = [...this.items]
    const [moved] = items.splice(index, 1)
    items.splice(index + by, 0, moved)
    this.items = items
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const current = this.template.value
    const body: Record<string, unknown> = {
      name: String(data.get('name') ?? '').trim(),
      description: String(data.get('description') ?? '').trim() || null,
      items: this.items.map((d) => ({
        ...(d.id ? { id: d.id } : {}),
        text: d.text.trim(),
        category: d.category,
        clauseNumbers: d.clauseNumbers,
        responseType: d.responseType,
        choices: d.responseType === 'choice' ? splitList(d.choices, /\n/) : null,
        weight: d.weight.trim() === '' ? 1 : Number(d.weight),
        perPerson: d.perPerson,
        required: d.required,
        photoRequiredOnFail: d.photoRequiredOnFail,
        createsFindingOnFail: d.createsFindingOnFail,
      })),
    }
    if (current) body.active = data.get('active') === 'on'
    await this.form.run(async () => {
      if (current) await patch<ChecklistTemplate>(`/api/checklist-templates/${current.id}`, body, { ifMatch: current.version })
      else await post<ChecklistTemplate>('/api/checklist-templates', body)
      this.form.navigate('/checklist-templates')
    })
  }

  override render() {
    return html`<p><a href="/checklist-templates">${msg('← All checklists', { id: 'checklists.back' })}</a></p>
      ${this.template.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (t) => this.renderForm(t),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderForm(t: ChecklistTemplate | null) {
    return html`<h1>${t ? msg('Edit checklist', { id: 'checklists.editTitle' }) : msg('New checklist', { id: 'checklists.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${t?.inUse
          ? html`<p class="notice">${msg(str`Inspections already use revision ${t.currentRevision}: changed criteria become revision ${t.currentRevision + 1}, and those inspections keep theirs.`, { id: 'checklists.inUseNotice' })}</p>`
          : nothing}
        ${formField('name', msg('Name', { id: 'checklists.name' }), html`<input id="name" name="name" .value=${t?.name ?? ''} aria-invalid=${this.form.invalid('name')} />`, this.form.message('name'))}
        ${formField('description', msg('Description', { id: 'checklists.description' }), html`<textarea id="description" name="description" rows="2" .value=${t?.description ?? ''}></textarea>`, this.form.message('description'))}
        ${t ? html`<label class="check"><input type="checkbox" name="active" ?checked=${t.active} />${msg('In use for new inspections (active)', { id: 'checklists.active' })}</label>` : nothing}
        <h2>${msg('Criteria', { id: 'checklists.criteria' })}</h2>
        ${repeat(this.items, (d) => d.key, (d, i) => this.renderItem(d, i))}
        <div><button type="button" @click=${() => (this.items = [...this.items, blank()])}>${msg('Add a criterion', { id: 'checklists.addItem' })}</button></div>
        ${this.form.renderError()}
        ${this.form.error?.problem.errors?.length ? html`<div class="form-error" role="alert">${msg('Some fields need attention; they are marked below.', { id: 'common.checkFields' })}</div>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/checklist-templates">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }

  private renderItem(d: Draft, i: number) {
    const id = (field: string) => `item-${d.key}-${field}`
    const path = (field: string) => `items.${i}.${field}`
    const error = (field: string) => this.form.message(path(field))
    const clauseError = error('clauseNumbers') || clauseErrors(this.form.error, path('clauseNumbers'), d.clauseNumbers)
    const field = (name: string, label: string, input: unknown, message = error(name)) => html`<div class="field">
      <label for=${id(name)}>${label}</label>
      ${input}
      ${message ? html`<span class="error" id=${`${id(name)}-error`}>${message}</span>` : nothing}
    </div>`
    const flag = (name: Flag, label: string) =>
      html`<label class="check"><input type="checkbox" .checked=${d[name]} @change=${(e: Event) => this.edit(d.key, { [name]: (e.target as HTMLInputElement).checked })} />${label}</label>`
    const n = i + 1
    return html`<fieldset class="item">
      <legend>${msg(str`Criterion ${n}`, { id: 'checklists.itemN' })}</legend>
      ${field('text', msg('What is checked', { id: 'checklists.itemText' }),
        html`<textarea id=${id('text')} rows="2" .value=${d.text} aria-invalid=${error('text') ? 'true' : 'false'} @input=${(e: Event) => this.edit(d.key, { text: (e.target as HTMLTextAreaElement).value })}></textarea>`)}
      <div class="grid-2">
        ${field('category', msg('Category', { id: 'checklists.category' }),
          html`<select id=${id('category')} @change=${(e: Event) => this.edit(d.key, { category: (e.target as HTMLSelectElement).value as Draft['category'] })}>
            ${CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === d.category}>${categoryLabel(c)}</option>`)}
          </select>`)}
        ${field('clauseNumbers', msg('ISO 9001 clauses', { id: 'checklists.clauses' }),
          html`<qms-clause-picker field-id=${id('clauseNumbers')} .value=${d.clauseNumbers} invalid=${clauseError ? 'true' : 'false'} describedby=${`${id('clauseNumbers')}-error`}
            @change=${(e: CustomEvent<{ value: string[] }>) => this.edit(d.key, { clauseNumbers: e.detail.value })}></qms-clause-picker>`,
          clauseError)}
        ${field('responseType', msg('How it is judged', { id: 'checklists.how' }),
          html`<select id=${id('responseType')} @change=${(e: Event) => this.edit(d.key, { responseType: (e.target as HTMLSelectElement).value as Draft['responseType'] })}>
            ${RESPONSE_TYPES.map((r) => html`<option value=${r} ?selected=${r === d.responseType}>${responseTypeLabel(r)}</option>`)}
          </select>`)}
        ${field('weight', msg('Weight in the score', { id: 'checklists.weightLabel' }),
          html`<input id=${id('weight')} type="number" min="0" max="100" step="any" .value=${d.weight} aria-invalid=${error('weight') ? 'true' : 'false'} @input=${(e: Event) => this.edit(d.key, { weight: (e.target as HTMLInputElement).value })} />`)}
      </div>
      ${d.responseType === 'choice'
        ? field('choices', msg('Choices, one per line', { id: 'checklists.choices' }),
            html`<textarea id=${id('choices')} rows="3" .value=${d.choices} aria-invalid=${error('choices') ? 'true' : 'false'} @input=${(e: Event) => this.edit(d.key, { choices: (e.target as HTMLTextAreaElement).value })}></textarea>`)
        : nothing}
      <div class="flags">
        ${flag('perPerson', msg('Judged for each person present', { id: 'checklists.flag.perPerson' }))}
        ${flag('required', msg('Required to complete the inspection', { id: 'checklists.flag.required' }))}
        ${flag('photoRequiredOnFail', msg('Photo required when not met', { id: 'checklists.flag.photo' }))}
        ${flag('createsFindingOnFail', msg('A failure becomes a finding', { id: 'checklists.flag.finding' }))}
      </div>
      <div class="item-actions">
        <button type="button" ?disabled=${i === 0} aria-label=${msg(str`Move criterion ${n} up`, { id: 'checklists.moveUp' })} @click=${() => this.move(i, -1)}>↑</button>
        <button type="button" ?disabled=${i === this.items.length - 1} aria-label=${msg(str`Move criterion ${n} down`, { id: 'checklists.moveDown' })} @click=${() => this.move(i, 1)}>↓</button>
        <button type="button" class="danger" ?disabled=${this.items.length === 1} @click=${() => (this.items = this.items.filter((x) => x.key !== d.key))}>${msg(str`Remove criterion ${n}`, { id: 'checklists.remove' })}</button>
      </div>
    </fieldset>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-checklist-template-editor': QmsChecklistTemplateEditor
  }
}
