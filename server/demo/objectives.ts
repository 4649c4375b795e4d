/**
 * The board's 2020 quality objectives (mục tiêu chất lượng năm 2020), set by the
 * leadership in January after plan 04/KH-BQL, and measured from the demo records:
 * dossiers resolved on time (≥ 100 %) and received online (≥ 50 %) by quarter, ID-badge
 * compliance (100 %) by half-year, and the Office's own objective for the one-stop desk
 * with a satisfaction survey entered by hand. They go through the real services on a
 * 2020 clock; computed values freeze on the first read after their period ended.
 */
import type { Db } from '../../db/client.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { addIndicator, createObjective, setManualValue } from '../modules/objectives/service.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

const POLICY =
  'Ban Quản lý các khu công nghiệp cam kết giải quyết thủ tục hành chính công khai, minh bạch, đúng hạn; không ngừng cải tiến để nhà đầu tư, doanh nghiệp hài lòng.'

export async function seedObjectives(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<number> {
  /** 08:30 in Vietnam on a 2020 day. */
  const at = (date: string): ServiceEnv => ({ ...env, now: new Date(`${date}T08:30:00+07:00`) })
  const [manager, head] = await Promise.all(['manager', 'head'].map((u) => actorFor(db, org.users[u])))
  const january = at('2020-01-10')

  await createObjective(
    db,
    manager,
    {
      year: 2020,
      title: 'Giải quyết 100 % hồ sơ thủ tục hành chính đúng hạn; ít nhất một nửa hồ sơ tiếp nhận trực tuyến',
      ownerUnitId: org.units.board,
      policyStatement: POLICY,
      indicators: [
        { name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', frequency: 'quarter', source: 'computed', metric: 'dossiers_on_time', targetMin: 100 },
        { name: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', frequency: 'quarter', source: 'computed', metric: 'dossiers_online', targetMin: 50 },
      ],
    },
    january,
  )
  await createObjective(
    db,
    manager,
    {
      year: 2020,
      title: 'Chấp hành nghiêm kỷ luật, kỷ cương hành chính',
      ownerUnitId: org.units.board,
      policyStatement: POLICY,
      indicators: [{ name: 'Tỷ lệ lượt kiểm tra đeo thẻ công chức, viên chức đạt', frequency: 'half_year', source: 'computed', metric: 'inspection_pass_rate', category: 'id_badge', targetMin: 100 }],
    },
    january,
  )
  // The Office's objective for its one-stop desk: the head keeps its indicators.
  const desk = await createObjective(
    db,
    manager,
    {
      year: 2020,
      title: 'Tổ chức, cá nhân hài lòng khi liên hệ Bộ phận Một cửa',
      ownerUnitId: org.units.office,
      policyStatement: POLICY,
    },
    january,
  )
  await addIndicator(db, head, desk.id, { name: 'Phản ánh, kiến nghị về Bộ phận Một cửa', frequency: 'quarter', source: 'computed', metric: 'complaints_received', targetMax: 0 }, january)
  const survey = await addIndicator(db, head, desk.id, { name: 'Tỷ lệ hài lòng qua phiếu khảo sát', frequency: 'half_year', source: 'manual', measure: 'percent', targetMin: 90 }, january)
  await setManualValue(
    db,
    head,
    { id: desk.id, indicatorId: survey.id, period: 'H1' },
    undefined,
    { value: 95.2, note: 'Tổng hợp 126 phiếu khảo sát thu tại Bộ phận Một cửa từ 01/01 đến 30/6/2020.' },
    at('2020-07-03'),
  )
  return 3
}
