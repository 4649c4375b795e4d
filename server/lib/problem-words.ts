/**
 * The names problem texts put in sentences: records (not-found, references), the
 * operations and statuses of the workflows (illegal-transition) and what each permission
 * lets one do (forbidden). Vietnamese follows the web app's labels.
 */
import type { Permission } from './permissions.ts'

type Words = { en: string; vi: string }

/** Records, as a sentence names them (lower case; a sentence start capitalises). */
export const ENTITIES = {
  action: { en: 'action', vi: 'hành động' },
  'api-token': { en: 'API token', vi: 'mã truy cập API' },
  attachment: { en: 'attachment', vi: 'tệp đính kèm' },
  'calendar-day': { en: 'calendar day', vi: 'ngày trong lịch làm việc' },
  'checklist-template': { en: 'checklist template', vi: 'danh mục kiểm tra' },
  complaint: { en: 'complaint', vi: 'đơn khiếu nại, phản ánh' },
  document: { en: 'document', vi: 'tài liệu' },
  dossier: { en: 'dossier', vi: 'hồ sơ' },
  file: { en: 'file', vi: 'tệp' },
  finding: { en: 'finding', vi: 'phát hiện' },
  import: { en: 'import', vi: 'lượt nhập tệp' },
  inspection: { en: 'inspection', vi: 'cuộc kiểm tra' },
  nonconformity: { en: 'nonconformity', vi: 'sự không phù hợp' },
  notification: { en: 'notification', vi: 'thông báo' },
  'org-unit': { en: 'org unit', vi: 'đơn vị' },
  procedure: { en: 'procedure', vi: 'thủ tục hành chính' },
  revision: { en: 'revision', vi: 'lần ban hành' },
  unit: { en: 'unit', vi: 'đơn vị' },
  user: { en: 'user', vi: 'người dùng' },
} satisfies Record<string, Words>

export type Entity = keyof typeof ENTITIES

/**
 * Operations of the workflows, keyed `entity.op` (English: the operation's name, as the
 * API has always written it), and the phrases that replace an operation's name in a
 * sentence (`Describe.action`), e.g. `nonconformity.add-action-to`.
 */
export const OPERATIONS: Record<string, { en?: string; vi: string }> = {
  'nonconformity.update': { vi: 'sửa sự không phù hợp' },
  'nonconformity.change': { en: 'change', vi: 'sửa sự không phù hợp' },
  'nonconformity.add-action': { vi: 'thêm hành động' },
  'nonconformity.add-action-to': { en: 'add an action to', vi: 'thêm hành động' },
  'nonconformity.change-action-of': { en: 'change an action of', vi: 'sửa hành động' },
  'nonconformity.complete-action-of': { en: 'complete an action of', vi: 'hoàn thành hành động' },
  'nonconformity.analyze': { vi: 'phân tích nguyên nhân' },
  'nonconformity.plan': { vi: 'xác nhận kế hoạch hành động' },
  'nonconformity.start': { vi: 'bắt đầu thực hiện' },
  'nonconformity.submit-verification': { vi: 'gửi kiểm tra hiệu lực' },
  'nonconformity.verify': { vi: 'kiểm tra hiệu lực' },
  'nonconformity.close': { vi: 'đóng sự không phù hợp' },
  'nonconformity.cancel': { vi: 'hủy sự không phù hợp' },
  'revision.submit': { vi: 'trình xem xét' },
  'revision.review': { vi: 'xem xét' },
  'revision.approve': { vi: 'phê duyệt' },
  'revision.return': { vi: 'trả lại người soạn thảo' },
  'revision.publish': { vi: 'ban hành' },
  'revision.obsolete': { vi: 'cho hết hiệu lực' },
  'inspection.update': { vi: 'sửa cuộc kiểm tra' },
  'inspection.start': { vi: 'bắt đầu kiểm tra' },
  'inspection.record': { vi: 'ghi kết quả kiểm tra' },
  'inspection.complete': { vi: 'hoàn thành cuộc kiểm tra' },
  'inspection.cancel': { vi: 'hủy cuộc kiểm tra' },
  'inspection.sign': { vi: 'ký biên bản' },
  'dossier.start-processing': { vi: 'bắt đầu xử lý' },
  'dossier.request-supplement': { vi: 'yêu cầu bổ sung' },
  'dossier.supplement-received': { vi: 'ghi nhận đã nhận bổ sung' },
  'dossier.resolve': { vi: 'ghi nhận có kết quả giải quyết' },
  'dossier.return-result': { vi: 'trả kết quả' },
  'dossier.reject': { vi: 'trả lại, từ chối' },
  'dossier.withdraw': { vi: 'ghi nhận người nộp rút hồ sơ' },
}

