import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { AuditProgrammeDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'

/**
 * @summary Draws up a yearly internal audit programme (managers): year, document number,
 * title and objectives. Its audits are planned on the programme's page.
 * @event qms-navigate - detail `{ to }`: the programme's page after saving
 */
@customElement('qms-audit-programme-form')
@localized()
export class QmsAuditProgrammeForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = { year: Number(text('year')), number: text('number'), title: text('title'), objectives: text('objectives') || null }
    await this.form.run(async () => {
      const programme = await post<AuditProgrammeDetail>('/api/audit-programmes', body)
      this.form.navigate(`/audit-programmes/${programme.id}`)
    })
  }

  override render() {
    const input = (name: string, label: string, attrs: { type?: string; value?: string } = {}) =>
      this.form.field(name, label, html`<input id=${name} name=${name} type=${attrs.type ?? 'text'} .value=${attrs.value ?? ''} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`} />`)
    return html`<p><a href="/audit-programmes">${msg('← All audit programmes', { id: 'audits.backToList' })}</a></p>
      <h1>${msg('Draw up a programme', { id: 'audits.programme.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${input('year', msg('Year', { id: 'audits.year' }), { type: 'number', value: todayIso().slice(0, 4) })}
          ${input('number', msg('Number', { id: 'audits.number' }))}
        </div>
        ${input('title', msg('Programme', { id: 'audits.programme' }))}
        ${this.form.field('objectives', msg('Objectives, criteria and method (optional)', { id: 'audits.objectivesInput' }),
          html`<textarea id="objectives" name="objectives" rows="3" aria-invalid=${this.form.invalid('objectives')} aria-describedby="objectives-error"></textarea>`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/audit-programmes">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-programme-form': QmsAuditProgrammeForm
  }
}
