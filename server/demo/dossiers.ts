/**
 * Demo dossiers, generated deterministically (a seeded random sequence) so that the
 * statistics for 21/11/2019–27/5/2020 reproduce the seed report exactly: 86 received
 * (44 online, 42 in person or by post), 82 resolved (early or on time), 4 still within
 * their deadline, nothing carried over and no complaints. Around them: dossiers before
 * the period (all resolved before it), after it (including a few late ones, a rejection
 * and a withdrawal), and a few weeks of current work relative to the day the demo is loaded.
 *
 * Each dossier's life goes through the same state machine as the API (applyAction), on
 * the demo holiday calendar, so its dates, timeliness and timeline agree.
 */
import type { Db } from '../../db/client.ts'
import { complaints, dossierEvents, dossiers, type Channel } from '../../db/schema/index.ts'
import { addDays, localDate } from '../lib/clock.ts'
import { wallClock, WorkingCalendar, zonedInstant, type OfficeHours } from '../modules/calendar/working-days.ts'
import type { DossierAction } from '../modules/dossiers/schemas.ts'
import { applyAction, type DossierState } from '../modules/dossiers/workflow.ts'
import { DEMO_CALENDAR } from './calendar.ts'
import type { DemoOrganisation } from './organisation.ts'

export const DEMO_PERIOD = { from: '2019-11-21', to: '2020-05-27' }

/** The demo is generated with the default office hours in the agency's zone. */
const HOURS: OfficeHours = { timeZone: 'Asia/Ho_Chi_Minh', officeOpen: 7 * 60, officeClose: 17 * 60 }

/** mulberry32: a small, well-distributed seeded generator. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]) => {
      const total = items.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [item, w] of items) if ((r -= w) < 0) return item
      return items[items.length - 1][0]
    },
  }
}

/** How often each procedure is applied for (C/O and work permits are the daily bread). */
const DEMAND: [string, number][] = [
  ['TM.01', 16], ['TM.02', 2], ['LD.01', 14], ['LD.02', 4], ['LD.03', 3], ['LD.04', 3], ['LD.05', 2], ['LD.06', 1], ['LD.07', 1],
  ['DT.01', 3], ['DT.02', 1], ['DT.03', 1], ['DT.04', 8], ['DT.05', 1], ['DT.06', 1], ['DT.08', 1], ['DT.11', 2], ['DT.12', 1],
  ['TM.03', 1], ['TM.04', 1], ['TM.06', 1],
  ['XD.01', 5], ['XD.02', 1], ['XD.03', 1], ['XD.05', 1], ['XD.06', 1], ['XD.07', 2],
  ['QH.02', 1], ['MT.01', 3], ['MT.02', 1], ['MT.03', 1],
]

const COMPANY_FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV', 'Công ty TNHH']
const COMPANY_NAMES = [
  'Thép Tân Hương', 'May mặc Long Giang', 'Thực phẩm Mỹ Tho', 'Bao bì Đông Á', 'Cơ khí Phước Thạnh', 'Dệt may Bình Đức',
  'Nông sản Gò Công', 'Gỗ Nam Việt', 'Điện tử Sao Mai', 'Hóa chất Hưng Phát', 'Nhựa Tân Phú', 'Giày da Thuận An',
  'Thủy sản Vạn Đức', 'Vật liệu xây dựng Hòa Bình', 'Chế biến trái cây Cái Bè', 'Sợi Tiền Giang', 'Linh kiện ô tô Việt Hàn',
  'Dược phẩm Cửu Long', 'Thức ăn chăn nuôi Mê Kông', 'Kết cấu thép Đại Dương', 'Bao bì giấy Sông Tiền', 'Cao su Phú Mỹ',
  'Đồ gỗ xuất khẩu Tân Lập', 'Kho vận Long An', 'Điện máy Hoàng Gia',
]

type Plan = {
  procedure: string
  receivedAt: Date
  channel?: Channel
  steps: [DossierAction, Date, string?][]
  applicant: string
  note?: string
}