/**
 * Statuses, keyed `entity.status` (English: the status as stored). `viPhrase` replaces
 * "đang ở trạng thái “…”" where a status reads better as a phrase.
 */
export const STATUSES: Record<string, { en?: string; vi: string; viPhrase?: string }> = {
  'nonconformity.draft': { vi: 'Nháp' },
  'nonconformity.analysis': { vi: 'Đang phân tích' },
  'nonconformity.action_planned': { vi: 'Đã lập kế hoạch' },
  'nonconformity.in_progress': { vi: 'Đang thực hiện' },
  'nonconformity.pending_verification': { vi: 'Chờ kiểm tra hiệu lực' },
  'nonconformity.verified': { vi: 'Đã kiểm tra, chờ đóng' },
  'nonconformity.closed': { vi: 'Đã đóng' },
  'nonconformity.cancelled': { vi: 'Đã hủy' },
  'revision.draft': { vi: 'Dự thảo' },
  'revision.in_review': { vi: 'Đang xem xét' },
  'revision.approved': { vi: 'Đã phê duyệt' },
  'revision.published': { vi: 'Đang hiệu lực' },
  'revision.superseded': { vi: 'Đã thay thế' },
  'revision.obsolete': { vi: 'Hết hiệu lực' },
  'revision.already-reviewed': { en: 'already reviewed', vi: 'Đã xem xét', viPhrase: 'đã được xem xét' },
  'revision.waiting-for-review': { en: 'waiting for its review', vi: 'Chờ xem xét', viPhrase: 'vẫn đang chờ người được giao xem xét' },
  'inspection.planned': { vi: 'Đã lập kế hoạch' },
  'inspection.in_progress': { vi: 'Đang kiểm tra' },
  'inspection.completed': { vi: 'Đã hoàn thành' },
  'inspection.cancelled': { vi: 'Đã hủy' },
  'inspection.completed-read-only': { en: 'completed (its record is read-only)', vi: 'Đã hoàn thành', viPhrase: 'đã hoàn thành (biên bản chỉ còn để xem)' },
  'dossier.received': { vi: 'Đã tiếp nhận' },
  'dossier.processing': { vi: 'Đang xử lý' },
  'dossier.supplement_requested': { vi: 'Chờ bổ sung' },
  'dossier.resolved': { vi: 'Đã giải quyết' },
  'dossier.returned': { vi: 'Đã trả kết quả' },
  'dossier.rejected': { vi: 'Trả lại, từ chối' },
  'dossier.withdrawn': { vi: 'Rút hồ sơ' },
}

