import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { Attachment, Inspection, InspectionResponse, PersonRef, ResponseInput, User } from '../../api/types.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { inspectionStyles, performStyles } from './inspection-styles.ts'
import { kindLabel, resultLabel } from './inspection-labels.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { AnswerDetail, PhotoDetail } from './qms-inspection-item.ts'
import './qms-inspection-item.ts'
import type { SignDetail, SignedState, SignatureRole } from './qms-signature-block.ts'
import './qms-signature-block.ts'
import { resizePhoto } from '../../offline/photo-resize.ts'
import { emptySlot, readyToSave, slotKey, slotsFrom, toInput, type Slot } from './slots.ts'
import {
  adoptResponse,
  answer,
  answerKey,
  enqueue,
  keptInspection,
  outboxOf,
  photo,
  putPhoto,
  recordAnswers,
  saveServerInspection,
  workingAnswers,
  type KeptInspection,
  type OutboxEntry,
  type WorkingAnswer,
} from '../../offline/store.ts'
import { isNetworkError, syncQueue } from '../../offline/sync-queue.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'

type Missing = Inspection['missing'][number]

/**
 * @summary Performs an inspection on a phone: who is present, then one item at a time
 * with large answer buttons, then a summary of failures and what is still missing.
 * Local first (issue 13): every answer, photo, people change and the completion is
 * written to this device's store, then queued for the server (web/offline/sync-queue.ts);
 * the status line says whether the server holds it yet. An answer someone else changed
 * meanwhile shows both versions until the user keeps one.
 * @event qms-navigate - detail `{ to }`: to the inspection once completed
 */