export async function seedDossiers(db: Db, org: DemoOrganisation, procedures: Record<string, { id: string; days: number; unit: string; level: number }>, now: Date) {
  const rng = random(20200529)
  const calendar = new WorkingCalendar(
    {
      holidays: DEMO_CALENDAR.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workingDays: DEMO_CALENDAR.filter((d) => d.kind === 'working_day').map((d) => d.date),
    },
    HOURS,
  )
  const at = (date: string, minutes: number) => zonedInstant(date, minutes, HOURS.timeZone)
  const workingDaysBetween = (from: string, to: string) => {
    const days: string[] = []
    for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d)
    return days
  }
  const applicant = () => `${rng.pick(COMPANY_FORMS)} ${rng.pick(COMPANY_NAMES)}`
  const demand = DEMAND.map(([code, w]) => [code, w] as const)

  /**
   * A dossier received on `day` and resolved `offset` working days after it (early when
   * the offset is below the processing days, on time when equal, late when above),
   * optionally with a supplement request in between.
   */
  function resolvedPlan(code: string, day: string, offset: number, options: { supplement?: boolean; returned?: boolean } = {}): Plan {
    const p = procedures[code]
    const receivedAt = at(day, rng.int(450, 990))
    const start = calendar.effectiveDay(receivedAt)
    const steps: Plan['steps'] = [['start-processing', at(start, Math.max(480, minutesOf(receivedAt) + 30))]]
    let shift = 0
    if (options.supplement && p.days >= 3) {
      const askDay = calendar.addWorkingDays(start, 1)
      const backDay = calendar.addWorkingDays(askDay, 2)
      steps.push(['request-supplement', at(askDay, 600), 'Bổ sung bản sao hợp đồng thuê đất có chứng thực và bản vẽ mặt bằng tổng thể.'])
      steps.push(['supplement-received', at(backDay, 540)])
      shift = 2
    }
    const resolveDay = calendar.addWorkingDays(start, offset + shift)
    const lastStep = steps[steps.length - 1][1]
    let minutes = rng.int(480, 990)
    // Never before the previous step on the same day.
    if (resolveDay === localDate(lastStep, HOURS.timeZone) && minutes <= minutesOf(lastStep)) minutes = minutesOf(lastStep) + rng.int(10, 90)
    const resolvedAt = at(resolveDay, minutes)
    steps.push(['resolve', resolvedAt])
    if (options.returned ?? true) {
      const returnDay = calendar.addWorkingDays(resolveDay, rng.int(0, 2))
      const returnAt = at(returnDay, Math.max(minutesOf(resolvedAt) + 10, rng.int(480, 1000)))
      steps.push(['return-result', returnAt])
    }
    return { procedure: code, receivedAt, steps, applicant: applicant() }
  }

  const minutesOf = (instant: Date) => wallClock(instant, HOURS.timeZone).minutes
  const endOf = (date: string) => at(addDays(date, 1), 0)

  const plans: Plan[] = []

  // Before the period: resolved and returned before 21/11/2019, so nothing is carried over.
  for (const day of pickDays(workingDaysBetween('2019-10-01', '2019-11-05'), 12)) {
    const code = rng.weighted(demand)
    let plan: Plan
    do plan = resolvedPlan(code, day, rng.int(0, Math.max(0, procedures[code].days - 1)))
    while (plan.steps.some(([, t]) => t >= at(DEMO_PERIOD.from, 0)))
    plans.push(plan)
  }

  // The period: 82 resolved early or on time within it, 4 still within their deadline at its end.
  const periodDays = workingDaysBetween(DEMO_PERIOD.from, DEMO_PERIOD.to)
  const periodEnd = endOf(DEMO_PERIOD.to)
  const inPeriod: Plan[] = []
  for (let i = 0; i < 82; i++) {
    let plan: Plan
    do {
      const code = rng.weighted(demand)
      const days = procedures[code].days
      const onTime = rng.next() < 0.22
      const offset = onTime ? days : rng.int(0, Math.max(0, days - 1))
      plan = resolvedPlan(code, rng.pick(periodDays), offset, { supplement: rng.next() < 0.08 })
    } while (plan.steps.find(([a]) => a === 'resolve')![1] >= periodEnd)
    inPeriod.push(plan)
  }
  // Within their deadline on 27/5/2020; what happened afterwards (one of them late) does not change that.
  const pending: [string, string, number][] = [
    ['DT.04', '2020-05-20', 8],
    ['XD.01', '2020-05-21', 21],
    ['MT.01', '2020-05-25', 9],
    ['DT.01', '2020-05-26', 12],
  ]
  for (const [code, day, offset] of pending) inPeriod.push(resolvedPlan(code, day, offset))

  // Channels: exactly 44 online; of the 42 others 4 came by post. Level-4 procedures go online more often.
  const ranked = inPeriod
    .map((plan) => ({ plan, score: rng.next() * (procedures[plan.procedure].level === 4 ? 1 : 0.35) }))
    .sort((a, b) => b.score - a.score)
  ranked.forEach(({ plan }, i) => {
    plan.channel = i < 44 ? 'online' : i < 48 ? 'postal' : 'in_person'
  })
  plans.push(...inPeriod)

  // After the period, to the end of the demo calendar: mostly in time, a few late, one rejected, one withdrawn.
  const afterDays = workingDaysBetween('2020-06-01', '2021-06-30')
  for (let i = 0; i < 60; i++) {
    const code = rng.weighted(demand)
    const days = procedures[code].days
    const late = i % 15 === 7
    const offset = late ? days + rng.int(1, 3) : rng.next() < 0.25 ? days : rng.int(0, Math.max(0, days - 1))
    plans.push(resolvedPlan(code, rng.pick(afterDays), offset, { supplement: rng.next() < 0.1 }))
  }
  {
    const day = '2020-10-13'
    plans.push({
      procedure: 'XD.01',
      receivedAt: at(day, 565),
      steps: [
        ['start-processing', at(day, 600)],
        ['reject', at(calendar.addWorkingDays(day, 4), 900), 'Công trình không phù hợp quy hoạch chi tiết tỷ lệ 1/500 đã được phê duyệt.'],
      ],
      applicant: applicant(),
    })
    const day2 = '2021-03-09'
    plans.push({ procedure: 'DT.08', receivedAt: at(day2, 610), steps: [['start-processing', at(day2, 700)], ['withdraw', at(calendar.addWorkingDays(day2, 3), 840)]], applicant: applicant() })
  }

  // Current work: the last six weeks before the demo was loaded.
  const today = localDate(now, HOURS.timeZone)
  const recent = workingDaysBetween(addDays(today, -42), addDays(today, -1))
  const yesterdayEnd = at(today, 0)
  for (const day of pickDays(recent, 14)) {
    const code = rng.weighted(demand)
    const days = procedures[code].days
    const plan = resolvedPlan(code, day, rng.int(0, Math.max(0, days - 1)))
    // Keep only the steps that have happened by yesterday: the rest is still ahead.
    plan.steps = plan.steps.filter(([, t]) => t < yesterdayEnd)
    plans.push(plan)
  }
  {
    // One waiting for the applicant's supplement, one overdue (received 25 working days ago, 15-day procedure).
    const askFrom = recent[recent.length - 8]
    const r1 = at(askFrom, 560)
    plans.push({
      procedure: 'DT.01',
      receivedAt: r1,
      steps: [['start-processing', at(askFrom, 620)], ['request-supplement', at(calendar.addWorkingDays(askFrom, 2), 630), 'Bổ sung văn bản chứng minh năng lực tài chính của nhà đầu tư.']],
      applicant: applicant(),
    })
    const lateFrom = recent[Math.max(0, recent.length - 26)]
    plans.push({ procedure: 'DT.06', receivedAt: at(lateFrom, 500), steps: [['start-processing', at(lateFrom, 560)]], applicant: applicant() })
  }

  for (const plan of plans) plan.channel ??= procedures[plan.procedure].level === 4 && rng.next() < 0.55 ? 'online' : rng.next() < 0.1 ? 'postal' : 'in_person'
  plans.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())

  // Codes as the one-stop-shop software numbers them: the receipt date and a daily sequence.
  const perDay = new Map<string, number>()
  const staffFor: Record<string, string> = {
    investment: 'ngo.thanh.son',
    enterprise: 'bui.thi.hoa',
    planning: 'duong.minh.tuan',
    environment: 'duong.minh.tuan',
  }
  const people: Record<string, string> = {
    staff: 'Phạm Thị Thu',
    'ngo.thanh.son': 'Ngô Thanh Sơn',
    'bui.thi.hoa': 'Bùi Thị Hoa',
    'duong.minh.tuan': 'Dương Minh Tuấn',
  }
  const dossierRows: (typeof dossiers.$inferInsert)[] = []
  const eventRows: (typeof dossierEvents.$inferInsert)[] = []
  for (const plan of plans) {
    const p = procedures[plan.procedure]
    const day = localDate(plan.receivedAt, HOURS.timeZone)
    const n = (perDay.get(day) ?? 0) + 1
    perDay.set(day, n)
    const id = crypto.randomUUID()
    const dueAt = calendar.dueAt(plan.receivedAt, p.days)
    let state: DossierState = { status: 'received', dueAt, timeliness: null, resolvedAt: null, returnedAt: null, rejectedAt: null, withdrawnAt: null, pausedAt: null, pausedWorkingDays: 0 }
    const reception = 'staff'
    const handler = staffFor[p.unit] ?? 'staff'
    eventRows.push({ dossierId: id, seq: 1, type: 'received', at: plan.receivedAt, recordedAt: plan.receivedAt, actorId: org.users[reception], actorName: people[reception], statusAfter: 'received', dueAtAfter: dueAt })
    let seq = 1
    for (const [action, when, reason] of plan.steps) {
      const applied = applyAction(state, action, when, calendar)
      state = applied.state
      const who = action === 'return-result' || action === 'supplement-received' || action === 'withdraw' ? reception : handler
      eventRows.push({ dossierId: id, seq: ++seq, ...applied.event, recordedAt: when, actorId: org.users[who], actorName: people[who], reason: reason ?? null })
    }
    dossierRows.push({
      id,
      code: `H57.22-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(n).padStart(4, '0')}`,
      procedureId: p.id,
      orgUnitId: org.units[p.unit],
      receivingUnitId: org.units.reception,
      applicantName: plan.applicant,
      channel: plan.channel!,
      receivedAt: plan.receivedAt,
      ...state,
      createdAt: plan.receivedAt,
      updatedAt: plan.steps.at(-1)?.[1] ?? plan.receivedAt,
    })
  }
  for (let i = 0; i < dossierRows.length; i += 500) await db.insert(dossiers).values(dossierRows.slice(i, i + 500))
  for (let i = 0; i < eventRows.length; i += 1000) await db.insert(dossierEvents).values(eventRows.slice(i, i + 1000))

  // The report had no complaints in the period; one piece of feedback came later.
  await db.insert(complaints).values({
    receivedAt: at('2020-08-18', 600),
    kind: 'feedback',
    orgUnitId: org.units.reception,
    summary: 'Doanh nghiệp đề nghị niêm yết rõ hơn thời gian trả kết quả Giấy chứng nhận xuất xứ (C/O) tại Bộ phận Tiếp nhận và Trả kết quả.',
    status: 'closed',
    outcome: 'Đã bổ sung bảng niêm yết thời gian giải quyết từng thủ tục tại quầy và trên Cổng thông tin điện tử của Ban.',
    closedAt: at('2020-08-25', 900),
  })
  return { dossiers: dossierRows.length, events: eventRows.length }

  function pickDays(days: string[], count: number) {
    return Array.from({ length: count }, () => rng.pick(days)).sort()
  }
}