/** What a permission lets one do: "You are not allowed to …" / "Bạn không có quyền …". */
export const PERMISSIONS: Record<Permission, Words> = {
  'org_unit.read': { en: 'see org units', vi: 'xem danh sách đơn vị' },
  'org_unit.write': { en: 'change org units', vi: 'thay đổi đơn vị' },
  'user.read': { en: 'see users', vi: 'xem người dùng' },
  'user.write': { en: 'change users', vi: 'thay đổi người dùng' },
  'audit_log.read': { en: 'read the audit log', vi: 'xem nhật ký hệ thống' },
  'audit_log.verify': { en: "verify the audit log's hash chain", vi: 'kiểm tra tính toàn vẹn của nhật ký hệ thống' },
  'api_token.manage': { en: 'manage API tokens', vi: 'quản lý mã truy cập API' },
  'mail.admin': { en: 'read the mail outbox', vi: 'xem hàng đợi thư điện tử' },
  'document.read': { en: 'see documents', vi: 'xem tài liệu' },
  'document.write': { en: 'register or change documents', vi: 'đăng ký hoặc sửa tài liệu' },
  'document.draft': { en: 'draft document revisions', vi: 'soạn thảo lần ban hành tài liệu' },
  'document.approve': { en: 'approve document revisions', vi: 'phê duyệt tài liệu' },
  'document.publish': { en: 'publish document revisions', vi: 'ban hành tài liệu' },
  'document.withdraw': { en: 'withdraw published documents', vi: 'thu hồi tài liệu đã ban hành' },
  'procedure.read': { en: 'see the procedure catalogue', vi: 'xem danh mục thủ tục hành chính' },
  'procedure.write': { en: 'change the procedure catalogue', vi: 'thay đổi danh mục thủ tục hành chính' },
  'calendar.read': { en: 'see the working-day calendar', vi: 'xem lịch ngày làm việc' },
  'calendar.write': { en: 'change the working-day calendar', vi: 'thay đổi lịch ngày làm việc' },
  'dossier.read': { en: 'see dossiers', vi: 'xem hồ sơ' },
  'dossier.write': { en: 'record dossiers', vi: 'cập nhật hồ sơ' },
  'complaint.read': { en: 'see complaints', vi: 'xem khiếu nại, phản ánh' },
  'complaint.write': { en: 'record complaints', vi: 'cập nhật khiếu nại, phản ánh' },
  'nonconformity.read': { en: 'see nonconformities', vi: 'xem sự không phù hợp' },
  'nonconformity.create': { en: 'raise nonconformities', vi: 'ghi nhận sự không phù hợp' },
  'nonconformity.update': { en: 'change nonconformities', vi: 'sửa sự không phù hợp' },
  'nonconformity.analyze': { en: 'analyse the root cause of nonconformities', vi: 'phân tích nguyên nhân gốc của sự không phù hợp' },
  'nonconformity.plan': { en: 'plan and run the actions of nonconformities', vi: 'lập kế hoạch và thực hiện hành động khắc phục' },
  'nonconformity.verify': { en: 'verify the effectiveness of actions', vi: 'kiểm tra hiệu lực của hành động khắc phục' },
  'nonconformity.close': { en: 'close nonconformities', vi: 'đóng sự không phù hợp' },
  'nonconformity.cancel': { en: 'cancel nonconformities', vi: 'hủy sự không phù hợp' },
  'action.complete': { en: 'complete actions owned by others', vi: 'hoàn thành hành động do người khác phụ trách' },
  'checklist_template.read': { en: 'see checklist templates', vi: 'xem danh mục kiểm tra' },
  'checklist_template.write': { en: 'change checklist templates', vi: 'thay đổi danh mục kiểm tra' },
  'inspection.read': { en: 'see inspections', vi: 'xem cuộc kiểm tra' },
  'inspection.write': { en: 'plan or perform inspections', vi: 'lập kế hoạch hoặc thực hiện kiểm tra' },
  'inspection.self_inspect': { en: 'run self-inspections', vi: 'tự kiểm tra' },
  'finding.read': { en: 'see findings', vi: 'xem phát hiện' },
  'finding.write': { en: 'record or change findings', vi: 'ghi nhận hoặc sửa phát hiện' },
  'attachment.upload': { en: 'upload files', vi: 'tải tệp lên' },
  'attachment.read': { en: 'see this file', vi: 'xem tệp này' },
  'report.read': { en: 'read compliance summaries and reports', vi: 'xem tổng hợp tuân thủ và báo cáo' },
}
