import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, getAll, post } from '../../api/client.ts'
import type { ParAssessment, ParAssessmentDetail, ParCriteriaSet } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { scrollRegion } from '../../app/scroll-region.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { points, statusLabel } from './par-labels.ts'
import { parStyles } from './par-styles.ts'

/**
 * @summary The PAR index (Chỉ số cải cách hành chính): each year's self-assessment with
 * its totals; starting a year's self-assessment against a criteria set; loading a
 * criteria set from the province's file (XLSX or JSON, managers).
 */
@customElement('qms-par-index-page')
@localized()
export class QmsParIndexPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, parStyles]

  private readonly session = new SessionController(this)
  private readonly startForm = new FormController(this)
  private readonly loadForm = new FormController(this)
  @state() private sets: ParCriteriaSet[] = []

  private readonly loader = new Task(this, {
    task: async (_args, { signal }) => {
      const [assessments, sets] = await Promise.all([
        getAll<ParAssessment>('/api/par-index/assessments', {}, { signal }),
        getAll<ParCriteriaSet>('/api/par-index/criteria-sets', {}, { signal }),
      ])
      this.sets = sets
      return assessments
    },
    args: () => [],
  })

  private async handleStart(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    await this.startForm.run(async () => {
      const a = await post<ParAssessmentDetail>('/api/par-index/assessments', { year: Number(data.get('year')), criteriaSetId: String(data.get('criteriaSetId') ?? '') })
      this.startForm.navigate(`/par-index/${a.id}`)
    })
  }

  private async handleLoad(event: SubmitEvent) {
    event.preventDefault()
    const formElement = event.target as HTMLFormElement
    const data = new FormData(formElement)
    if (!data.get('isSample')) data.delete('isSample')
    await this.loadForm.run(async () => {
      await api('POST', '/api/par-index/criteria-sets', data)
      formElement.reset()
      this.loader.run()
    }, { success: msg('Criteria set loaded.', { id: 'par.loaded' }) })
  }

  override render() {
    return html`<h1>${msg('PAR index', { id: 'par.title' })}</h1>
      <p class="lead">${msg('The yearly self-assessment of the administrative reform index against the province’s criteria, with evidence, the appraised scores and the points lost.', { id: 'par.lead' })}</p>
      ${this.loader.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (list) => this.renderList(list),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
      ${this.session.can('par.self_assess') && this.sets.length ? this.renderStart() : nothing}
      ${this.session.can('par.criteria') ? this.renderLoad() : nothing}`
  }

  private renderList(list: ParAssessment[]) {
    if (!list.length) return html`<p class="muted">${msg('No self-assessment yet.', { id: 'par.empty' })}</p>`
    const l = {
      year: msg('Year', { id: 'par.year' }),
      set: msg('Criteria set', { id: 'par.set' }),
      status: msg('Status', { id: 'common.status' }),
      self: msg('Self score', { id: 'par.selfScore' }),
      appraised: msg('Appraised score', { id: 'par.appraisedScore' }),
      lost: msg('Points lost', { id: 'par.pointsLost' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.year}</th><th>${l.set}</th><th>${l.status}</th><th>${l.self}</th><th>${l.appraised}</th><th>${l.lost}</th></tr></thead>
      <tbody>${list.map(
        (a) => html`<tr>
          <td data-label=${l.year}><a href=${`/par-index/${a.id}`}>${a.year}</a></td>
          <td data-label=${l.set}>${a.criteriaSet.name} ${a.criteriaSet.isSample ? html`<span class="badge sample">${msg('sample, not official figures', { id: 'par.sample' })}</span>` : nothing}</td>
          <td data-label=${l.status}>${statusLabel(a.status)}</td>
          <td data-label=${l.self}>${points(a.totals.selfScore)} / ${points(a.totals.maxPoints)}</td>
          <td data-label=${l.appraised}>${points(a.totals.appraisedScore)}</td>
          <td data-label=${l.lost}>${points(a.totals.pointsLost)}</td>
        </tr>`,
      )}</tbody>
    </table></div>`
  }

  private renderStart() {
    const f = this.startForm
    return html`<h2>${msg('Start a year’s self-assessment', { id: 'par.start' })}</h2>
      <form class="card" @submit=${this.handleStart} novalidate>
        <div class="grid-2">
          ${f.field('year', msg('Year', { id: 'par.year' }), html`<input id="year" name="year" type="number" min="2000" max="2100" required aria-invalid=${f.invalid('year')} aria-describedby="year-error" />`)}
          ${f.field('criteriaSetId', msg('Criteria set', { id: 'par.set' }),
            html`<select id="criteriaSetId" name="criteriaSetId" aria-invalid=${f.invalid('criteriaSetId')} aria-describedby="criteriaSetId-error">
              ${this.sets.map((s) => html`<option value=${s.id}>${s.year} — ${s.name}</option>`)}
            </select>`)}
        </div>
        ${f.renderError()}
        <div class="actions"><button class="primary" type="submit" ?disabled=${f.busy}>${msg('Start', { id: 'par.startButton' })}</button></div>
      </form>`
  }

  private renderLoad() {
    const f = this.loadForm
    return html`<h2>${msg('Load a criteria set', { id: 'par.load' })}</h2>
      <form class="card" @submit=${this.handleLoad} novalidate>
        ${f.field('file', msg('File (XLSX or JSON)', { id: 'par.file' }), html`<input id="file" name="file" type="file" accept=".xlsx,.json,application/json" required />`,
          msg('Columns: code, title, maximum points, how it is scored, data source (see the user guide).', { id: 'par.fileHint' }))}
        <div class="grid-2">
          ${f.field('name', msg('Name', { id: 'par.name' }), html`<input id="name" name="name" required aria-invalid=${f.invalid('name')} aria-describedby="name-error" />`)}
          ${f.field('loadYear', msg('Year', { id: 'par.year' }), html`<input id="loadYear" name="year" type="number" min="2000" max="2100" required />`)}
        </div>
        ${f.field('issuedBy', msg('Issued by (decision)', { id: 'par.issuedBy' }), html`<input id="issuedBy" name="issuedBy" />`)}
        <label class="check"><input type="checkbox" name="isSample" value="true" /> ${msg('A sample, not official figures', { id: 'par.isSample' })}</label>
        ${f.problemText() ? html`<div class="form-error" role="alert">${f.problemText()}
            ${f.error?.problem.errors?.length ? html`<ul>${f.error.problem.errors.map((e) => html`<li>${e.path.replace(/^rows\.(\d+)\./, msg('row', { id: 'par.row' }) + ' $1, ')}: ${e.message}</li>`)}</ul>` : nothing}</div>` : nothing}
        <div class="actions"><button class="primary" type="submit" ?disabled=${f.busy}>${msg('Load', { id: 'par.loadButton' })}</button></div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-par-index-page': QmsParIndexPage
  }
}
