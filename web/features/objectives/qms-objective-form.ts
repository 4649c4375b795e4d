import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { Objective } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'

/**
 * @summary Sets a quality objective: its year, owner unit, what it aims at and the
 * statement of the quality policy it serves. Indicators are added on its page.
 * @event qms-navigate - detail `{ to }`: the objective's page after saving
 */
@customElement('qms-objective-form')
@localized()
export class QmsObjectiveForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  private readonly form = new FormController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = { year: Number(text('year')), title: text('title'), ownerUnitId: text('ownerUnitId'), policyStatement: text('policyStatement') }
    await this.form.run(async () => {
      const objective = await post<Objective>('/api/objectives', body)
      this.form.navigate(`/objectives/${objective.id}`)
    })
  }

  override render() {
    return html`<p><a href="/objectives">${msg('← All objectives', { id: 'objectives.backToList' })}</a></p>
      <h1>${msg('Set a quality objective', { id: 'objectives.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('year', msg('Year', { id: 'objectives.year' }),
            html`<input id="year" name="year" type="number" min="2000" max="2100" inputmode="numeric" .value=${todayIso().slice(0, 4)} aria-invalid=${this.form.invalid('year')} aria-describedby="year-error" />`)}
          ${this.form.field('ownerUnitId', msg('Owner unit', { id: 'objectives.ownerUnit' }),
            html`<select id="ownerUnitId" name="ownerUnitId" aria-invalid=${this.form.invalid('ownerUnitId')} aria-describedby="ownerUnitId-error">
              ${(this.units.value ?? []).filter((u) => u.active).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
            </select>`,
            msg('Computed indicators count the records of this unit and the units below it.', { id: 'objectives.ownerUnitHint' }))}
        </div>
        ${this.form.field('title', msg('Objective', { id: 'objectives.objectiveTitle' }),
          html`<input id="title" name="title" aria-invalid=${this.form.invalid('title')} aria-describedby="title-error" />`)}
        ${this.form.field('policyStatement', msg('Quality policy statement it serves', { id: 'objectives.policy' }),
          html`<textarea id="policyStatement" name="policyStatement" rows="3" aria-invalid=${this.form.invalid('policyStatement')} aria-describedby="policyStatement-error"></textarea>`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/objectives">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-objective-form': QmsObjectiveForm
  }
}
