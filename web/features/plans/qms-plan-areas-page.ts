import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { PlanArea } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { planStyles } from './plan-styles.ts'

/**
 * @summary The reform areas tasks are grouped by (managers and administrators): add one,
 * rename, reorder (position), retire or bring back. A retired area takes no new task; its
 * tasks keep it. Each change is sent with the version read (a stale one is said so).
 */
@customElement('qms-plan-areas-page')
@localized()
export class QmsPlanAreasPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, planStyles]

  /** The area whose row is being edited. */
  @state() private editing?: string
  private readonly form = new FormController(this)
  private readonly areas = new Task(this, { task: async (_a, { signal }) => (await get<{ items: PlanArea[] }>('/api/plan-areas', { signal })).items, args: () => [] })

  private async handleAdd(event: SubmitEvent) {
    event.preventDefault()
    const target = event.target as HTMLFormElement
    const data = new FormData(target)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = { code: text('code'), nameVi: text('nameVi'), nameEn: text('nameEn') }
    if (text('position')) body.position = Number(text('position'))
    const saved = await this.form.run(() => post<PlanArea>('/api/plan-areas', body), { success: msg('Reform area added.', { id: 'plans.areas.added' }) })
    if (saved) {
      target.reset()
      void this.areas.run()
    }
  }

  private async change(area: PlanArea, body: Record<string, unknown>) {
    const saved = await this.form.run(() => patch<PlanArea>(`/api/plan-areas/${area.id}`, body, { ifMatch: area.version }), { success: msg('Saved.', { id: 'common.saved' }) })
    if (saved) {
      this.editing = undefined
      void this.areas.run()
    }
  }

  private handleRename(event: SubmitEvent, area: PlanArea) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    return this.change(area, { nameVi: text('nameVi'), nameEn: text('nameEn'), position: Number(text('position')) })
  }

  override render() {
    return html`<p><a href="/plans">${msg('← All plans', { id: 'plans.backToList' })}</a></p>
      <h1>${msg('Reform areas', { id: 'plans.areas.title' })}</h1>
      <p class="lead">${msg('The areas the tasks of a plan are grouped by, in this order. A retired area takes no new task; its tasks keep it.', { id: 'plans.areas.lead' })}</p>
      ${this.form.renderError()}
      ${this.areas.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (areas) => html`<ul class="cards">${areas.map((a) => this.renderArea(a))}</ul>`,
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
      <h2>${msg('Add a reform area', { id: 'plans.areas.add' })}</h2>
      <form class="card" @submit=${this.handleAdd} novalidate>
        <div class="grid-2">
          ${this.form.field('code', msg('Code (lower-case letters, e.g. propaganda)', { id: 'plans.areas.code' }), html`<input id="code" name="code" aria-invalid=${this.form.invalid('code')} aria-describedby="code-error" />`)}
          ${this.form.field('position', msg('Position (optional: last)', { id: 'plans.areas.position' }), html`<input id="position" name="position" inputmode="numeric" aria-invalid=${this.form.invalid('position')} />`)}
        </div>
        ${this.form.field('nameVi', msg('Name in Vietnamese', { id: 'plans.areas.nameVi' }), html`<input id="nameVi" name="nameVi" aria-invalid=${this.form.invalid('nameVi')} aria-describedby="nameVi-error" />`)}
        ${this.form.field('nameEn', msg('Name in English', { id: 'plans.areas.nameEn' }), html`<input id="nameEn" name="nameEn" aria-invalid=${this.form.invalid('nameEn')} aria-describedby="nameEn-error" />`)}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Add', { id: 'plans.areas.addButton' })}</button></div>
      </form>`
  }

  private renderArea(a: PlanArea) {
    const id = (name: string) => `${name}-${a.id}`
    if (this.editing === a.id) {
      return html`<li data-testid="plan-area">
        <form @submit=${(e: SubmitEvent) => this.handleRename(e, a)} novalidate>
          <div class="field"><label for=${id('nameVi')}>${msg('Name in Vietnamese', { id: 'plans.areas.nameVi' })}</label><input id=${id('nameVi')} name="nameVi" .value=${a.nameVi} /></div>
          <div class="field"><label for=${id('nameEn')}>${msg('Name in English', { id: 'plans.areas.nameEn' })}</label><input id=${id('nameEn')} name="nameEn" .value=${a.nameEn} /></div>
          <div class="field"><label for=${id('position')}>${msg('Position', { id: 'plans.areas.positionShort' })}</label><input id=${id('position')} name="position" inputmode="numeric" .value=${String(a.position)} /></div>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
            <button type="button" @click=${() => ((this.editing = undefined), this.form.clear())}>${msg('Cancel', { id: 'common.cancel' })}</button>
          </div>
        </form>
      </li>`
    }
    return html`<li data-testid="plan-area">
      <span class="content">${a.position}. ${a.nameVi}</span>
      <span class="meta">${a.code} · ${a.nameEn} ${a.active ? nothing : html`· <span class="badge">${msg('retired', { id: 'plans.areas.retired' })}</span>`}</span>
      <div class="actions">
        <button type="button" aria-label=${msg(str`Change ${a.nameVi}`, { id: 'plans.areas.changeLabel' })} @click=${() => (this.editing = a.id)}>${msg('Change', { id: 'plans.areas.change' })}</button>
        <button type="button" ?disabled=${this.form.busy} @click=${() => this.change(a, { active: !a.active })}>
          ${a.active ? msg('Retire', { id: 'plans.areas.retire' }) : msg('Bring back', { id: 'plans.areas.restore' })}</button>
      </div>
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-areas-page': QmsPlanAreasPage
  }
}
