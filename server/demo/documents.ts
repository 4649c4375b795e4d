/**
 * The demo agency's QMS documents: quality policy and manual, the internal procedures
 * QT-xx/BQL (the system procedures and the process documents of several administrative
 * procedures), forms BM-xx and one instruction and external document, with their
 * revision histories and sign-offs. Most are already on ISO 9001:2015; a few are still
 * on 2008, some with the 2015 revision under way (the sixth task of the 2020 report).
 *
 * Dates are set back from the day the demo is loaded, so the review-due list always
 * shows a realistic mix: most reviews ahead, a few due soon, a couple overdue.
 */
import { inArray } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import {
  documentFiles,
  documentRevisions,
  documents,
  documentSignoffs,
  users,
  type DocumentType,
  type RevisionStatus,
  type SignoffMeaning,
  type StandardEdition,
} from '../../db/schema/index.ts'
import { addDays, agencyToday, type ServiceEnv } from '../lib/clock.ts'
import { sha256Hex } from '../lib/uploads.ts'
import { renderDocumentPdf } from './document-pdf.ts'
import type { DemoOrganisation } from './organisation.ts'

const AGENCY = 'Ban Quản lý các khu công nghiệp'

interface RevisionSeed {
  /** Effective date, in days before today (published and superseded revisions). */
  daysAgo?: number
  /**
   * Or a fixed effective date: the first issues under TCVN ISO 9001:2008, in force
   * during the seed report's half-year, so its QMS transition figures come from data.
   */
  issuedOn?: string
  edition: StandardEdition
  status: RevisionStatus
  summary: string
  drafter: string
  reviewer?: string
  /** in_review only: the reviewer has signed. */
  reviewed?: boolean
  obsoleteReason?: string
}

interface DocumentSeed {
  code: string
  title: string
  type: DocumentType
  unit: string
  clauses: string[]
  interval?: number
  revisions: RevisionSeed[]
}

const Y = 365

