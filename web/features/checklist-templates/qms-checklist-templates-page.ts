import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { ChecklistTemplate } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { categoryLabel, responseTypeLabel } from './checklist-labels.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The checklists inspections are planned with, each with the items of its
 * current revision; auditors and managers add and change them (qms-checklist-template-editor).
 */
@customElement('qms-checklist-templates-page')
@localized()
export class QmsChecklistTemplatesPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, tableStyles]

  @state() private open = ''
  private readonly session = new SessionController(this)
  private readonly templates = new Task(this, {
    task: async (_a, { signal }) => (await get<Page<ChecklistTemplate>>('/api/checklist-templates', { query: { limit: 500 }, signal })).items,
    args: () => [],
  })

  override render() {
    return html`<p><a href="/inspections">${msg('← All inspections', { id: 'inspections.back' })}</a></p>
      <div class="toolbar" style="justify-content: space-between; align-items: center">
        <h1 style="margin: 0">${msg('Checklists', { id: 'checklists.title' })}</h1>
        ${this.session.can('checklist_template.write') ? html`<a class="button primary" href="/checklist-templates/new">${msg('Add checklist', { id: 'checklists.new' })}</a>` : nothing}
      </div>
      <p class="lead">${msg('Changing a checklist that an inspection already uses creates a new revision; every inspection keeps the revision it was planned with.', { id: 'checklists.intro' })}</p>
      ${this.templates.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (templates) => templates.map((t) => this.renderTemplate(t)),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderTemplate(t: ChecklistTemplate) {
    const l = {
      item: msg('Criterion', { id: 'inspections.criterion' }),
      category: msg('Category', { id: 'checklists.category' }),
      how: msg('How it is judged', { id: 'checklists.how' }),
    }
    return html`<details class="card" style="margin-bottom: var(--qms-space-3)" ?open=${this.open === t.id} @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && (this.open = t.id)}>
      <summary><strong>${t.name}</strong> · ${msg('Revision', { id: 'checklists.revision' })} ${t.revision} · ${t.items.length} ${msg('items', { id: 'checklists.items' })}
        ${t.active ? nothing : html`<span class="chip off">${msg('Inactive', { id: 'common.inactive' })}</span>`}</summary>
      ${t.description ? html`<p class="muted">${t.description}</p>` : nothing}
      ${this.session.can('checklist_template.write') ? html`<p><a class="button" href=${`/checklist-templates/${t.id}`}>${msg('Edit', { id: 'common.edit' })}<span class="sr-only"> ${t.name}</span></a></p>` : nothing}
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.item}</th><th>${l.category}</th><th>${l.how}</th></tr></thead>
        <tbody>
          ${t.items.map(
            (i) => html`<tr>
              <td data-label=${l.item}>${i.text}${i.clauseNumbers.length ? html`<br /><span class="muted">ISO ${i.clauseNumbers.join(', ')}</span>` : nothing}</td>
              <td data-label=${l.category}>${categoryLabel(i.category)}</td>
              <td data-label=${l.how}>
                ${responseTypeLabel(i.responseType)}
                ${i.perPerson ? html`<span class="chip">${msg('per person', { id: 'checklists.perPerson' })}</span>` : nothing}
                ${i.photoRequiredOnFail ? html`<span class="chip">${msg('photo on failure', { id: 'checklists.photoOnFail' })}</span>` : nothing}
                ${i.required ? nothing : html`<span class="chip off">${msg('Optional', { id: 'perform.optional' })}</span>`}
                ${i.weight !== 1 ? html`<span class="chip">${msg('weight', { id: 'checklists.weight' })} ${i.weight}</span>` : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    </details>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-checklist-templates-page': QmsChecklistTemplatesPage
  }
}
