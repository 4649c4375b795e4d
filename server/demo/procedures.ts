/**
 * The board's catalogue as in the seed report: 40 administrative procedures, 34 offered
 * as level-4 online public services and 6 at level 3 (as of May 2020), with the
 * Decree 42/2022 modes that replaced the levels from 1 August 2022.
 */
import type { Db } from '../../db/client.ts'
import { procedureOnlineHistory, procedures } from '../../db/schema/index.ts'
import type { DemoOrganisation } from './organisation.ts'

export interface DemoProcedure {
  code: string
  name: string
  field: string
  unit: string
  days: number
  level: 3 | 4
  fee: number | null
  /** Level 3 until this date, level 4 from it (a procedure upgraded during 2019). */
  upgradedOn?: string
}

const INVESTMENT = 'Đầu tư tại Việt Nam'
const LABOUR = 'Lao động'
const TRADE = 'Thương mại quốc tế'
const CONSTRUCTION = 'Hoạt động xây dựng'
const PLANNING = 'Quy hoạch xây dựng'
const ENVIRONMENT = 'Môi trường'

export const DEMO_PROCEDURES: DemoProcedure[] = [
  { code: 'DT.01', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện quyết định chủ trương đầu tư' },
  { code: 'DT.02', field: INVESTMENT, unit: 'investment', days: 5, level: 4, fee: null, name: 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án thuộc diện quyết định chủ trương đầu tư' },
  { code: 'DT.03', field: INVESTMENT, unit: 'investment', days: 35, level: 3, fee: null, name: 'Quyết định chủ trương đầu tư của Ban Quản lý' },
  { code: 'DT.04', field: INVESTMENT, unit: 'investment', days: 10, level: 4, fee: null, name: 'Điều chỉnh Giấy chứng nhận đăng ký đầu tư đối với trường hợp không điều chỉnh quyết định chủ trương đầu tư' },
  { code: 'DT.05', field: INVESTMENT, unit: 'investment', days: 25, level: 3, fee: null, name: 'Điều chỉnh quyết định chủ trương đầu tư của Ban Quản lý' },
  { code: 'DT.06', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Chuyển nhượng dự án đầu tư' },
  { code: 'DT.07', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Điều chỉnh dự án đầu tư trong trường hợp chia, tách, sáp nhập, hợp nhất, chuyển đổi loại hình tổ chức kinh tế' },
  { code: 'DT.08', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Giãn tiến độ đầu tư' },
  { code: 'DT.09', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Tạm ngừng hoạt động của dự án đầu tư' },
  { code: 'DT.10', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Chấm dứt hoạt động của dự án đầu tư' },
  { code: 'DT.11', field: INVESTMENT, unit: 'investment', days: 5, level: 4, fee: null, name: 'Cấp lại hoặc hiệu đính thông tin trên Giấy chứng nhận đăng ký đầu tư' },
  { code: 'DT.12', field: INVESTMENT, unit: 'investment', days: 5, level: 4, fee: null, name: 'Đổi Giấy chứng nhận đăng ký đầu tư' },
  { code: 'DT.13', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC' },
  { code: 'DT.14', field: INVESTMENT, unit: 'investment', days: 15, level: 4, fee: null, name: 'Chấm dứt hoạt động văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC' },
  { code: 'LD.01', field: LABOUR, unit: 'enterprise', days: 5, level: 4, fee: 600_000, name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam' },
  { code: 'LD.02', field: LABOUR, unit: 'enterprise', days: 3, level: 4, fee: 450_000, name: 'Cấp lại giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam' },
  { code: 'LD.03', field: LABOUR, unit: 'enterprise', days: 5, level: 4, fee: null, name: 'Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động' },
  { code: 'LD.04', field: LABOUR, unit: 'enterprise', days: 15, level: 4, fee: null, name: 'Chấp thuận nhu cầu sử dụng người lao động nước ngoài' },
  { code: 'LD.05', field: LABOUR, unit: 'enterprise', days: 7, level: 4, fee: null, name: 'Đăng ký nội quy lao động của doanh nghiệp', upgradedOn: '2019-09-01' },
  { code: 'LD.06', field: LABOUR, unit: 'enterprise', days: 5, level: 4, fee: null, name: 'Đăng ký hợp đồng nhận lao động thực tập thời hạn dưới 90 ngày' },
  { code: 'LD.07', field: LABOUR, unit: 'enterprise', days: 10, level: 4, fee: null, name: 'Báo cáo giải trình thay đổi nhu cầu sử dụng người lao động nước ngoài', upgradedOn: '2019-09-01' },
  { code: 'TM.01', field: TRADE, unit: 'enterprise', days: 1, level: 4, fee: null, name: 'Cấp Giấy chứng nhận xuất xứ hàng hóa ưu đãi (C/O)' },
  { code: 'TM.02', field: TRADE, unit: 'enterprise', days: 1, level: 4, fee: null, name: 'Cấp lại Giấy chứng nhận xuất xứ hàng hóa ưu đãi (C/O)' },
  { code: 'TM.03', field: TRADE, unit: 'enterprise', days: 7, level: 4, fee: 3_000_000, name: 'Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam' },
  { code: 'TM.04', field: TRADE, unit: 'enterprise', days: 5, level: 4, fee: 1_500_000, name: 'Điều chỉnh Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam' },
  { code: 'TM.05', field: TRADE, unit: 'enterprise', days: 5, level: 4, fee: 1_500_000, name: 'Cấp lại Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam' },
  { code: 'TM.06', field: TRADE, unit: 'enterprise', days: 5, level: 4, fee: 1_500_000, name: 'Gia hạn Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam' },
  { code: 'TM.07', field: TRADE, unit: 'enterprise', days: 5, level: 4, fee: null, name: 'Chấm dứt hoạt động Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam' },
  { code: 'XD.01', field: CONSTRUCTION, unit: 'planning', days: 20, level: 4, fee: 150_000, name: 'Cấp giấy phép xây dựng công trình trong khu công nghiệp' },
  { code: 'XD.02', field: CONSTRUCTION, unit: 'planning', days: 20, level: 4, fee: 150_000, name: 'Điều chỉnh giấy phép xây dựng công trình' },
  { code: 'XD.03', field: CONSTRUCTION, unit: 'planning', days: 5, level: 4, fee: 150_000, name: 'Gia hạn giấy phép xây dựng công trình' },
  { code: 'XD.04', field: CONSTRUCTION, unit: 'planning', days: 5, level: 4, fee: 150_000, name: 'Cấp lại giấy phép xây dựng công trình' },
  { code: 'XD.05', field: CONSTRUCTION, unit: 'planning', days: 20, level: 3, fee: null, name: 'Thẩm định dự án, điều chỉnh dự án đầu tư xây dựng' },
  { code: 'XD.06', field: CONSTRUCTION, unit: 'planning', days: 20, level: 3, fee: null, name: 'Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở' },
  { code: 'XD.07', field: CONSTRUCTION, unit: 'planning', days: 15, level: 4, fee: null, name: 'Kiểm tra công tác nghiệm thu hoàn thành công trình xây dựng' },
  { code: 'QH.01', field: PLANNING, unit: 'planning', days: 15, level: 3, fee: null, name: 'Thẩm định, phê duyệt quy hoạch chi tiết xây dựng tỷ lệ 1/500 trong khu công nghiệp' },
  { code: 'QH.02', field: PLANNING, unit: 'planning', days: 15, level: 4, fee: null, name: 'Điều chỉnh quy hoạch chi tiết xây dựng tỷ lệ 1/500 trong khu công nghiệp' },
  { code: 'MT.01', field: ENVIRONMENT, unit: 'environment', days: 10, level: 4, fee: null, name: 'Xác nhận đăng ký kế hoạch bảo vệ môi trường' },
  { code: 'MT.02', field: ENVIRONMENT, unit: 'environment', days: 30, level: 3, fee: 5_000_000, name: 'Thẩm định, phê duyệt báo cáo đánh giá tác động môi trường (được ủy quyền)' },
  { code: 'MT.03', field: ENVIRONMENT, unit: 'environment', days: 15, level: 4, fee: null, name: 'Xác nhận hoàn thành công trình bảo vệ môi trường phục vụ giai đoạn vận hành của dự án' },
]

/** Decree 42/2022/NĐ-CP took effect on 1 August 2022. */
export const DECREE_42_FROM = '2022-08-01'
const LEVELS_FROM = '2018-10-01'

export async function seedProcedures(db: Db, org: DemoOrganisation): Promise<Record<string, { id: string; days: number; unit: string; level: number }>> {
  const inserted = await db
    .insert(procedures)
    .values(DEMO_PROCEDURES.map((p) => ({ code: p.code, name: p.name, field: p.field, owningUnitId: org.units[p.unit], processingDays: p.days, fee: p.fee })))
    .returning({ id: procedures.id, code: procedures.code })
  const byCode = Object.fromEntries(inserted.map((p) => [p.code, p.id]))
  const history: (typeof procedureOnlineHistory.$inferInsert)[] = []
  for (const p of DEMO_PROCEDURES) {
    const procedureId = byCode[p.code]
    if (p.upgradedOn) {
      history.push({ procedureId, attribute: 'level', level: 3, effectiveFrom: LEVELS_FROM })
      history.push({ procedureId, attribute: 'level', level: 4, effectiveFrom: p.upgradedOn })
    } else {
      history.push({ procedureId, attribute: 'level', level: p.level, effectiveFrom: LEVELS_FROM })
    }
    history.push({ procedureId, attribute: 'mode', mode: p.level === 4 ? 'full' : 'partial', effectiveFrom: DECREE_42_FROM })
  }
  await db.insert(procedureOnlineHistory).values(history)
  return Object.fromEntries(DEMO_PROCEDURES.map((p) => [p.code, { id: byCode[p.code], days: p.days, unit: p.unit, level: p.level }]))
}
