/**
 * The PAR index demo: the sample criteria set (db/reference/par-index-sample-criteria.json,
 * named as a sample: not official figures) and the 2019 self-assessment in progress,
 * most leaves scored with their evidence, a few left to score. The set and the year go
 * through the real services on a January 2020 clock, as the board scored itself then;
 * the scores are written in one statement (each scoring through the service would
 * recompute the tree and the year's figures 19 times: seconds on every test template).
 */
import { readFileSync } from 'node:fs'
import type { Db } from '../../db/client.ts'
import type { ServiceEnv } from '../lib/clock.ts'
import { MIME, sha256Hex } from '../lib/uploads.ts'
import { eq } from 'drizzle-orm'
import { parAssessments, parScores } from '../../db/schema/index.ts'
import { recordAudit } from '../modules/audit-log/service.ts'
import { createAssessment, importCriteriaSet } from '../modules/par-index/service.ts'
import { actorFor } from './nonconformities.ts'
import type { DemoOrganisation } from './organisation.ts'

export const SAMPLE_SET_NAME = 'Bộ tiêu chí mẫu (không phải số liệu chính thức)'
export const SAMPLE_FILE = new URL('../../db/reference/par-index-sample-criteria.json', import.meta.url)

/** Self scores of 2019 by code: [points, evidence named, note]. 6.1.2 and 4.3 are left to score. */
const SCORES_2019: Record<string, [number, string | null, string | null]> = {
  '1.1.1': [1, 'Kế hoạch số 04/KH-BQL ngày 06/01/2020 (kế hoạch năm 2019: 03/KH-BQL ngày 08/01/2019)', null],
  '1.1.2': [1, 'Báo cáo kết quả thực hiện kế hoạch cải cách hành chính năm 2019', 'Còn 02 nhiệm vụ chưa hoàn thành đúng tiến độ.'],
  '1.2': [2, 'Các báo cáo quý, 6 tháng và năm 2019 gửi Sở Nội vụ', null],
  '1.3': [1, 'Kế hoạch tuyên truyền cải cách hành chính năm 2019', 'Chưa thực hiện đủ các hình thức tuyên truyền theo kế hoạch.'],
  '1.4.1': [2, 'Kế hoạch kiểm tra công vụ năm 2019 và các biên bản kiểm tra', null],
  '1.4.2': [1, 'Thông báo kết quả kiểm tra công vụ', null],
  '2.1': [2, 'Ảnh chụp bảng niêm yết tại Bộ phận một cửa; danh mục trên cổng thông tin điện tử', null],
  '2.2.1': [2, 'Sổ theo dõi hồ sơ tại Bộ phận một cửa; thống kê trên Hệ thống thông tin một cửa điện tử', 'Còn hồ sơ giải quyết trễ hạn sau khi yêu cầu bổ sung.'],
  '2.2.2': [2, 'Các phiếu xin lỗi và hẹn lại ngày trả kết quả', null],
  '2.2.3': [0, null, 'Chưa triển khai số hóa hồ sơ.'],
  '2.3': [4, 'Sổ tiếp nhận phản ánh, kiến nghị năm 2019 (không phát sinh)', null],
  '3.1': [3, 'Quyết định quy định chức năng, nhiệm vụ của Văn phòng và các phòng', null],
  '3.2': [3, 'Quyết định bổ nhiệm cán bộ lãnh đạo', null],
  '4.1': [3, 'Đề án vị trí việc làm được phê duyệt', null],
  '4.2': [2, 'Kế hoạch đào tạo, bồi dưỡng năm 2019 và báo cáo kết quả', 'Hoàn thành khoảng 85% kế hoạch.'],
  '5.1': [2, 'Quy chế chi tiêu nội bộ năm 2019', null],
  '5.2': [2, 'Quyết định công khai dự toán, quyết toán ngân sách', null],
  '6.1.1': [2, 'Thống kê hồ sơ trực tuyến trên Cổng dịch vụ công', null],
  '6.2': [4, 'Quyết định công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015; biên bản đánh giá nội bộ', null],
}

export async function seedParIndex(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<{ criteria: number; scored: number }> {
  const at: ServiceEnv = { ...env, now: new Date('2020-01-15T09:00:00+07:00') }
  const [manager, auditor] = await Promise.all([actorFor(db, org.users.manager), actorFor(db, org.users.auditor)])
  const bytes = readFileSync(SAMPLE_FILE)
  // JSON is plain text: the upload layer types it as text (MIME.csv); the reader tells XLSX from JSON.
  const set = await importCriteriaSet(
    db,
    manager,
    { filename: 'par-index-sample-criteria.json', contentType: MIME.csv, bytes, size: bytes.length, sha256: sha256Hex(bytes) },
    { name: SAMPLE_SET_NAME, year: '2019', issuedBy: 'Mẫu minh họa của QMS Tracker', isSample: 'true' },
    at,
  )
  const a = await createAssessment(db, auditor, { year: 2019, criteriaSetId: set.id }, at)
  const byCode = new Map(set.criteria.map((c) => [c.code, c.id]))
  const scores = Object.entries(SCORES_2019).map(([code, [selfScore, evidenceText, note]]) => ({
    assessmentId: a.id,
    criterionId: byCode.get(code)!,
    selfScore,
    evidenceText,
    note,
    updatedById: auditor.userId,
    updatedAt: at.now,
  }))
  await db.insert(parScores).values(scores)
  await db.update(parAssessments).set({ version: a.version + 1, updatedAt: at.now }).where(eq(parAssessments.id, a.id))
  await recordAudit(db, auditor, { action: 'par_assessment.score', entityType: 'par_assessment', entityId: a.id, after: { scores: Object.entries(SCORES_2019).map(([code, [selfScore]]) => ({ code, selfScore })) } })
  return { criteria: set.criteria.length, scored: Object.keys(SCORES_2019).length }
}