@customElement('qms-inspection-perform')
@localized()
export class QmsInspectionPerform extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, inspectionStyles, performStyles]

  @property() inspectionId = ''
  /** The inspection as the server last sent it (from the server, else from the store). */
  @state() private kept?: KeptInspection
  @state() private loadError = false
  @state() private slots = new Map<string, Slot>()
  /** Who is ticked as present here; sent whole on every change, so quick taps never lose one. */
  @state() private present: string[] = []
  @state() private step = 0
  @state() private entries: OutboxEntry[] = []
  @state() private conflicts: WorkingAnswer[] = []
  /** Local writes not yet in the store. */
  @state() private writing = 0
  @state() private writeError = ''
  @state() private photoUrls = new Map<string, string>()
  /** Completed here while online: go to the record once the server has it. */
  private completedOnline = false
  private localWrites: Promise<unknown> = Promise.resolve()
  private stepSet = false

  override connectedCallback() {
    super.connectedCallback()
    syncQueue.addEventListener('change', this.handleSync)
    window.addEventListener('beforeunload', this.handleBeforeUnload)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    syncQueue.removeEventListener('change', this.handleSync)
    window.removeEventListener('beforeunload', this.handleBeforeUnload)
    for (const url of this.photoUrls.values()) URL.revokeObjectURL(url)
  }

  /** Leaving with changes only on this device: the browser asks first. */
  private readonly handleBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.entries.length || this.writing) {
      event.preventDefault()
      event.returnValue = ''
    }
  }

  private readonly handleSync = () => void this.refresh()

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('inspectionId') && this.inspectionId) {
      this.kept = undefined
      this.slots = new Map()
      this.stepSet = false
      void this.load()
    }
  }

  private async load() {
    const id = this.inspectionId
    try {
      const inspection = await get<Inspection>(`/api/inspections/${id}`)
      const unitUsers = await loadActiveUsers(inspection.orgUnitId).catch(() => undefined)
      await saveServerInspection(inspection, { unitUsers })
    } catch (err) {
      // Offline (or the server is away): the copy on this device, if any.
      if (!isNetworkError(err)) {
        this.loadError = true
        return
      }
    }
    await this.refresh().catch(() => undefined)
    if (!this.kept) this.loadError = true
  }

  /** Reads the device's view: the server's inspection with this device's changes over it. */
  private async refresh() {
    if (!this.inspectionId) return
    await this.localWrites
    const id = this.inspectionId
    const [kept, working, entries] = await Promise.all([keptInspection(id), workingAnswers(id), outboxOf(id)])
    if (!kept || id !== this.inspectionId) return
    const slots = slotsFrom(kept.inspection)
    for (const w of working) slots.set(slotKey(w.itemId, w.personId), w.slot)
    // Answers being written right now stay as tapped.
    if (this.writing) for (const [key, slot] of this.slots) if (!working.some((w) => slotKey(w.itemId, w.personId) === key)) slots.set(key, slot)
    const people = [...entries].reverse().find((e) => e.mutation.kind === 'people')
    this.present = people?.mutation.kind === 'people' ? people.mutation.personIds : kept.inspection.personIds
    this.kept = kept
    this.slots = slots
    this.entries = entries
    this.conflicts = working.filter((w) => w.conflict)
    await this.loadPhotoUrls(slots)
    if (!this.stepSet) {
      this.stepSet = true
      this.step = this.hasPeopleStep ? 0 : 1
    }
    if (this.completedOnline && kept.inspection.status === 'completed' && !entries.length) {
      this.completedOnline = false
      this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: `/inspections/${id}` }, bubbles: true, composed: true }))
    }
  }

  /** Photos still on this device are shown from their Blob. */
  private async loadPhotoUrls(slots: Map<string, Slot>) {
    let urls: Map<string, string> | undefined
    for (const slot of slots.values()) {
      for (const a of slot.attachments) {
        if (!a.id.startsWith('local:') || this.photoUrls.has(a.id)) continue
        const p = await photo(a.id)
        if (!p) continue
        urls ??= new Map(this.photoUrls)
        urls.set(a.id, URL.createObjectURL(p.blob))
      }
    }
    if (urls) this.photoUrls = urls
  }

  /**
   * The inspection as this device sees it: the people ticked here (with their names from
   * the unit's users) even before the server has them.
   */
  private get inspection(): Inspection | undefined {
    const kept = this.kept
    if (!kept) return undefined
    const i = kept.inspection
    if (this.present === i.personIds) return i
    const known = new Map<string, PersonRef>(i.people.map((p) => [p.id, p]))
    for (const u of kept.unitUsers) if (!known.has(u.id)) known.set(u.id, { id: u.id, fullName: u.fullName, position: u.position ?? null, orgUnitId: u.orgUnitId ?? null })
    const people = this.present.map((id) => known.get(id)).filter((p): p is PersonRef => Boolean(p))
    return { ...i, personIds: people.map((p) => p.id), people }
  }

  private get unitUsers(): User[] {
    return this.kept?.unitUsers ?? []
  }

  /** Runs a local write after the previous ones, then wakes the queue. */
  private write(change: () => Promise<unknown>) {
    this.writing += 1
    this.localWrites = this.localWrites
      .then(change)
      .then(
        () => (this.writeError = ''),
        (err: unknown) => (this.writeError = String(err)),
      )
      .finally(() => {
        this.writing -= 1
        syncQueue.kick()
        void this.refresh()
      })
  }

  private async workingAnswer(itemId: string, personId: string | null, slot: Slot, ready: boolean, now: string): Promise<WorkingAnswer> {
    const key = answerKey(this.inspectionId, itemId, personId)
    const existing = await answer(key)
    const stored = this.kept?.inspection.responses.find((r) => r.itemId === itemId && r.personId === personId)
    return {
      key,
      inspectionId: this.inspectionId,
      itemId,
      personId,
      slot,
      baseRevision: existing?.baseRevision ?? stored?.revision ?? 0,
      answeredAt: now,
      unsent: !ready,
      ...(existing?.conflict ? { conflict: existing.conflict } : {}),
    }
  }

  private saveAnswers(changes: { itemId: string; personId: string | null; slot: Slot }[]) {
    const id = this.inspectionId
    const i = this.inspection!
    this.write(async () => {
      const now = new Date().toISOString()
      const answers: WorkingAnswer[] = []
      const inputs: (ResponseInput & { answeredAt: string })[] = []
      for (const c of changes) {
        const item = i.items.find((it) => it.id === c.itemId)!
        const ready = readyToSave(item, c.slot)
        answers.push(await this.workingAnswer(c.itemId, c.personId, c.slot, ready, now))
        if (ready) inputs.push({ ...toInput(item, c.personId, c.slot), answeredAt: now })
      }
      await recordAnswers(id, answers, inputs)
    })
  }

  private updateSlot(itemId: string, personId: string | null, change: Partial<Slot>) {
    const key = slotKey(itemId, personId)
    const slot = { ...(this.slots.get(key) ?? emptySlot()), ...change }
    this.slots = new Map(this.slots).set(key, slot)
    this.saveAnswers([{ itemId, personId, slot }])
  }

  private get hasPeopleStep() {
    return Boolean(this.inspection?.items.some((i) => i.perPerson))
  }

  private get summaryStep() {
    return (this.inspection?.items.length ?? 0) + 1
  }

  private readonly handleAnswer = (event: CustomEvent<AnswerDetail>) => {
    const { itemId, personId, change } = event.detail
    this.updateSlot(itemId, personId, change)
  }

  private readonly handleAllPass = (event: CustomEvent<{ itemId: string }>) => {
    const i = this.inspection!
    const item = i.items.find((it) => it.id === event.detail.itemId)!
    const next = new Map(this.slots)
    const changes: { itemId: string; personId: string | null; slot: Slot }[] = []
    for (const person of i.people) {
      const key = slotKey(item.id, person.id)
      const slot = next.get(key) ?? emptySlot()
      if (slot.result) continue
      const passed = { ...slot, result: 'pass' as const }
      next.set(key, passed)
      changes.push({ itemId: item.id, personId: person.id, slot: passed })
    }
    this.slots = next
    if (changes.length) this.saveAnswers(changes)
  }

  /** The photo is kept on the device (shown from its Blob) and uploaded before the answer that uses it. */
  private readonly handlePhoto = async (event: CustomEvent<PhotoDetail>) => {
    const { itemId, personId } = event.detail
    // Resized on the device before it is stored and queued (web/offline/photo-resize.ts).
    const file = await resizePhoto(event.detail.file)
    const id = this.inspectionId
    const photoId = `local:${crypto.randomUUID()}`
    const filename = file.name || 'photo.jpg'
    const attachment = {
      id: photoId,
      sha256: '',
      size: file.size,
      contentType: file.type,
      filename,
      orgUnitId: null,
      uploadedById: null,
      createdAt: new Date().toISOString(),
    } as unknown as Attachment
    this.photoUrls = new Map(this.photoUrls).set(photoId, URL.createObjectURL(file))
    this.write(async () => {
      await putPhoto({ id: photoId, inspectionId: id, blob: file, filename })
      await enqueue(id, { kind: 'photo', photoId })
    })
    const slot = this.slots.get(slotKey(itemId, personId)) ?? emptySlot()
    this.updateSlot(itemId, personId, { attachments: [...slot.attachments, attachment] })
  }

  private handlePerson(event: Event) {
    const input = event.target as HTMLInputElement
    const others = this.present.filter((id) => id !== input.value)
    this.present = input.checked ? [...others, input.value] : others
    const personIds = this.present
    const id = this.inspectionId
    this.write(() => enqueue(id, { kind: 'people', personIds }))
  }

  /** Keeps one of two versions of an answer. */
  private keep(w: WorkingAnswer, which: 'mine' | 'theirs') {
    const id = this.inspectionId
    const i = this.inspection!
    const theirs = w.conflict!.theirs
    if (which === 'theirs') {
      this.write(() => adoptResponse(id, theirs))
      return
    }
    const item = i.items.find((it) => it.id === w.itemId)!
    this.write(async () => {
      const now = new Date().toISOString()
      // Sent again over their revision: the server keeps this device's answer.
      const mine: WorkingAnswer = { ...w, baseRevision: theirs.revision, answeredAt: now, conflict: undefined, unsent: !readyToSave(item, w.slot) }
      delete mine.conflict
      await recordAnswers(id, [mine], mine.unsent ? [] : [{ ...toInput(item, w.personId, w.slot), answeredAt: now }])
    })
  }

  private async go(step: number) {
    this.step = Math.max(this.hasPeopleStep ? 0 : 1, Math.min(this.summaryStep, step))
    window.scrollTo(0, 0)
    // Focus follows the move: to the new item's heading (or the step's first heading), so a
    // screen reader reads where it is and Tab starts from there, not from the button left behind.
    await this.updateComplete
    const item = this.renderRoot.querySelector('qms-inspection-item')
    if (item) await item.updateComplete
    const heading = item?.renderRoot.querySelector<HTMLElement>('h2') ?? this.renderRoot.querySelector<HTMLElement>('h1, h2')
    if (!heading) return
    heading.tabIndex = -1
    heading.focus({ preventScroll: true })
  }

  /** Completion is queued like any change: it runs after the answers, once. */
  private async handleComplete(event: SubmitEvent) {
    event.preventDefault()
    const conclusion = String(new FormData(event.target as HTMLFormElement).get('conclusion') ?? '').trim()
    const id = this.inspectionId
    // Completing is for good: asked once more, naming the inspection (the dialog works offline too).
    const confirmed = await confirmStep({
      heading: msg(str`Complete inspection ${this.inspection?.number ?? ''}?`, { id: 'perform.confirmComplete.heading' }),
      consequence: msg('The inspection is scored, every failed criterion becomes a finding and the record becomes read-only; this cannot be undone.', { id: 'perform.confirmComplete.consequence' }),
      confirmLabel: msg('Complete the inspection', { id: 'perform.complete' }),
    })
    if (!confirmed) return
    this.completedOnline = navigator.onLine
    this.write(() => enqueue(id, { kind: 'complete', conclusion: conclusion || null }))
  }

  override render() {
    if (this.loadError) return html`<p role="alert">${msg('Inspection not found, or you may not see it.', { id: 'inspections.notFound' })}</p>`
    const i = this.inspection
    if (!i) return html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`
    if (i.status === 'completed' || i.status === 'cancelled') {
      return html`<div class="top"><div class="line"><span>${i.number}</span>${this.renderSyncState()}</div></div>
        <p>${msg('This inspection is closed; its record is read-only.', { id: 'perform.closed' })}</p>
        ${i.status === 'completed' ? this.renderSignatures(i) : nothing}
        <p><a href=${`/inspections/${i.id}`}>${msg('Open the inspection', { id: 'perform.open' })}</a></p>`
    }
    return html`
      ${this.renderTop(i)}
      ${this.renderConflicts(i)}
      <div @qms-answer=${this.handleAnswer} @qms-photo=${this.handlePhoto} @qms-all-pass=${this.handleAllPass}>
        ${this.step === 0 ? this.renderPeopleStep(i) : this.step === this.summaryStep ? this.renderSummary(i) : this.renderItemStep(i)}
      </div>
    `
  }

  /** The truth about this inspection's changes: on the server, only on the device, or refused. */
  private renderSyncState() {
    const stopped = this.entries.find((e) => e.stopped)
    let text: string
    let error = false
    if (this.writeError) {
      text = msg(str`Not saved: ${this.writeError}`, { id: 'perform.saveFailed' })
      error = true
    } else if (stopped) {
      text = msg(str`Sync error: ${stopped.lastError ?? ''}`, { id: 'perform.syncFailed' })
      error = true
    } else if (this.writing) text = msg('Saving…', { id: 'perform.saving' })
    else if (this.entries.length) text = msg(str`Saved on this device, waiting to sync (${this.entries.length})`, { id: 'perform.waiting' })
    else if (this.conflicts.length) text = msg(str`${this.conflicts.length} answers differ from the server's: choose one`, { id: 'perform.conflicted' })
    else text = msg('Synced', { id: 'perform.synced' })
    return html`<span class=${`saving${error ? ' error' : ''}`} role="status">${text}</span>
      ${stopped
        ? html`<span class="sync-actions">
            <button type="button" @click=${() => void syncQueue.retry(stopped.seq!)}>${msg('Retry', { id: 'perform.retry' })}</button>
            <button type="button" class="link" @click=${() => void this.discard(stopped)}>${msg('Discard this change', { id: 'perform.discard' })}</button>
          </span>`
        : nothing}`
  }

  private async discard(entry: OutboxEntry) {
    if (!window.confirm(msg('Discard this change? The server keeps what it holds.', { id: 'perform.discardConfirm' }))) return
    await syncQueue.discard(entry.seq!)
  }

  /** Both versions of each answer someone else changed meanwhile, and a button to keep each. */
  private renderConflicts(i: Inspection) {
    if (!this.conflicts.length) return nothing
    const people = new Map(i.people.map((p) => [p.id, p.fullName]))
    const describe = (r: { result?: string; note?: string | null; value?: unknown }) =>
      html`<strong>${r.result ? resultLabel(r.result as 'pass') : '—'}</strong>${r.value !== null && r.value !== undefined && r.value !== '' ? html` · ${String(r.value)}` : nothing}${r.note ? html`<br />${r.note}` : nothing}`
    return html`<section class="card conflicts" role="alert" aria-label=${msg('Conflicting answers', { id: 'perform.conflicts' })}>
      <h2>${msg('Conflicting answers', { id: 'perform.conflicts' })}</h2>
      ${this.conflicts.map((w) => {
        const item = i.items.find((it) => it.id === w.itemId)
        const theirs: InspectionResponse = w.conflict!.theirs
        const name = w.conflict!.changedBy ?? msg('someone else', { id: 'perform.someoneElse' })
        return html`<div class="conflict">
          <p>${item?.text ?? w.itemId}${w.personId ? html` — ${people.get(w.personId) ?? ''}` : nothing}</p>
          <div class="versions">
            <div><h3>${msg('Yours', { id: 'perform.yours' })}</h3><p>${describe(w.slot)}</p>
              <button type="button" @click=${() => this.keep(w, 'mine')}>${msg('Keep yours', { id: 'perform.keepMine' })}</button></div>
            <div><h3>${msg(str`${name}'s`, { id: 'perform.theirs' })}</h3><p>${describe(theirs)}</p>
              <button type="button" @click=${() => this.keep(w, 'theirs')}>${msg(str`Keep ${name}'s`, { id: 'perform.keepTheirs' })}</button></div>
          </div>
        </div>`
      })}
    </section>`
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
    return html`<div class="top">
      <div class="line">
        <span><a href=${`/inspections/${i.id}`}>${i.number}</a> · ${i.orgUnit.name} · ${kindLabel(i.kind)}</span>
        ${this.renderSyncState()}
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
      <qms-inspection-item .item=${item} .people=${i.people} .slots=${this.slots} .photoUrls=${this.photoUrls}></qms-inspection-item>
      ${this.renderNav(this.step === i.items.length ? msg('Summary', { id: 'perform.summary' }) : undefined)}
    `
  }

  /** What completing still needs, by this device's answers (the server checks again). */
  private missing(i: Inspection): Missing[] {
    const missing: Missing[] = []
    if (i.items.some((it) => it.perPerson) && !i.personIds.length) missing.push({ itemId: null, personId: null, reason: 'people' })
    for (const item of i.items) {
      if (!item.required) continue
      for (const personId of item.perPerson ? i.personIds : [null]) {
        const slot = this.slots.get(slotKey(item.id, personId))
        if (!slot?.result) missing.push({ itemId: item.id, personId, reason: 'response' })
        else if (item.photoRequiredOnFail && slot.result === 'fail' && !slot.attachments.length) missing.push({ itemId: item.id, personId, reason: 'photo' })
      }
    }
    return missing
  }

  private readonly handleSign = (event: CustomEvent<SignDetail>) => {
    const d = event.detail
    const id = this.inspectionId
    this.write(async () => {
      let photoId: string | undefined
      if (d.png) {
        photoId = `local:${crypto.randomUUID()}`
        await putPhoto({ id: photoId, inspectionId: id, blob: d.png, filename: `chu-ky-${d.role}.png` })
        await enqueue(id, { kind: 'photo', photoId })
      }
      await enqueue(id, { kind: 'signature', role: d.role, signerName: d.signerName, photoId, refusalReason: d.refusalReason, signedAt: d.signedAt })
    })
  }

  /** A block's signature: on the server, or waiting on this device. */
  private signedState(i: Inspection, role: SignatureRole): SignedState | undefined {
    const server = i.signatures.find((s) => s.role === role)
    if (server) return { signerName: server.signerName, signedAt: server.signedAt, refusalReason: server.refusalReason, waiting: false }
    const queued = this.entries.find((e) => e.mutation.kind === 'signature' && e.mutation.role === role)?.mutation
    if (queued?.kind === 'signature') return { signerName: queued.signerName, signedAt: queued.signedAt, refusalReason: queued.refusalReason ?? null, waiting: true }
    return undefined
  }

  /** The record's two signature blocks, signed on the screen at the end. */
  private renderSignatures(i: Inspection) {
    const lead = i.kind === 'internal_audit' ? msg('Lead auditor', { id: 'sign.leadAuditor' }) : msg('Lead inspector', { id: 'sign.lead' })
    return html`<section class="card" aria-labelledby="signing" @qms-sign=${this.handleSign}>
      <h2 id="signing">${msg('Sign the record', { id: 'sign.title' })}</h2>
      <qms-signature-block signature-role="unit_representative" caption=${msg('Representative of the inspected unit', { id: 'sign.representative' })} .signed=${this.signedState(i, 'unit_representative')}></qms-signature-block>
      <qms-signature-block signature-role="lead_inspector" caption=${lead} default-name=${i.leadInspector.fullName} .signed=${this.signedState(i, 'lead_inspector')}></qms-signature-block>
    </section>`
  }

  private renderSummary(i: Inspection) {
    const people = new Map(i.people.map((p) => [p.id, p.fullName]))
    const failures = i.items.flatMap((item, index) =>
      (item.perPerson ? i.personIds : [null])
        .map((p) => ({ item, index, personId: p, slot: this.slots.get(slotKey(item.id, p)) }))
        .filter((s) => s.slot?.result === 'fail'),
    )
    const missing = this.missing(i)
    const completing = this.entries.some((e) => e.mutation.kind === 'complete')
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
      ${completing
        ? html`<p class="card">${msg('Completion is saved on this device and is sent after the answers, as soon as there is a network.', { id: 'perform.completeQueued' })}</p>
            ${this.renderSignatures(i)}`
        : html`<form class="card" @submit=${this.handleComplete}>
            <div class="field">
              <label for="conclusion">${msg('Conclusion', { id: 'inspections.conclusion' })}</label>
              <textarea id="conclusion" name="conclusion" .value=${i.conclusion ?? ''}></textarea>
            </div>
            <button class="primary" type="submit" ?disabled=${Boolean(this.writing)}>${msg('Complete the inspection', { id: 'perform.complete' })}</button>
            <p class="hint">${msg('Completing scores the inspection, turns every failure into a finding and makes the record read-only.', { id: 'perform.completeHint' })}</p>
          </form>`}
      ${this.renderNav()}
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspection-perform': QmsInspectionPerform
  }
}