/** Revisions oldest first; the last one is the newest issue. */
const DOCUMENTS: DocumentSeed[] = [
  {
    code: 'CSCL/BQL', title: 'Chính sách chất lượng', type: 'policy', unit: 'board', clauses: ['5.2', '5.2.1', '5.2.2'],
    revisions: [
      { issuedOn: '2016-09-05', edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu theo TCVN ISO 9001:2008', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 300, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015; bổ sung cam kết hướng vào tổ chức, cá nhân', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'STCL/BQL', title: 'Sổ tay chất lượng', type: 'manual', unit: 'office',
    clauses: ['4.1', '4.2', '4.3', '4.4', '5.1', '5.1.1', '5.1.2', '5.3', '6.1', '6.3', '7.1', '7.1.1', '7.1.2', '7.1.3', '7.1.4', '7.2', '7.3', '7.4', '8.1', '9.1', '9.1.1', '10.1'],
    revisions: [
      { issuedOn: '2016-09-05', edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 3 * Y, edition: '2008', status: 'superseded', summary: 'Cập nhật cơ cấu tổ chức sau sắp xếp các phòng', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 345, edition: '2015', status: 'published', summary: 'Viết lại theo ISO 9001:2015: bối cảnh, các bên quan tâm, rủi ro và cơ hội', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'MTCL/BQL', title: 'Mục tiêu chất lượng năm', type: 'policy', unit: 'board', clauses: ['6.2'],
    revisions: [
      { daysAgo: 2 * Y, edition: '2015', status: 'superseded', summary: 'Mục tiêu chất lượng năm trước', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 320, edition: '2015', status: 'published', summary: 'Mục tiêu năm nay: 100% hồ sơ giải quyết đúng hạn, trên 80% hồ sơ nộp trực tuyến', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-01/BQL', title: 'Quy trình kiểm soát tài liệu', type: 'procedure', unit: 'office', clauses: ['7.5', '7.5.1', '7.5.2', '7.5.3'],
    revisions: [
      { issuedOn: '2016-09-05', edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 240, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015 (thông tin dạng văn bản); bỏ yêu cầu sổ tay bắt buộc', drafter: 'vo.thi.mai', reviewer: 'head' },
      { edition: '2015', status: 'in_review', summary: 'Bổ sung lưu trữ và phân phối tài liệu điện tử trên hệ thống QMS Tracker', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-02/BQL', title: 'Quy trình kiểm soát hồ sơ', type: 'procedure', unit: 'office', clauses: ['7.5.3'],
    revisions: [
      { issuedOn: '2016-09-05', edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 400, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015; gộp nội dung quản lý văn bản đi, đến', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-03/BQL', title: 'Quy trình đánh giá nội bộ', type: 'procedure', unit: 'office', clauses: ['9.2'],
    revisions: [
      { daysAgo: 5 * Y, edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 150, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015; đánh giá theo quá trình và rủi ro', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-04/BQL', title: 'Quy trình kiểm soát sự không phù hợp và hành động khắc phục', type: 'procedure', unit: 'office', clauses: ['8.7', '10.2'],
    revisions: [
      { daysAgo: 5 * Y, edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu (kiểm soát sản phẩm không phù hợp; hành động khắc phục, phòng ngừa)', drafter: 'vo.thi.mai', reviewer: 'head' },
      { daysAgo: 180, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015; bỏ hành động phòng ngừa riêng, phân tích nguyên nhân gốc', drafter: 'vo.thi.mai', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-05/BQL', title: 'Quy trình xem xét của lãnh đạo', type: 'procedure', unit: 'office', clauses: ['9.3'],
    revisions: [
      { daysAgo: 4 * Y, edition: '2008', status: 'published', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' },
      { edition: '2015', status: 'draft', summary: 'Chuyển đổi theo ISO 9001:2015: đầu vào xem xét bổ sung rủi ro, cơ hội và các bên quan tâm', drafter: 'vo.thi.mai' },
    ],
  },
  {
    code: 'QT-06/BQL', title: 'Quy trình quản lý rủi ro và cơ hội', type: 'procedure', unit: 'office', clauses: ['6.1'],
    revisions: [{ daysAgo: 200, edition: '2015', status: 'published', summary: 'Ban hành lần đầu theo ISO 9001:2015', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'QT-07/BQL', title: 'Quy trình tiếp nhận và trả kết quả giải quyết thủ tục hành chính', type: 'procedure', unit: 'reception', clauses: ['8.1', '8.2', '8.5'],
    revisions: [
      { daysAgo: 5 * Y, edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'hoang.van.nam', reviewer: 'head' },
      { daysAgo: 2 * Y, edition: '2015', status: 'superseded', summary: 'Chuyển đổi theo ISO 9001:2015; tiếp nhận qua dịch vụ bưu chính công ích', drafter: 'staff', reviewer: 'head' },
      { daysAgo: 90, edition: '2015', status: 'published', summary: 'Cập nhật tiếp nhận hồ sơ trực tuyến toàn trình theo Nghị định 42/2022/NĐ-CP', drafter: 'staff', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-08/BQL', title: 'Quy trình đo lường sự hài lòng của tổ chức, cá nhân', type: 'procedure', unit: 'office', clauses: ['9.1.2'],
    revisions: [{ daysAgo: 355, edition: '2015', status: 'published', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'QT-09/BQL', title: 'Quy trình quản lý văn bản đi, đến', type: 'procedure', unit: 'office', clauses: ['7.5.3'],
    revisions: [
      { issuedOn: '2016-09-05', edition: '2008', status: 'obsolete', summary: 'Ban hành lần đầu', drafter: 'vo.thi.mai', reviewer: 'head', obsoleteReason: 'Nội dung đã gộp vào QT-02/BQL Quy trình kiểm soát hồ sơ (lần ban hành 02).' },
    ],
  },
  {
    code: 'QT-10/BQL', title: 'Quy trình cấp Giấy chứng nhận đăng ký đầu tư', type: 'procedure', unit: 'investment', clauses: ['8.1', '8.2', '8.5'],
    revisions: [
      { daysAgo: 4 * Y, edition: '2008', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'ngo.thanh.son', reviewer: 'head' },
      { daysAgo: 270, edition: '2015', status: 'published', summary: 'Chuyển đổi theo ISO 9001:2015; cập nhật thời hạn giải quyết và nộp hồ sơ trực tuyến', drafter: 'ngo.thanh.son', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-11/BQL', title: 'Quy trình điều chỉnh Giấy chứng nhận đăng ký đầu tư', type: 'procedure', unit: 'investment', clauses: ['8.1', '8.5'],
    revisions: [{ daysAgo: 4 * Y, edition: '2008', status: 'published', summary: 'Ban hành lần đầu', drafter: 'ngo.thanh.son', reviewer: 'head' }],
  },
  {
    code: 'QT-12/BQL', title: 'Quy trình cấp Giấy phép xây dựng công trình trong khu công nghiệp', type: 'procedure', unit: 'planning', clauses: ['8.1', '8.5'],
    revisions: [
      { daysAgo: 3 * Y, edition: '2015', status: 'superseded', summary: 'Ban hành lần đầu', drafter: 'duong.minh.tuan', reviewer: 'head' },
      { daysAgo: 120, edition: '2015', status: 'published', summary: 'Bổ sung thủ tục mới được công bố thuộc lĩnh vực hoạt động xây dựng', drafter: 'duong.minh.tuan', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-13/BQL', title: 'Quy trình cấp Giấy phép lao động cho người lao động nước ngoài', type: 'procedure', unit: 'enterprise', clauses: ['8.1', '8.5'],
    revisions: [
      { daysAgo: 4 * Y, edition: '2008', status: 'published', summary: 'Ban hành lần đầu', drafter: 'bui.thi.hoa', reviewer: 'head' },
      { edition: '2015', status: 'in_review', reviewed: true, summary: 'Chuyển đổi theo ISO 9001:2015; cập nhật thành phần hồ sơ', drafter: 'bui.thi.hoa', reviewer: 'head' },
    ],
  },
  {
    code: 'QT-14/BQL', title: 'Quy trình tiếp nhận đăng ký nội quy lao động', type: 'procedure', unit: 'enterprise', clauses: ['8.1', '8.5'],
    revisions: [{ daysAgo: 330, edition: '2015', status: 'published', summary: 'Ban hành lần đầu', drafter: 'bui.thi.hoa', reviewer: 'head' }],
  },
  {
    code: 'QT-15/BQL', title: 'Quy trình tiếp nhận và xử lý phản ánh, kiến nghị về thủ tục hành chính', type: 'procedure', unit: 'office', clauses: ['8.2', '9.1.2'],
    revisions: [{ edition: '2015', status: 'draft', summary: 'Dự thảo lần đầu', drafter: 'vo.thi.mai' }],
  },
  {
    code: 'HD-01/BQL', title: 'Hướng dẫn thực hiện thời gian làm việc và đeo thẻ công chức, viên chức', type: 'instruction', unit: 'office', clauses: ['7.3'],
    revisions: [{ daysAgo: 210, edition: '2015', status: 'published', summary: 'Ban hành lần đầu theo Quyết định 129/2007/QĐ-TTg về văn hóa công sở', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-01/QT-01', title: 'Danh mục tài liệu nội bộ', type: 'form', unit: 'office', clauses: ['7.5.3'],
    revisions: [{ daysAgo: 240, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-01/BQL lần 02', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-02/QT-01', title: 'Phiếu đề nghị soạn thảo, sửa đổi tài liệu', type: 'form', unit: 'office', clauses: ['7.5.2'],
    revisions: [{ daysAgo: 240, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-01/BQL lần 02', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-01/QT-03', title: 'Kế hoạch đánh giá nội bộ', type: 'form', unit: 'office', clauses: ['9.2'],
    revisions: [{ daysAgo: 150, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-03/BQL lần 02', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-02/QT-03', title: 'Báo cáo đánh giá nội bộ', type: 'record_template', unit: 'office', clauses: ['9.2'],
    revisions: [{ daysAgo: 150, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-03/BQL lần 02', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-01/QT-04', title: 'Phiếu yêu cầu hành động khắc phục', type: 'form', unit: 'office', clauses: ['10.2'],
    revisions: [{ daysAgo: 180, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-04/BQL lần 02', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'BM-01/QT-07', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', type: 'form', unit: 'reception', clauses: ['8.2'],
    revisions: [{ daysAgo: 5 * Y, edition: '2008', status: 'published', summary: 'Ban hành lần đầu', drafter: 'hoang.van.nam', reviewer: 'head' }],
  },
  {
    code: 'BM-02/QT-07', title: 'Sổ theo dõi hồ sơ', type: 'record_template', unit: 'reception', clauses: ['7.5.3', '8.5'],
    revisions: [{ daysAgo: 90, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-07/BQL lần 03', drafter: 'staff', reviewer: 'head' }],
  },
  {
    code: 'BM-01/QT-08', title: 'Phiếu khảo sát sự hài lòng của tổ chức, cá nhân', type: 'form', unit: 'office', clauses: ['9.1.2'],
    revisions: [{ daysAgo: 380, edition: '2015', status: 'published', summary: 'Ban hành kèm QT-08/BQL', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
  {
    code: 'TL-BN-01', title: 'Quyết định 101/QĐ-BKHCN (2019): mô hình khung hệ thống quản lý chất lượng cho cơ quan hành chính tại địa phương', type: 'external', unit: 'office', clauses: ['4.4'], interval: 24,
    revisions: [{ daysAgo: 2 * Y - 60, edition: '2015', status: 'published', summary: 'Bản sao kiểm soát', drafter: 'vo.thi.mai', reviewer: 'head' }],
  },
]

const SECTIONS = (title: string, edition: StandardEdition) => [
  { heading: '1. Mục đích', body: `Quy định cách thức thực hiện: ${title.charAt(0).toLowerCase()}${title.slice(1)}, bảo đảm thống nhất, đúng quy định và đáp ứng yêu cầu của tổ chức, cá nhân.` },
  { heading: '2. Phạm vi áp dụng', body: 'Áp dụng đối với các phòng, đơn vị trực thuộc Ban Quản lý và công chức, viên chức có liên quan.' },
  { heading: '3. Tài liệu viện dẫn', body: `TCVN ISO 9001:${edition}; Quyết định 19/2014/QĐ-TTg; Sổ tay chất lượng STCL/BQL.` },
  { heading: '4. Định nghĩa, từ viết tắt', body: 'BQL: Ban Quản lý các khu công nghiệp; TTHC: thủ tục hành chính; HTQLCL: hệ thống quản lý chất lượng.' },
  { heading: '5. Nội dung', body: 'Trình tự thực hiện, trách nhiệm, thời gian và biểu mẫu được mô tả theo từng bước. (Bản trình diễn.)' },
  { heading: '6. Biểu mẫu', body: 'Theo danh mục biểu mẫu kèm theo.' },
  { heading: '7. Hồ sơ cần lưu', body: 'Hồ sơ được lưu tại đơn vị chủ trì theo QT-02/BQL.' },
]

const ROLE_TITLE: Record<SignoffMeaning, string> = { drafted: 'Soạn thảo', reviewed: 'Xem xét', approved: 'Phê duyệt' }
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
/** A time of day on a date, so sign-offs read like office hours (08:30 in Viet Nam is 01:30 UTC). */
const at = (isoDate: string, hourUtc = 1.5) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + hourUtc * 3_600_000)

export async function seedDocuments(db: Db, org: DemoOrganisation, env: ServiceEnv): Promise<{ documents: number; revisions: number }> {
  const today = agencyToday(env)
  const people = await db
    .select({ id: users.id, username: users.username, fullName: users.fullName, position: users.position })
    .from(users)
    .where(inArray(users.username, ['manager', 'head', 'staff', 'vo.thi.mai', 'hoang.van.nam', 'bui.thi.hoa', 'ngo.thanh.son', 'duong.minh.tuan']))
  const person = (username: string) => {
    const p = people.find((x) => x.username === username)
    if (!p) throw new Error(`demo documents: no user ${username}`)
    return p
  }
  const approver = person('manager')

  const insertedDocs = await db
    .insert(documents)
    .values(
      DOCUMENTS.map((d) => ({
        code: d.code,
        title: d.title,
        type: d.type,
        owningUnitId: org.units[d.unit],
        clauseNumbers: d.clauses,
        standardEdition: [...d.revisions].reverse().find((r) => r.status === 'published')?.edition ?? d.revisions[0].edition,
        reviewIntervalMonths: d.interval ?? 12,
      })),
    )
    .returning({ id: documents.id, code: documents.code })
  const docId = new Map(insertedDocs.map((d) => [d.code, d.id]))

  // Files first (the slow part), then every row in a few bulk inserts.
  const revisionRows: (typeof documentRevisions.$inferInsert)[] = []
  const fileRows: (typeof documentFiles.$inferInsert)[] = []
  const signoffRows: (typeof documentSignoffs.$inferInsert)[] = []
  for (const d of DOCUMENTS) {
    // Effective dates of the revisions that were published; drafts are a week old.
    const dates = d.revisions.map((r) => r.issuedOn ?? (r.daysAgo === undefined ? addDays(today, -7) : addDays(today, -r.daysAgo)))
    const ids = d.revisions.map(() => crypto.randomUUID())
    const history = d.revisions
      .map((r, i) => ({ issueNumber: i + 1, date: vnDate(dates[i]), summary: r.summary, published: r.daysAgo !== undefined || r.issuedOn !== undefined }))
      .filter((h) => h.published)
    for (const [i, r] of d.revisions.entries()) {
      const issueNumber = i + 1
      const date = dates[i]
      const drafter = person(r.drafter)
      const reviewer = r.reviewer ? person(r.reviewer) : null
      const wasPublished = r.daysAgo !== undefined || r.issuedOn !== undefined
      const submitted = r.status !== 'draft'
      const reviewed = submitted && (r.status !== 'in_review' || Boolean(r.reviewed))
      const approved = wasPublished || r.status === 'approved'
      const signatures: { meaning: SignoffMeaning; who: typeof drafter; day: string }[] = []
      if (submitted) signatures.push({ meaning: 'drafted', who: drafter, day: addDays(date, -10) })
      if (reviewed && reviewer) signatures.push({ meaning: 'reviewed', who: reviewer, day: addDays(date, -6) })
      if (approved) signatures.push({ meaning: 'approved', who: approver, day: addDays(date, -3) })
      // The next issue that took effect superseded this one.
      const successor = d.revisions.findIndex((n, j) => j > i && (n.daysAgo !== undefined || n.issuedOn !== undefined))

      const pdf = await renderDocumentPdf({
        agency: AGENCY,
        code: d.code,
        title: d.title,
        issueNumber,
        issueDate: wasPublished ? vnDate(date) : '(dự thảo)',
        edition: r.edition,
        history: history.filter((h) => h.issueNumber <= issueNumber),
        signatures: (['drafted', 'reviewed', 'approved'] as SignoffMeaning[]).map((meaning) => {
          const s = signatures.find((x) => x.meaning === meaning)
          return { role: ROLE_TITLE[meaning], name: s?.who.fullName ?? '', position: s?.who.position ?? null }
        }),
        sections: SECTIONS(d.title, r.edition),
      })
      revisionRows.push({
        id: ids[i],
        documentId: docId.get(d.code)!,
        issueNumber,
        status: r.status,
        changeSummary: r.summary,
        standardEdition: r.edition,
        fileName: `${d.code.replace(/\//g, '-')}_lan-${String(issueNumber).padStart(2, '0')}.pdf`,
        contentType: 'application/pdf',
        fileSize: pdf.length,
        sha256: sha256Hex(pdf),
        createdById: drafter.id,
        reviewerId: reviewer?.id ?? null,
        submittedAt: submitted ? at(addDays(date, -10)) : null,
        submittedById: submitted ? drafter.id : null,
        reviewedAt: reviewed ? at(addDays(date, -6)) : null,
        approvedAt: approved ? at(addDays(date, -3)) : null,
        approvedById: approved ? approver.id : null,
        effectiveFrom: wasPublished ? date : null,
        publishedAt: wasPublished ? at(date) : null,
        publishedById: wasPublished ? approver.id : null,
        supersededAt: r.status === 'superseded' && successor > 0 ? at(dates[successor]) : null,
        supersededById: r.status === 'superseded' && successor > 0 ? ids[successor] : null,
        obsoletedAt: r.status === 'obsolete' ? at(addDays(today, -400)) : null,
        obsoleteReason: r.obsoleteReason ?? null,
        createdAt: at(addDays(date, -14)),
        updatedAt: at(date),
      })
      fileRows.push({ revisionId: ids[i], content: pdf })
      for (const s of signatures) {
        signoffRows.push({ revisionId: ids[i], meaning: s.meaning, userId: s.who.id, fullName: s.who.fullName, position: s.who.position, at: at(s.day) })
      }
    }
  }
  await db.insert(documentRevisions).values(revisionRows)
  await db.insert(documentFiles).values(fileRows)
  await db.insert(documentSignoffs).values(signoffRows)
  return { documents: DOCUMENTS.length, revisions: revisionRows.length }
}
