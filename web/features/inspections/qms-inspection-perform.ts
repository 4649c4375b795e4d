import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, get, patch, post, put } from '../../api/client.ts'
import type { Attachment, Inspection, ResponseInput, User } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { inspectionStyles, performStyles } from './inspection-styles.ts'
import { kindLabel } from './inspection-labels.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { AnswerDetail, PhotoDetail } from './qms-inspection-item.ts'
import './qms-inspection-item.ts'
import { emptySlot, readyToSave, slotKey, slotsFrom, toInput, type Slot } from './slots.ts'

type SaveState = 'idle' | 'saving' | 'saved' | 'error'

/**
 * @summary Performs an inspection on a phone: who is present, then one item at a time
 * with large answer buttons, then a summary of failures and what is still missing.
 * Every answer is saved at once (If-Match on the inspection; when someone else saved in
 * between, the page reloads the inspection and applies the answer again).
 * @event qms-navigate - detail `{ to }`: to the inspection once completed
 */
@customElement('qms-inspection-perform')
@localized()
export class QmsInspectionPerform extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, inspectionStyles, performStyles]

  @property() inspectionId = ''
  @state() private inspection?: Inspection
  @state() private loadError = false
  @state() private unitUsers: User[] = []
  @state() private slots = new Map<string, Slot>()
  /** Who is ticked as present here; sent whole on every change, so quick taps never lose one. */
  @state() private present: string[] = []
  @state() private step = 0
  @state() private saveState: SaveState = 'idle'
  @state() private saveError = ''
  @state() private uploading = new Set<string>()
  private readonly completion = new FormController(this)
  private queue: Promise<unknown> = Promise.resolve()
  /** Slots with a save queued or in flight: the answer shown here is newer than the server's. */
  private readonly pending = new Map<string, number>()
  private inFlight = 0

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('inspectionId') && this.inspectionId) {
      this.inspection = undefined
      this.slots = new Map()
      void this.load()
    }
  }

  private async load() {
    try {
      const inspection = await get<Inspection>(`/api/inspections/${this.inspectionId}`)
      this.apply(inspection)
      this.present = inspection.personIds
      this.step = this.hasPeopleStep ? 0 : 1
      this.unitUsers = await loadActiveUsers(inspection.orgUnitId)
    } catch {
      this.loadError = true
    }
  }

  /**
   * Takes the server's state, except for answers still being saved (the last queued save
   * carries them) and answers not yet saveable (no result yet).
   */
  private apply(inspection: Inspection) {
    const next = slotsFrom(inspection)
    for (const [key, slot] of this.slots) {
      if (this.pending.get(key) || (!slot.result && !next.has(key))) next.set(key, slot)
    }
    this.inspection = inspection
    this.slots = next
  }

  private get hasPeopleStep() {
    return Boolean(this.inspection?.items.some((i) => i.perPerson))
  }

  private get summaryStep() {
    return (this.inspection?.items.length ?? 0) + 1
  }

  /** Runs writes one after another, each with the version the previous one returned. */
  private enqueue(write: () => Promise<Inspection>, reapply: () => Promise<Inspection>, keys: string[] = []) {
    this.saveState = 'saving'
    this.inFlight += 1
    for (const key of keys) this.pending.set(key, (this.pending.get(key) ?? 0) + 1)
    this.queue = this.queue.then(async () => {
      let saved = false
      try {
        this.apply(await write())
        saved = true
      } catch (err) {
        let failure = err
        if (err instanceof ApiError && err.status === 412) {
          // Someone else saved meanwhile: reload, then apply this change again on top.
          try {
            this.apply(await get<Inspection>(`/api/inspections/${this.inspectionId}`))
            this.apply(await reapply())
            saved = true
          } catch (again) {
            failure = again
          }
        }
        if (!saved) {
          this.saveState = 'error'
          this.saveError = failure instanceof ApiError ? failure.problem.detail : String(failure)
        }
      } finally {
        for (const key of keys) this.pending.set(key, (this.pending.get(key) ?? 1) - 1)
        this.inFlight -= 1
        // "Saved" only once nothing is left in the queue.
        if (saved && this.inFlight === 0) this.saveState = 'saved'
      }
    })
  }

  private saveResponses(inputs: ResponseInput[]) {
    if (!inputs.length) return
    const send = () => put<Inspection>(`/api/inspections/${this.inspectionId}/responses`, inputs, { ifMatch: this.inspection!.version })
    this.enqueue(send, send, inputs.map((r) => slotKey(r.itemId, r.personId ?? null)))
  }

  private savePeople() {
    const send = () => patch<Inspection>(`/api/inspections/${this.inspectionId}`, { personIds: this.present }, { ifMatch: this.inspection!.version })
    this.enqueue(send, send)
  }

  private updateSlot(itemId: string, personId: string | null, change: Partial<Slot>) {
    const key = slotKey(itemId, personId)
    const slot = { ...(this.slots.get(key) ?? emptySlot()), ...change }
    this.slots = new Map(this.slots).set(key, slot)
    const item = this.inspection!.items.find((i) => i.id === itemId)!
    if (readyToSave(item, slot)) this.saveResponses([toInput(item, personId, slot)])
  }

  private readonly handleAnswer = (event: CustomEvent<AnswerDetail>) => {
    const { itemId, personId, change } = event.detail
    this.updateSlot(itemId, personId, change)
  }

  private readonly handleAllPass = (event: CustomEvent<{ itemId: string }>) => {
    const item = this.inspection!.items.find((i) => i.id === event.detail.itemId)!
    const next = new Map(this.slots)
    const inputs: ResponseInput[] = []
    for (const person of this.inspection!.people) {
      const key = slotKey(item.id, person.id)
      const slot = next.get(key) ?? emptySlot()
      if (slot.result) continue
      const passed = { ...slot, result: 'pass' as const }
      next.set(key, passed)
      if (readyToSave(item, passed)) inputs.push(toInput(item, person.id, passed))
    }
    this.slots = next
    this.saveResponses(inputs)
  }

  private readonly handlePhoto = async (event: CustomEvent<PhotoDetail>) => {
    const { itemId, personId, file } = event.detail
    const key = slotKey(itemId, personId)
    this.uploading = new Set(this.uploading).add(key)
    try {
      const form = new FormData()
      form.append('file', file, file.name || 'photo.jpg')
      const attachment = await post<Attachment>('/api/attachments', form)
      const slot = this.slots.get(key) ?? emptySlot()
      this.updateSlot(itemId, personId, { attachments: [...slot.attachments, attachment] })
    } catch (err) {
      this.saveState = 'error'
      this.saveError = err instanceof ApiError ? err.problem.detail : String(err)
    } finally {
      const rest = new Set(this.uploading)
      rest.delete(key)
      this.uploading = rest
    }
  }

  private handlePerson(event: Event) {
    const input = event.target as HTMLInputElement
    const others = this.present.filter((id) => id !== input.value)
    this.present = input.checked ? [...others, input.value] : others
    this.savePeople()
  }

  private go(step: number) {
    this.step = Math.max(this.hasPeopleStep ? 0 : 1, Math.min(this.summaryStep, step))
    window.scrollTo(0, 0)
  }

  private async handleComplete(event: SubmitEvent) {
    event.preventDefault()
    const conclusion = String(new FormData(event.target as HTMLFormElement).get('conclusion') ?? '').trim()
    await this.completion.run(async () => {
      try {
        await this.queue
        await post<Inspection>(`/api/inspections/${this.inspectionId}/complete`, { conclusion: conclusion || null }, { ifMatch: this.inspection!.version })
        this.completion.navigate(`/inspections/${this.inspectionId}`)
      } catch (err) {
        // Refused: show the inspection as it now stands, with the reason.
        if (err instanceof ApiError) this.apply(await get<Inspection>(`/api/inspections/${this.inspectionId}`))
        throw err
      }
    })
  }

  override render() {
    if (this.loadError) return html`<p role="alert">${msg('Inspection not found, or you may not see it.', { id: 'inspections.notFound' })}</p>`
    const i = this.inspection
    if (!i) return html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`
    if (i.status === 'completed' || i.status === 'cancelled') {
      return html`<p>${msg('This inspection is closed; its record is read-only.', { id: 'perform.closed' })}</p>
        <p><a href=${`/inspections/${i.id}`}>${msg('Open the inspection', { id: 'perform.open' })}</a></p>`
    }
    return html`
      ${this.renderTop(i)}
      <div @qms-answer=${this.handleAnswer} @qms-photo=${this.handlePhoto} @qms-all-pass=${this.handleAllPass}>
        ${this.step === 0 ? this.renderPeopleStep(i) : this.step === this.summaryStep ? this.renderSummary(i) : this.renderItemStep(i)}
      </div>
    `
  }

  private counts(i: Inspection) {
    let total = 0
    let answered = 0
    for (const item of i.items) {
      const targets = item.perPerson ? i.personIds : [null]
      total += targets.length
      answered += targets.filter((p) => this.slots.get(slotKey(item.id, p))?.result).length
    }
    return { total, answered }
  }

  private renderTop(i: Inspection) {
    const { total, answered } = this.counts(i)
    const percent = total ? Math.round((answered / total) * 100) : 0
    const saving =
      this.saveState === 'saving'
        ? msg('Saving…', { id: 'perform.saving' })
        : this.saveState === 'saved'
          ? msg('Saved', { id: 'perform.saved' })
          : this.saveState === 'error'
            ? msg(str`Not saved: ${this.saveError}`, { id: 'perform.saveFailed' })
            : ''
    return html`<div class="top">
      <div class="line">
        <span><a href=${`/inspections/${i.id}`}>${i.number}</a> · ${i.orgUnit.name} · ${kindLabel(i.kind)}</span>
        <span class=${`saving${this.saveState === 'error' ? ' error' : ''}`} role="status">${saving}</span>
      </div>
      <div class="progress" role="progressbar" aria-label=${msg('Answered', { id: 'perform.answered' })} aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${answered}>
        <span style=${`width: ${percent}%`}></span>
      </div>
      <div class="line"><span>${msg(str`${answered} of ${total} answered`, { id: 'perform.progress' })}</span>
        ${this.step >= 1 && this.step < this.summaryStep ? html`<span>${msg(str`Item ${this.step} of ${i.items.length}`, { id: 'perform.itemOf' })}</span>` : nothing}</div>
    </div>`
  }

  private renderNav(nextLabel?: string) {
    const first = this.step === (this.hasPeopleStep ? 0 : 1)
    const last = this.step === this.summaryStep
    return html`<div class="nav">
      <button type="button" ?disabled=${first} @click=${() => this.go(this.step - 1)}>← ${msg('Previous', { id: 'perform.previous' })}</button>
      ${last ? nothing : html`<button type="button" class="primary" @click=${() => this.go(this.step + 1)}>${nextLabel ?? msg('Next', { id: 'perform.next' })} →</button>`}
    </div>`
  }

  private renderPeopleStep(i: Inspection) {
    const present = new Set(this.present)
    const candidates = [...this.unitUsers]
    for (const p of i.people) if (!candidates.some((u) => u.id === p.id)) candidates.push({ ...p, position: p.position } as unknown as User)
    return html`
      <h1>${msg('Who is present?', { id: 'perform.whoPresent' })}</h1>
      <p class="lead">${msg('Items such as working hours and the ID badge are judged for each person present. Removing someone removes their answers.', { id: 'perform.whoPresentHint' })}</p>
      <div class="people" role="group" aria-label=${msg('People present', { id: 'inspections.people' })}>
        ${candidates.map(
          (u) => html`<label class="check"><input type="checkbox" value=${u.id} ?checked=${present.has(u.id)} @change=${this.handlePerson} />
            <span>${u.fullName}${u.position ? html`<br /><span class="hint">${u.position}</span>` : nothing}</span></label>`,
        )}
        ${candidates.length ? nothing : html`<p class="muted">${msg('Nobody is registered in this unit.', { id: 'perform.nobody' })}</p>`}
      </div>
      ${this.renderNav()}
    `
  }

  private renderItemStep(i: Inspection) {
    const item = i.items[this.step - 1]
    return html`
      <qms-inspection-item .item=${item} .people=${i.people} .slots=${this.slots} .uploading=${this.uploading}></qms-inspection-item>
      ${this.renderNav(this.step === i.items.length ? msg('Summary', { id: 'perform.summary' }) : undefined)}
    `
  }

  private renderSummary(i: Inspection) {
    const people = new Map(i.people.map((p) => [p.id, p.fullName]))
    const failures = i.items.flatMap((item, index) =>
      (item.perPerson ? i.personIds : [null])
        .map((p) => ({ item, index, personId: p, slot: this.slots.get(slotKey(item.id, p)) }))
        .filter((s) => s.slot?.result === 'fail'),
    )
    const missing = i.missing
    const itemIndex = (itemId: string | null) => i.items.findIndex((it) => it.id === itemId)
    return html`
      <h1>${msg('Summary', { id: 'perform.summary' })}</h1>
      <h2>${msg(str`Failures (${failures.length})`, { id: 'perform.failures' })}</h2>
      ${failures.length
        ? html`<ul class="failures">
            ${failures.map(
              (f) => html`<li>
                <strong>${f.item.text}</strong>${f.personId ? html` — ${people.get(f.personId)}` : nothing}
                ${f.slot?.note ? html`<br />${f.slot.note}` : nothing}
                <br /><button type="button" class="link" @click=${() => this.go(f.index + 1)}>${msg('Change', { id: 'perform.change' })}</button>
              </li>`,
            )}
          </ul>`
        : html`<p>${msg('Every applicable item passes.', { id: 'perform.noFailures' })}</p>`}
      ${missing.length
        ? html`<h2>${msg('Still missing', { id: 'perform.missing' })}</h2>
            <ul class="failures" role="alert">
              ${missing.map((m) => {
                const index = itemIndex(m.itemId)
                const what =
                  m.reason === 'people'
                    ? msg('Choose who is present.', { id: 'perform.missingPeople' })
                    : m.reason === 'photo'
                      ? msg('A photo of the failure', { id: 'perform.missingPhoto' })
                      : msg('An answer', { id: 'perform.missingAnswer' })
                return html`<li>
                  ${what}${index >= 0 ? html`: ${i.items[index].text}` : nothing}${m.personId ? html` — ${people.get(m.personId)}` : nothing}
                  <br /><button type="button" class="link" @click=${() => this.go(m.reason === 'people' ? 0 : index + 1)}>${msg('Go there', { id: 'perform.goThere' })}</button>
                </li>`
              })}
            </ul>`
        : nothing}
      <form class="card" @submit=${this.handleComplete}>
        <div class="field">
          <label for="conclusion">${msg('Conclusion', { id: 'inspections.conclusion' })}</label>
          <textarea id="conclusion" name="conclusion" .value=${i.conclusion ?? ''}></textarea>
        </div>
        ${this.completion.error ? html`<div class="form-error" role="alert">${this.completion.error.problem.detail}</div>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.completion.busy || this.saveState === 'saving'}>${msg('Complete the inspection', { id: 'perform.complete' })}</button>
        <p class="hint">${msg('Completing scores the inspection, turns every failure into a finding and makes the record read-only.', { id: 'perform.completeHint' })}</p>
      </form>
      ${this.renderNav()}
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspection-perform': QmsInspectionPerform
  }
}
