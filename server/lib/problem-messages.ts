/**
 * The words of every problem the API returns, in English and Vietnamese.
 *
 * A problem carries a stable `code` (a key of `PROBLEM_MESSAGES`) and the `params` its
 * text uses; the error handler writes `detail` (and each field error's `message`) in the
 * request's language (`Accept-Language`, see `languageOf`). Each entry gives:
 * - `en` and `vi`: the text, fixed or built from the params;
 * - `example`: params the text may use (their types are what a call site must pass; the
 *   unit test renders every entry with them);
 * - `field`: for a field error's message, the error's public `code` (`required`,
 *   `duplicate`, …), which the web app may also localise itself.
 *
 * English wording is the API's historical wording: clients and tests read it.
 */
import { ENTITIES, OPERATIONS, PERMISSIONS, STATUSES, type Entity } from './problem-words.ts'

export type Lang = 'en' | 'vi'
export const LANGS: readonly Lang[] = ['en', 'vi']

/** The field errors of a problem, already in the language being written. */
export interface TextContext {
  errors: { path: string; message: string }[]
  /** `path message; path message`: how a summary lists its fields. */
  fields: string
}

type Text<P> = string | ((p: P, ctx: TextContext) => string)

export interface Entry<P> {
  readonly en: Text<P>
  readonly vi: Text<P>
  readonly example?: P
  readonly field?: string
}

function text(en: string, vi: string): Entry<void>
function text<P>(example: P, en: Text<P>, vi: Text<P>): Entry<P>
function text<P>(a: string | P, b: Text<P>, c?: Text<P>): Entry<P> {
  return typeof a === 'string' && c === undefined ? ({ en: a, vi: b } as Entry<P>) : { example: a as P, en: b, vi: c! }
}

/** A field error's message, with the field error's public code. */
function field(code: string, en: string, vi: string): Entry<void> & { field: string }
function field<P>(code: string, example: P, en: Text<P>, vi: Text<P>): Entry<P> & { field: string }
function field<P>(code: string, a: string | P, b: Text<P>, c?: Text<P>): Entry<P> & { field: string } {
  return { ...text<P>(a as P, b, c as Text<P>), field: code }
}

// ---- shared words --------------------------------------------------------------------

const entityWord = (entity: Entity | string, lang: Lang) => ENTITIES[entity as Entity]?.[lang] ?? entity
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many)
/** 2026-01-31 → 31/01/2026, as Vietnamese dates are written; other text unchanged. */
const viDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1')
const viBytes = (limit: string) => limit.replace(/ bytes$/, ' byte')
/** The Vietnamese name of an operation of a workflow (or of a phrase replacing it). */
const opWord = (entity: string, op: string, lang: Lang) => OPERATIONS[`${entity}.${op}`]?.[lang] ?? (lang === 'en' ? op : OPERATIONS[op]?.vi ?? op)
const statusWord = (entity: string, status: string, lang: Lang) =>
  STATUSES[`${entity}.${status}`]?.[lang] ?? STATUSES[status]?.[lang] ?? status
const permissionWord = (permission: string, lang: Lang) => PERMISSIONS[permission as keyof typeof PERMISSIONS]?.[lang] ?? permission

const SCHEMA_TYPES: Record<string, string> = {
  string: 'văn bản',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'true hoặc false',
  array: 'danh sách',
  object: 'đối tượng JSON',
  null: 'null',
}
const COMPARISONS: Record<string, string> = { '>=': 'lớn hơn hoặc bằng', '<=': 'nhỏ hơn hoặc bằng', '>': 'lớn hơn', '<': 'nhỏ hơn' }
const SCHEMA_FORMATS: Record<string, string> = {
  uuid: 'phải là mã định danh (UUID)',
  date: 'phải là ngày dạng YYYY-MM-DD',
  'date-time': 'phải là thời điểm dạng ISO 8601',
  time: 'phải là giờ dạng hh:mm:ss',
  email: 'phải là địa chỉ thư điện tử hợp lệ',
  uri: 'phải là địa chỉ URL đầy đủ',
}

/** Nonconformity sources, as the web app names them. */
const NC_SOURCES: Record<string, string> = {
  finding: 'Phát hiện khi kiểm tra',
  complaint: 'Khiếu nại, phản ánh',
  internal_audit: 'Đánh giá nội bộ',
  late_dossier: 'Hồ sơ trễ hạn',
  management_review: 'Xem xét của lãnh đạo',
  objective: 'Mục tiêu chất lượng',
  plan_task: 'Nhiệm vụ của kế hoạch',
  other: 'Khác',
}
/** The fields of a nonconformity and its plan, as the web form labels them. */
const NC_FIELDS: Record<string, string> = {
  title: 'tiêu đề',
  description: 'mô tả',
  severity: 'mức độ',
  clauseNumbers: 'điều khoản',
  containment: 'biện pháp ngăn chặn',
  detectedOn: 'ngày phát hiện',
  dueDate: 'hạn đóng',
  orgUnitId: 'đơn vị',
  source: 'nguồn',
  sourceId: 'bản ghi nguồn',
  rootCause: 'nguyên nhân gốc',
  'rootCause.whys': 'câu hỏi “tại sao”',
  'rootCause.summary': 'nguyên nhân gốc',
  'rootCause.categories': 'nhóm nguyên nhân',
  actions: 'hành động',
  verificationPlannedDate: 'ngày dự kiến kiểm tra hiệu lực',
}

export const PROBLEM_MESSAGES = {
  // ---- the generic problems (lib/problems.ts) ------------------------------------------
  'not-found': text(
    { entity: 'document' as Entity | string, id: '…' as string | undefined },
    (p) => (p.id ? `${capital(entityWord(p.entity, 'en'))} ${p.id} does not exist.` : `${capital(entityWord(p.entity, 'en'))} does not exist.`),
    (p) => (p.id ? `Không tìm thấy ${entityWord(p.entity, 'vi')} ${p.id}.` : `Không tìm thấy ${entityWord(p.entity, 'vi')}.`),
  ),
  'route-not-found': text(
    { method: 'GET', url: '/api/x' },
    (p) => `${p.method} ${p.url} does not exist.`,
    (p) => `Không có địa chỉ ${p.method} ${p.url}.`,
  ),
  'illegal-transition': text(
    { entity: 'nonconformity', action: 'plan', status: 'draft', allowed: ['analyze', 'cancel'] as string[] },
    (p) =>
      `Cannot ${opWord(p.entity, p.action, 'en')} a ${p.entity} that is ${statusWord(p.entity, p.status, 'en')}. ${p.allowed.length ? `Allowed now: ${p.allowed.join(', ')}.` : 'No action is allowed now.'}`,
    (p) =>
      `Không thể ${opWord(p.entity, p.action, 'vi')} vì ${entityWord(p.entity, 'vi')} ${STATUSES[`${p.entity}.${p.status}`]?.viPhrase ?? `đang ở trạng thái “${statusWord(p.entity, p.status, 'vi')}”`}. ${
        p.allowed.length ? `Lúc này chỉ có thể: ${p.allowed.map((a) => opWord(p.entity, a, 'vi')).join(', ')}.` : 'Lúc này không thể làm thao tác nào.'
      }`,
  ),
  stale: text(
    { currentVersion: 3 },
    (p) => `This record has changed since you loaded it (it is now at version ${p.currentVersion}). Reload it and apply your change again.`,
    (p) => `Bản ghi này đã được người khác thay đổi sau khi bạn mở nó (nay là phiên bản ${p.currentVersion}). Hãy tải lại trang rồi thực hiện lại thay đổi của bạn.`,
  ),
  'if-match-required': text(
    'Send the If-Match header with the version you read (the ETag of the resource) to change it.',
    'Cần gửi tiêu đề If-Match với phiên bản bạn đã đọc (ETag của bản ghi) để thay đổi nó.',
  ),
  'forbidden.permission': text(
    { permission: 'dossier.write' },
    (p) => `You are not allowed to ${permissionWord(p.permission, 'en')}. Ask an administrator for the right role.`,
    (p) => `Bạn không có quyền ${permissionWord(p.permission, 'vi')}. Hãy đề nghị quản trị viên cấp vai trò phù hợp.`,
  ),
  'forbidden.permission-in-unit': text(
    { permission: 'dossier.write' },
    (p) => `You are not allowed to ${permissionWord(p.permission, 'en')} for this unit.`,
    (p) => `Bạn không có quyền ${permissionWord(p.permission, 'vi')} của đơn vị này.`,
  ),
  'not-signed-in': text('Sign in to continue.', 'Hãy đăng nhập để tiếp tục.'),
  'session-ended': text('Your session has ended. Sign in again.', 'Phiên làm việc đã hết. Hãy đăng nhập lại.'),
  'bad-token': text('The API token is not valid, has expired or was revoked.', 'Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.'),
  'token-read-only': text(
    'This API token may only read (scope "read"). Use a read_write token to make changes.',
    'Mã truy cập API này chỉ được đọc (phạm vi "read"). Hãy dùng mã có phạm vi read_write để thay đổi dữ liệu.',
  ),
  'csrf-mismatch': text(
    'The X-CSRF-Token header is missing or does not match your session. Reload the page and try again.',
    'Thiếu mã chống giả mạo yêu cầu (X-CSRF-Token) hoặc mã không khớp với phiên làm việc. Hãy tải lại trang rồi thử lại.',
  ),

  // ---- validation: the request as a whole ------------------------------------------------
  'validation.fields': text(
    { where: 'body' as 'body' | 'querystring' | 'params' | 'headers' | string, count: 1 },
    (p, c) => `The ${p.where === 'querystring' ? 'query string' : p.where} has ${p.count} invalid field${p.count === 1 ? '' : 's'}: ${c.fields}.`,
    (p, c) =>
      `${{ body: 'Nội dung yêu cầu', querystring: 'Tham số truy vấn', params: 'Đường dẫn', headers: 'Tiêu đề yêu cầu' }[p.where] ?? 'Yêu cầu'} có ${p.count} trường không hợp lệ: ${c.fields}.`,
  ),
  /** A rule no schema could express, about one field: the detail is the field's message. */
  'validation.field': text({}, (_p, c) => c.errors[0]?.message ?? 'is invalid', (_p, c) => c.errors[0]?.message ?? 'không hợp lệ'),
  'validation.db-check': text('A value breaks a rule of the database.', 'Có giá trị vi phạm một ràng buộc của cơ sở dữ liệu.'),
  'validation.not-json': text('The body is not valid JSON.', 'Nội dung yêu cầu không phải JSON hợp lệ.'),
  'validation.json-utf8': text(
    { charset: 'latin1' },
    (p) => `JSON must be sent as UTF-8; charset=${p.charset} is not accepted.`,
    (p) => `JSON phải được gửi ở dạng UTF-8; không chấp nhận charset=${p.charset}.`,
  ),
  'validation.send-json': text('Send the body as application/json.', 'Hãy gửi nội dung yêu cầu dạng application/json.'),
  'body-too-large': text('The request body is larger than the server accepts.', 'Nội dung yêu cầu lớn hơn mức máy chủ chấp nhận.'),
  'conflict.unique': text('A record with the same unique value already exists.', 'Đã có bản ghi khác mang cùng giá trị (giá trị này không được trùng).'),
  'conflict.foreign-key': text(
    'The record refers to, or is referred to by, another record that prevents this change.',
    'Bản ghi đang liên kết với bản ghi khác nên không thể thay đổi như vậy.',
  ),
  'http-error': text(
    { status: 405, message: 'Method not allowed' },
    (p) => p.message,
    (p) =>
      ({
        404: 'Không tìm thấy địa chỉ này.',
        405: 'Địa chỉ này không hỗ trợ phương thức đã gửi.',
        406: 'Máy chủ không trả được định dạng mà yêu cầu đòi hỏi.',
        408: 'Yêu cầu đã quá thời gian chờ. Hãy thử lại.',
        413: 'Nội dung yêu cầu lớn hơn mức máy chủ chấp nhận.',
        414: 'Địa chỉ yêu cầu quá dài.',
        415: 'Máy chủ không nhận định dạng nội dung này.',
        429: 'Có quá nhiều yêu cầu. Hãy chờ một lát rồi thử lại.',
        431: 'Tiêu đề yêu cầu quá lớn.',
      })[p.status] ?? 'Yêu cầu không hợp lệ.',
  ),
  internal: text(
    'Something went wrong on the server. It has been logged; quote the request id when you report it.',
    'Máy chủ gặp lỗi. Lỗi đã được ghi lại; khi báo lỗi, hãy nêu mã yêu cầu (request id).',
  ),
  'database-unavailable': text(
    'The database cannot be reached right now. Try again in a few seconds.',
    'Hiện không kết nối được cơ sở dữ liệu. Hãy thử lại sau vài giây.',
  ),
  'query-timeout': text(
    { setting: 'QMS_QUERY_TIMEOUT_SECONDS', ms: 600 },
    (p) =>
      `The database work for this request took longer than ${p.setting} allows (${p.ms >= 1000 ? `${p.ms / 1000} s` : `${p.ms} ms`}) and was stopped. Narrow the period or the filters and try again, or try later when the server is less busy.`,
    (p) =>
      `Việc truy vấn dữ liệu cho yêu cầu này kéo dài quá thời gian cho phép (${p.ms >= 1000 ? `${p.ms / 1000} giây` : `${p.ms} ms`}, theo ${p.setting}) nên đã bị dừng. Hãy thu hẹp khoảng thời gian hoặc bộ lọc rồi thử lại, hoặc thử lại khi máy chủ bớt bận.`,
  ),
  'client-closed': text(
    'The client went away before the answer; its database work was stopped.',
    'Trình duyệt đã ngắt kết nối trước khi có kết quả; việc truy vấn đã được dừng.',
  ),
  'insufficient-storage': text(
    { minFreeMb: 200 },
    (p) => `The server's disk has less than ${p.minFreeMb} MB free, so changes are refused to keep the database safe. Reading still works; ask the administrator to free disk space.`,
    (p) => `Ổ đĩa của máy chủ còn trống dưới ${p.minFreeMb} MB nên tạm thời không nhận thay đổi để bảo vệ dữ liệu. Vẫn xem được dữ liệu; hãy báo quản trị viên giải phóng dung lượng.`,
  ),
  'backup-use-pg-dump': text(
    'This server runs on PostgreSQL: back it up with pg_dump (docs/operations.md, Backups). The download is for the embedded database.',
    'Máy chủ này dùng PostgreSQL: hãy sao lưu bằng pg_dump (docs/operations.md, mục Sao lưu). Tải bản sao lưu chỉ dành cho cơ sở dữ liệu nhúng.',
  ),
  'not-ready.database': text('The database cannot be reached.', 'Không kết nối được cơ sở dữ liệu.'),
  'not-ready.migrations': text(
    { applied: 10, expected: 12 },
    (p) => `The database has ${p.applied} of ${p.expected} migrations applied.`,
    (p) => `Cơ sở dữ liệu mới cập nhật ${p.applied} trên ${p.expected} bước nâng cấp cấu trúc.`,
  ),
  'idempotency.key-reused': text(
    { method: 'POST', path: '/api/x' },
    (p) => `This Idempotency-Key was used for another request (${p.method} ${p.path} with other content). Use a new key for a new change.`,
    (p) => `Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác (${p.method} ${p.path} với nội dung khác). Hãy dùng khóa mới cho thay đổi mới.`,
  ),
  'idempotency.in-progress': text(
    'The first request with this Idempotency-Key is still running. Try again in a moment.',
    'Yêu cầu đầu tiên với khóa Idempotency-Key này vẫn đang được xử lý. Hãy thử lại sau giây lát.',
  ),
  'if-match.weak': text(
    'If-Match needs the strong ETag you read, e.g. "3"; a weak ETag (W/"3") cannot guard a change.',
    'If-Match phải là ETag mạnh bạn đã đọc, ví dụ "3"; ETag yếu (W/"3") không bảo vệ được thay đổi.',
  ),
  'if-match.format': text('If-Match must be the ETag you read, e.g. "3".', 'If-Match phải là ETag bạn đã đọc, ví dụ "3".'),

  // ---- field messages of the JSON Schema keywords (Ajv); English is Ajv's own message ------
  'schema.required': field('required', 'is required', 'là bắt buộc'),
  'schema.additionalProperties': field('additionalProperties', 'is not a known field', 'không phải là trường hợp lệ'),
  'schema.enum': field(
    'enum',
    { allowedValues: ['a', 'b'] as unknown[] },
    (p) => `must be one of: ${p.allowedValues.join(', ')}`,
    (p) => `phải là một trong các giá trị: ${p.allowedValues.join(', ')}`,
  ),
  'schema.const': field('const', { allowedValue: 'a' as unknown }, (p) => `must be ${JSON.stringify(p.allowedValue)}`, (p) => `phải bằng ${JSON.stringify(p.allowedValue)}`),
  'schema.type': field(
    'type',
    { type: 'integer' as string | string[] },
    (p) => `must be ${String(p.type)}`,
    (p) => `phải là ${String(p.type).split(',').map((t) => SCHEMA_TYPES[t] ?? t).join(' hoặc ')}`,
  ),
  'schema.minLength': field(
    'minLength',
    { limit: 2 },
    (p) => `must NOT have fewer than ${p.limit} characters`,
    (p) => (p.limit === 1 ? 'không được để trống' : `phải có ít nhất ${p.limit} ký tự`),
  ),
  'schema.maxLength': field('maxLength', { limit: 200 }, (p) => `must NOT have more than ${p.limit} characters`, (p) => `không được dài quá ${p.limit} ký tự`),
  'schema.minimum': field('minimum', { comparison: '>=', limit: 1 }, (p) => `must be ${p.comparison} ${p.limit}`, (p) => `phải ${COMPARISONS[p.comparison] ?? p.comparison} ${p.limit}`),
  'schema.maximum': field('maximum', { comparison: '<=', limit: 500 }, (p) => `must be ${p.comparison} ${p.limit}`, (p) => `phải ${COMPARISONS[p.comparison] ?? p.comparison} ${p.limit}`),
  'schema.exclusiveMinimum': field('exclusiveMinimum', { comparison: '>', limit: 0 }, (p) => `must be ${p.comparison} ${p.limit}`, (p) => `phải ${COMPARISONS[p.comparison] ?? p.comparison} ${p.limit}`),
  'schema.exclusiveMaximum': field('exclusiveMaximum', { comparison: '<', limit: 100 }, (p) => `must be ${p.comparison} ${p.limit}`, (p) => `phải ${COMPARISONS[p.comparison] ?? p.comparison} ${p.limit}`),
  'schema.format': field(
    'format',
    { format: 'uuid' },
    (p) => `must match format "${p.format}"`,
    (p) => SCHEMA_FORMATS[p.format] ?? `sai định dạng (${p.format})`,
  ),
  'schema.pattern': field('pattern', { pattern: '^[A-Z]+$' }, (p) => `must match pattern "${p.pattern}"`, 'có ký tự hoặc có dạng không được chấp nhận'),
  'schema.minItems': field('minItems', { limit: 1 }, (p) => `must NOT have fewer than ${p.limit} items`, (p) => `phải có ít nhất ${p.limit} mục`),
  'schema.maxItems': field('maxItems', { limit: 50 }, (p) => `must NOT have more than ${p.limit} items`, (p) => `không được quá ${p.limit} mục`),
  'schema.uniqueItems': field(
    'uniqueItems',
    { i: 1, j: 0 },
    (p) => `must NOT have duplicate items (items ## ${p.j} and ${p.i} are identical)`,
    (p) => `không được có mục trùng nhau (mục ${p.j} và ${p.i} giống nhau)`,
  ),
  'schema.multipleOf': field('multipleOf', { multipleOf: 0.5 }, (p) => `must be multiple of ${p.multipleOf}`, (p) => `phải là bội số của ${p.multipleOf}`),
  'schema.invalid': field('invalid', 'is invalid', 'không hợp lệ'),

  // ---- uploads (lib/uploads.ts) ---------------------------------------------------------------
  'upload.not-multipart': text(
    { field: 'file' },
    (p) => `Send the file as multipart/form-data in the field "${p.field}".`,
    (p) => `Hãy gửi tệp dạng multipart/form-data trong trường "${p.field}".`,
  ),
  'upload.too-large': text({ limit: '2 MB' }, (p) => `The file is larger than the limit of ${p.limit}.`, (p) => `Tệp lớn hơn giới hạn cho phép (${viBytes(p.limit)}).`),
  'upload.too-many-parts': text('The form has too many parts; send one file and its fields.', 'Biểu mẫu có quá nhiều phần; chỉ gửi một tệp cùng các trường của nó.'),
  'upload.no-file': text({ field: 'file' }, (p) => `No file was sent in the field "${p.field}".`, (p) => `Chưa có tệp nào được gửi trong trường "${p.field}".`),
  'upload.empty': text('The file is empty.', 'Tệp rỗng.'),
  'field.file-empty': field('empty', 'is empty', 'là tệp rỗng'),
  'upload.unsupported-type': text(
    { sniffed: 'PDF (application/pdf)' as string | null, allowed: 'PNG, JPEG' },
    (p) => `The file's content is ${p.sniffed ?? 'not a recognised type'}; allowed: ${p.allowed}.`,
    (p) => `Nội dung tệp ${p.sniffed ? `là ${p.sniffed}` : 'không thuộc loại nào nhận biết được'}; chỉ chấp nhận: ${p.allowed}.`,
  ),

  // ---- field messages shared by many modules ------------------------------------------------
  'field.if-match-weak': field('weak-etag', 'must be a strong ETag such as "3", not W/"3"', 'phải là ETag mạnh, ví dụ "3", không phải W/"3"'),
  'field.if-match-format': field('format', 'must be a version such as "3"', 'phải là số phiên bản, ví dụ "3"'),
  'field.required': field('required', 'is required', 'là bắt buộc'),
  'field.unknown': field('additionalProperties', 'is not a known field', 'không phải là trường hợp lệ'),
  'field.nul': field('nul', 'must not contain a NUL character', 'không được chứa ký tự NUL'),
  'field.encoding': field('encoding', 'must be valid Unicode (a lone surrogate was sent)', 'phải là văn bản Unicode hợp lệ'),
  'field.not-utf8': field('encoding', 'is not valid UTF-8', 'không phải văn bản UTF-8 hợp lệ'),
  'field.not-percent-utf8': field('encoding', 'is not valid percent-encoded UTF-8', 'không phải chuỗi UTF-8 mã hóa phần trăm hợp lệ'),
  'field.bad-cursor': field('cursor', 'The cursor is not valid; use the nextCursor of a previous page.', 'Con trỏ trang không hợp lệ; hãy dùng nextCursor của trang trước.'),
  'field.range-to-before-from': field('range', 'must not be before from', 'không được trước ngày bắt đầu'),
  'field.in-future': field('future', 'must not be in the future', 'không được là thời điểm trong tương lai'),
  'field.unit-deactivated': field('active', 'refers to a deactivated unit', 'là đơn vị đã ngừng hoạt động'),
  'field.user-deactivated': field('active', 'refers to a deactivated user', 'là người dùng đã ngừng hoạt động'),
  'field.reference': field(
    'reference',
    { kind: 'unit' as Entity | string },
    (p) => `refers to no ${entityWord(p.kind, 'en')} you can see`,
    (p) => `không trỏ tới ${entityWord(p.kind, 'vi')} nào mà bạn được xem`,
  ),
  'reference.unusable': text(
    {},
    (_p, c) => `The request refers to something it cannot use: ${c.fields}.`,
    (_p, c) => `Yêu cầu dẫn chiếu tới dữ liệu không dùng được: ${c.fields}.`,
  ),

  // ---- api-tokens --------------------------------------------------------------------------
  'api-token.expires-in-past': field('future', 'must be in the future', 'phải là thời điểm trong tương lai'),
  'api-token.expires-too-late': field('max', { days: 365 }, (p) => `must be within ${p.days} days`, (p) => `không được quá ${p.days} ngày kể từ hôm nay`),
  'api-token.already-revoked': text('This token is already revoked.', 'Mã truy cập này đã bị thu hồi.'),

  // ---- attachments -------------------------------------------------------------------------
  'attachment.forbidden': text('You are not allowed to see this file.', 'Bạn không có quyền xem tệp này.'),
  'attachment.not-yours': field('forbidden', 'refers to a file you may not use', 'là tệp bạn không được phép dùng'),
  'attachment.other-unit': field(
    'scope',
    'refers to a file that is evidence for another unit; upload it again for this one',
    'là tệp minh chứng của đơn vị khác; hãy tải tệp lên lại cho đơn vị này',
  ),

  // ---- auth --------------------------------------------------------------------------------
  'auth.bad-credentials': text('The username or password is not correct.', 'Tên đăng nhập hoặc mật khẩu không đúng.'),
  'auth.current-password-wrong': text('The current password is not correct.', 'Mật khẩu hiện tại không đúng.'),
  'auth.field-incorrect': field('incorrect', 'is not correct', 'không đúng'),
  'auth.too-many-failures': text(
    { minutes: 15 },
    (p) => `Too many failed sign-ins. Wait ${p.minutes} minutes and try again, or ask an administrator to reset the password.`,
    (p) => `Đăng nhập sai quá nhiều lần. Hãy chờ ${p.minutes} phút rồi thử lại, hoặc đề nghị quản trị viên đặt lại mật khẩu.`,
  ),
  'auth.too-many-failures-for-user': text(
    'Too many failed sign-ins for this username. Wait a moment and try again.',
    'Tên đăng nhập này đã bị nhập sai mật khẩu quá nhiều lần. Hãy chờ một lát rồi thử lại.',
  ),

  // ---- calendar ----------------------------------------------------------------------------
  'calendar.compensatory-on-weekday': field(
    'weekday',
    'a compensatory working day must be a Saturday or Sunday (weekdays are working days anyway)',
    'ngày làm bù phải là thứ Bảy hoặc Chủ nhật (các ngày trong tuần vốn đã là ngày làm việc)',
  ),
  'calendar.duplicate': text({ date: '2026-01-01' }, (p) => `The calendar already has an entry for ${p.date}.`, (p) => `Lịch đã có mục cho ngày ${viDate(p.date)}.`),
  'calendar.field-duplicate': field('duplicate', 'already has an entry', 'đã có trong lịch'),

  // ---- checklist-templates -------------------------------------------------------------------
  'checklist.item-id-duplicate': field('duplicate', { id: 'item-1' }, (p) => `is used by another item (${p.id})`, (p) => `đã được dùng cho mục khác (${p.id})`),
  'checklist.choices-required': field('required', 'is required for a choice item', 'là bắt buộc với mục lựa chọn'),
  'checklist.choices-not-allowed': field('invalid', 'is only for choice items', 'chỉ dùng cho mục lựa chọn'),
  'checklist.invalid-items': text(
    { count: 2 },
    (p, c) => `The checklist has ${p.count} invalid item field${p.count === 1 ? '' : 's'}: ${c.fields}.`,
    (p, c) => `Danh mục kiểm tra có ${p.count} trường không hợp lệ: ${c.fields}.`,
  ),
  'checklist.revision-not-found': text(
    { revision: 2, id: '…' },
    (p) => `Revision ${p.revision} of checklist template ${p.id} does not exist.`,
    (p) => `Không tìm thấy phiên bản ${p.revision} của danh mục kiểm tra ${p.id}.`,
  ),
  'checklist.retired': text('The checklist template is retired.', 'Danh mục kiểm tra này đã ngừng sử dụng.'),
  'checklist.field-retired': field('active', 'refers to a retired checklist template', 'là danh mục kiểm tra đã ngừng sử dụng'),
  'field.not-a-clause': field('clause', { value: '8.2.9' }, (p) => `is not a clause of ISO 9001:2015 (${p.value})`, (p) => `không phải là điều khoản của ISO 9001:2015 (${p.value})`),

  // ---- complaints --------------------------------------------------------------------------
  'complaint.forbidden-read': text('You are not allowed to see complaints for this unit.', 'Bạn không có quyền xem khiếu nại, phản ánh của đơn vị này.'),
  'complaint.forbidden-write': text('You are not allowed to record complaints for this unit.', 'Bạn không có quyền cập nhật khiếu nại, phản ánh của đơn vị này.'),
  'complaint.dossier-unit': field('dossier_unit', { expected: '…' as string | null }, "must be the dossier's unit (or left out)", 'phải là đơn vị giải quyết hồ sơ (hoặc để trống)'),
  'complaint.dossier-procedure': field(
    'dossier_procedure',
    { expected: '…' as string | null },
    "must be the dossier's procedure (or left out)",
    'phải là thủ tục của hồ sơ (hoặc để trống)',
  ),
  'complaint.outcome-required': field('required', 'is required to close a complaint', 'là bắt buộc khi đóng đơn khiếu nại, phản ánh'),

  // ---- shared by the registers (documents, dossiers, procedures, org units) ---------------------
  'code-taken': text(
    { entity: 'document' as Entity, code: 'QT-01' },
    (p) => `${/^[aeiou]/.test(entityWord(p.entity, 'en')) ? 'An' : 'A'} ${entityWord(p.entity, 'en')} with code "${p.code}" already exists.`,
    (p) => `Đã có ${entityWord(p.entity, 'vi')} mang mã "${p.code}".`,
  ),
  'field.code-taken': field(
    'duplicate',
    { entity: 'document' as Entity },
    (p) => `is already used by another ${entityWord(p.entity, 'en')}`,
    (p) => `đã được dùng cho ${entityWord(p.entity, 'vi')} khác`,
  ),

  // ---- documents ---------------------------------------------------------------------------
  'document.not-a-clause': field('clause', { value: '8.2.9' }, (p) => `"${p.value}" is not a clause of ISO 9001:2015`, (p) => `"${p.value}" không phải là điều khoản của ISO 9001:2015`),
  'document.unknown-clauses': text(
    { values: ['8.2.9'] },
    (p) => `Unknown ISO 9001:2015 clause${p.values.length > 1 ? 's' : ''}: ${p.values.join(', ')}.`,
    (p) => `Không có điều khoản ${p.values.join(', ')} trong ISO 9001:2015.`,
  ),
  'document.procedures-missing': field(
    'reference',
    { missing: ['…'] },
    (p) => `refers to procedures that do not exist: ${p.missing.join(', ')}`,
    (p) => `dẫn chiếu tới thủ tục không tồn tại: ${p.missing.join(', ')}`,
  ),
  'document.revision-in-work': text(
    { issueNumber: 3, status: 'in_review' },
    (p) => `Issue ${p.issueNumber} of this document is still ${p.status.replace('_', ' ')}; publish it or make it obsolete before starting another revision.`,
    (p) =>
      `Lần ban hành ${p.issueNumber} của tài liệu này vẫn đang ở trạng thái “${statusWord('revision', p.status, 'vi')}”; hãy ban hành hoặc hủy bỏ nó trước khi soạn lần ban hành mới.`,
  ),
  'document.field-revision-in-work': field(
    'revision_in_work',
    { issueNumber: 3 },
    'another revision is already being worked on',
    (p) => `lần ban hành ${p.issueNumber} vẫn đang được soạn thảo hoặc xem xét`,
  ),
  'document.issue-not-after-last': field('sequence', { last: 2 }, (p) => `must be greater than the last issue (${p.last})`, (p) => `phải lớn hơn lần ban hành gần nhất (${p.last})`),
  'document.issue-number-type': field('type', 'must be a whole number from 1 to 999', 'phải là số nguyên từ 1 đến 999'),
  'document.invalid-form': text(
    { count: 2 },
    (p, c) => `The form has ${p.count} invalid field${p.count > 1 ? 's' : ''}: ${c.fields}.`,
    (p, c) => `Biểu mẫu có ${p.count} trường không hợp lệ: ${c.fields}.`,
  ),
  'document.reviewer-is-drafter': field('separation', 'must be someone other than the drafter', 'phải là người khác với người soạn thảo'),
  'document.reviewer-inactive': field('active', 'must be an active user who can sign in', 'phải là người dùng đang hoạt động và đăng nhập được'),
  'document.only-named-reviewer': text(
    'Only the reviewer named when the revision was submitted may review it.',
    'Chỉ người xem xét được chỉ định khi trình mới được xem xét lần ban hành này.',
  ),
  'document.return-comment-required': field(
    'required',
    'is required when returning a revision: say what must change',
    'là bắt buộc khi trả lại: hãy nêu những gì cần sửa',
  ),
  'document.drafter-cannot-approve': text('You drafted this revision, so someone else must approve it.', 'Bạn là người soạn thảo lần ban hành này nên phải do người khác phê duyệt.'),
  'document.not-reviewed-yet': text('The named reviewer has not reviewed this revision yet.', 'Người xem xét được chỉ định chưa xem xét lần ban hành này.'),
  'document.field-review-missing': field('missing', 'the review sign-off is missing', 'chưa có chữ ký xem xét'),
  'document.effective-in-future': field('future', { today: '2026-01-01' }, 'cannot be in the future', 'không được là ngày trong tương lai'),
  'document.effective-before-current': field(
    'sequence',
    { previous: '2025-01-01' },
    (p) => `cannot be before the current revision took effect (${p.previous})`,
    (p) => `không được trước ngày lần ban hành hiện hành có hiệu lực (${viDate(p.previous)})`,
  ),

  // ---- dossiers ----------------------------------------------------------------------------
  'dossier.not-late': text(
    { code: '000.00.01.H01-200101-0001' },
    (p) => `Dossier ${p.code} is neither overdue nor resolved late, so it raises no nonconformity.`,
    (p) => `Hồ sơ ${p.code} không quá hạn và cũng không giải quyết trễ hạn, nên không phát sinh sự không phù hợp.`,
  ),
  'field.not-boolean': field('type', 'must be true or false', 'phải là true hoặc false'),
  'field.not-unit-id': field('format', 'must be a unit id (UUID)', 'phải là mã định danh của đơn vị (UUID)'),
  'dossier.forbidden-write': text('You are not allowed to record dossiers for this unit.', 'Bạn không có quyền cập nhật hồ sơ của đơn vị này.'),
  'dossier.due-reason-required': field('required', 'is required to override the computed due date', 'là bắt buộc khi thay hạn giải quyết đã tính'),
  'dossier.due-before-received': field('range', 'must not be before receivedAt', 'không được trước thời điểm tiếp nhận'),
  'dossier.procedure-withdrawn': field('active', 'refers to a procedure withdrawn from the catalogue', 'là thủ tục đã bị đưa ra khỏi danh mục'),
  'dossier.due-change-reason-required': field('required', 'is required to change the due date', 'là bắt buộc khi đổi hạn giải quyết'),
  'dossier.due-required-with-reason': field('required', 'is required with dueAtReason', 'là bắt buộc khi có lý do đổi hạn'),
  'dossier.due-fixed': text(
    { status: 'resolved' },
    (p) => `The due date of a ${p.status} dossier cannot change.`,
    (p) => `Không thể đổi hạn giải quyết của hồ sơ ở trạng thái “${statusWord('dossier', p.status, 'vi')}”.`,
  ),
  'dossier.field-due-fixed': field('closed', 'cannot change once the dossier is closed', 'không thể đổi khi hồ sơ đã kết thúc'),
  'dossier.before-previous-step': field(
    'before_previous',
    { previous: '2026-01-01T08:00:00.000Z' },
    (p) => `must not be before the previous step (${p.previous})`,
    (p) => `không được trước bước xử lý liền trước (${p.previous})`,
  ),

  // ---- dossier import ----------------------------------------------------------------------
  'import.too-many-rows': text(
    { limit: 50000, setting: 'QMS_IMPORT_MAX_ROWS' },
    (p) => `The file has more than ${p.limit} data rows, the limit set by ${p.setting}: split it into smaller files.`,
    (p) => `Tệp có hơn ${p.limit} dòng dữ liệu, vượt giới hạn (${p.setting}): hãy chia thành các tệp nhỏ hơn.`,
  ),
  'import.too-large-unzipped': text(
    { limit: 100000000, setting: 'QMS_IMPORT_MAX_UNCOMPRESSED_BYTES' },
    (p) => `The file holds more than ${p.limit} bytes once unzipped, the limit set by ${p.setting}: split it into smaller files.`,
    (p) => `Khi giải nén, tệp chứa hơn ${p.limit} byte, vượt giới hạn (${p.setting}): hãy chia thành các tệp nhỏ hơn.`,
  ),
  'import.too-much-memory': text(
    { limit: 512, setting: 'QMS_IMPORT_MAX_HEAP_MB' },
    (p) => `Reading this file took more than ${p.limit} MB of memory, the limit set by ${p.setting}: split it into smaller files.`,
    (p) => `Đọc tệp này cần hơn ${p.limit} MB bộ nhớ, vượt giới hạn (${p.setting}): hãy chia thành các tệp nhỏ hơn.`,
  ),
  'import.csv-unreadable': text(
    { line: 3 as number | null, error: 'Invalid Closing Quote' },
    (p) => `The CSV file cannot be read${p.line ? ` (line ${p.line})` : ''}: ${p.error}`,
    (p) => `Không đọc được tệp CSV${p.line ? ` (dòng ${p.line})` : ''}. Hãy lưu lại tệp ở dạng CSV UTF-8 rồi thử lại. Chi tiết kỹ thuật: ${p.error}`,
  ),
  'import.xlsx-unreadable': text(
    { error: 'Corrupted zip' },
    (p) => `The XLSX file cannot be read: ${p.error}`,
    (p) => `Không đọc được tệp XLSX. Hãy mở và lưu lại tệp bằng Excel rồi thử lại. Chi tiết kỹ thuật: ${p.error}`,
  ),
  'import.no-heading': text(
    'No heading row found: the file must have a row naming at least the columns code, procedureCode, applicantName, channel and receivedAt (or their Vietnamese headings, see docs/dossiers.md).',
    'Không tìm thấy dòng tiêu đề: tệp phải có một dòng ghi tên ít nhất các cột mã hồ sơ, mã thủ tục, người nộp, hình thức nộp và ngày tiếp nhận (hoặc tên cột tiếng Anh tương ứng, xem docs/dossiers.md).',
  ),
  'import.has-errors': text(
    { count: 3, more: false },
    (p) => `Nothing was imported: ${p.count}${p.more ? '+' : ''} problem${p.count === 1 ? '' : 's'} in the file, listed in rowErrors (row, column, message).`,
    (p) => `Chưa nhập dữ liệu nào: tệp có ${p.count}${p.more ? '+' : ''} lỗi, liệt kê theo dòng và cột bên dưới.`,
  ),
  'import.queue-full': text(
    { waiting: 3, max: 3 },
    (p) => `You already have ${p.waiting} imports queued or running (at most ${p.max}): wait for one of them to finish.`,
    (p) => `Bạn đang có ${p.waiting} lượt nhập tệp chờ hoặc đang chạy (tối đa ${p.max}): hãy chờ một lượt xong rồi gửi tiếp.`,
  ),
  'import.interrupted': text(
    { attempts: 3 },
    (p) => `The import was cut short ${p.attempts} times (the server stopped while it ran); nothing was written. Submit the file again.`,
    (p) => `Lượt nhập bị gián đoạn ${p.attempts} lần (máy chủ dừng khi đang chạy); chưa có dữ liệu nào được ghi. Hãy gửi lại tệp.`,
  ),
  'import.submitter-inactive': text(
    'The person who submitted this import is no longer active; nothing was imported.',
    'Người gửi lượt nhập này không còn hoạt động; chưa có dữ liệu nào được nhập.',
  ),
  'import.failed': text(
    'The import stopped on an unexpected error; nothing was written. The error is in the server log under this import id.',
    'Lượt nhập dừng do lỗi ngoài dự kiến; chưa có dữ liệu nào được ghi. Lỗi đã được ghi vào nhật ký máy chủ theo mã lượt nhập này.',
  ),
  'stored-detail': text({ detail: '…' }, (p) => p.detail, (p) => p.detail),

  // ---- dossier import rows: each is about one column of one row ---------------------------
  'import.row.required': field('required', 'is required', 'là bắt buộc'),
  'import.row.max-length': field('maxLength', { limit: 100 }, (p) => `must be at most ${p.limit} characters`, (p) => `dài tối đa ${p.limit} ký tự`),
  'import.row.duplicate-in-file': field(
    'duplicate_in_file',
    { row: 3 },
    (p) => `appears twice in the file (also on row ${p.row})`,
    (p) => `xuất hiện hai lần trong tệp (cả ở dòng ${p.row})`,
  ),
  'import.row.unknown-procedure': field(
    'unknown_procedure',
    { code: 'LD.01' },
    (p) => `no procedure with code "${p.code}" in the catalogue`,
    (p) => `không có thủ tục mã "${p.code}" trong danh mục`,
  ),
  'import.row.channel': field(
    'enum',
    { value: 'fax' },
    (p) => `"${p.value}" is not a channel: online (trực tuyến), in_person (trực tiếp) or postal (bưu chính)`,
    (p) => `"${p.value}" không phải là hình thức nộp: trực tuyến, trực tiếp hoặc bưu chính`,
  ),
  'import.row.date-format': field(
    'format',
    { value: '31/02/2018' },
    (p) => `"${p.value}" is not a date: use dd/mm/yyyy hh:mm`,
    (p) => `"${p.value}" không phải là ngày: hãy ghi theo dạng dd/mm/yyyy hh:mm`,
  ),
  'import.row.future': field('future', 'must not be in the future', 'không được sau thời điểm hiện tại'),
  'import.row.status': field(
    'enum',
    { value: 'xong' },
    (p) => `"${p.value}" is not a status (e.g. đang xử lý, đã giải quyết, đã trả kết quả, từ chối, rút hồ sơ)`,
    (p) => `"${p.value}" không phải là trạng thái (ví dụ: đang xử lý, đã giải quyết, đã trả kết quả, từ chối, rút hồ sơ)`,
  ),
  'import.row.required-for-status': field(
    'required',
    { status: 'resolved' as string },
    (p) =>
      ({
        resolved: 'is required for a resolved dossier',
        returned: 'is required for a dossier whose result was returned',
        rejected: 'is required for a rejected dossier',
        withdrawn: 'is required for a withdrawn dossier',
        supplement_requested: 'is required while a supplement is awaited',
      })[p.status] ?? `is required for a dossier in status ${p.status}`,
    (p) =>
      ({
        resolved: 'là bắt buộc với hồ sơ đã giải quyết',
        returned: 'là bắt buộc với hồ sơ đã trả kết quả',
        rejected: 'là bắt buộc với hồ sơ bị từ chối',
        withdrawn: 'là bắt buộc với hồ sơ đã rút',
        supplement_requested: 'là bắt buộc khi hồ sơ đang chờ bổ sung',
      })[p.status] ?? `là bắt buộc với hồ sơ ở trạng thái ${statusWord('dossier', p.status, 'vi')}`,
  ),
  'import.row.status-mismatch': field(
    'status_mismatch',
    { status: 'received' },
    (p) => `does not fit the status ${p.status}`,
    (p) => `không phù hợp với trạng thái ${statusWord('dossier', p.status, 'vi')}`,
  ),
  'import.row.supplement-awaited': field(
    'status_mismatch',
    'does not fit a dossier still awaiting its supplement',
    'không phù hợp với hồ sơ còn đang chờ bổ sung',
  ),
  'import.row.needs': field('dependency', { column: 'supplementRequestedAt' }, (p) => `needs ${p.column}`, (p) => `cần có ${p.column}`),
  'import.row.before': field('order', { column: 'receivedAt' }, (p) => `must not be before ${p.column}`, (p) => `không được trước ${p.column}`),
  'import.row.forbidden-unit': field(
    'forbidden',
    { unit: 'VP' },
    (p) => `you are not allowed to record dossiers of unit ${p.unit}`,
    (p) => `bạn không có quyền ghi nhận hồ sơ của đơn vị ${p.unit}`,
  ),
  'import.row.dates-status': field(
    'status_mismatch',
    { status: 'resolved' },
    (p) => `the dates given do not lead to the status ${p.status}`,
    (p) => `các ngày đã ghi không dẫn đến trạng thái ${statusWord('dossier', p.status, 'vi')}`,
  ),
  'import.row.no-heading': field('no_heading', 'no heading row with the required columns', 'không có dòng tiêu đề với các cột bắt buộc'),
  'import.row.missing-column': field(
    'missing_column',
    { column: 'code', vietnamese: 'mã hồ sơ' },
    (p) => `the column ${p.column} (${p.vietnamese}) is missing`,
    (p) => `thiếu cột ${p.column} (${p.vietnamese})`,
  ),
  'import.row.csv': field('csv', { error: 'Invalid Closing Quote' }, (p) => p.error, (p) => `không đọc được dòng CSV: ${p.error}`),

  // ---- findings ----------------------------------------------------------------------------
  'not-clauses': text(
    { values: ['8.2.9'] },
    (p) => `Not clauses of ISO 9001:2015: ${p.values.join(', ')}.`,
    (p) => `Không phải là điều khoản của ISO 9001:2015: ${p.values.join(', ')}.`,
  ),
  'finding.person-outside-unit': field('scope', 'refers to a person outside the unit of the finding', 'là người không thuộc đơn vị của phát hiện'),
  'finding.unit-required': field('required', 'is required when no inspection is given', 'là bắt buộc khi không gắn với cuộc kiểm tra'),
  'finding.handling-nc-raised': field(
    'nc_raised',
    'stays nc_raised: a nonconformity was raised from this finding',
    'phải giữ là “đã lập sự không phù hợp”: phát hiện này đã phát sinh một sự không phù hợp',
  ),
  'finding.nc-exists': text('A nonconformity was already raised from this finding.', 'Phát hiện này đã được lập sự không phù hợp.'),
  'finding.field-nc-exists': field('duplicate', { existingId: '…' }, 'already has a nonconformity', 'đã có sự không phù hợp'),

  // ---- inspections -------------------------------------------------------------------------
  'inspection.head-self-only': text(
    'A head of unit may run only self-inspections (kind "self") of their own unit; other kinds are for auditors and managers.',
    'Trưởng đơn vị chỉ được tự kiểm tra (loại “tự kiểm tra”) đơn vị mình; các loại kiểm tra khác do kiểm tra viên và lãnh đạo thực hiện.',
  ),
  'inspection.self-own-unit': text(
    'You may run self-inspections only of your own unit and the units below it.',
    'Bạn chỉ được tự kiểm tra đơn vị mình và các đơn vị trực thuộc.',
  ),
  'inspection.forbidden': text(
    'You are not allowed to plan or perform inspections. Auditors and managers plan them; heads of unit run self-inspections.',
    'Bạn không có quyền lập kế hoạch hoặc thực hiện kiểm tra. Kiểm tra viên và lãnh đạo lập kế hoạch kiểm tra; trưởng đơn vị thực hiện tự kiểm tra.',
  ),
  'inspection.person-outside-unit': field('scope', 'refers to a person outside the inspected unit', 'là người không thuộc đơn vị được kiểm tra'),
  'inspection.invalid-people': text({}, (_p, c) => `${c.fields}.`, (_p, c) => `Danh sách người không hợp lệ: ${c.fields}.`),
  'inspection.locked': text(
    'The checklist, unit and kind cannot change once results have been recorded.',
    'Không thể đổi danh mục kiểm tra, đơn vị và loại kiểm tra khi đã ghi kết quả.',
  ),
  'inspection.field-locked': field('locked', 'cannot change after recording started', 'không thể đổi khi đã bắt đầu ghi kết quả'),
  'inspection.cancel-reason-required': field('required', 'must say why the inspection is cancelled', 'phải nêu lý do hủy cuộc kiểm tra'),
  'field.clock-ahead': field('future', 'is more than a day in the future: check the device clock', 'vượt quá hiện tại hơn một ngày: hãy kiểm tra đồng hồ của thiết bị'),
  'signature.one-of': field(
    'one_of',
    'give either the signature (attachmentId) or the reason the signer refused, not both',
    'chỉ ghi chữ ký hoặc lý do người ký từ chối, không ghi cả hai',
  ),
  'signature.lead-cannot-refuse': field(
    'invalid',
    'the lead inspector signs the record; only the unit representative may refuse',
    'trưởng đoàn phải ký biên bản; chỉ đại diện đơn vị được kiểm tra mới có thể từ chối ký',
  ),
  'signature.not-lead': field('scope', 'must be the lead inspector of this inspection', 'phải là trưởng đoàn của cuộc kiểm tra này'),
  'signature.already-signed': text(
    { role: 'trưởng đoàn', number: '03/2020/BB-KT' },
    (p) => `The ${p.role} block of ${p.number} is already signed; a signature is never replaced.`,
    (p) => `Phần ký của ${p.role} trong biên bản ${p.number} đã được ký; chữ ký không bao giờ bị thay thế.`,
  ),
  'signature.not-png': field('type', 'must be the PNG drawn on the signature pad', 'phải là ảnh PNG vẽ trên khung ký'),
  'perform.value-not-used': field('invalid', 'is not used by a pass / fail item', 'không dùng cho mục đạt / không đạt'),
  'perform.number-required': field('required', 'is required: this item records a number', 'là bắt buộc: mục này ghi một con số'),
  'perform.not-number': field('type', 'must be a number', 'phải là số'),
  'perform.not-text': field('type', 'must be text', 'phải là văn bản'),
  'perform.choice-required': field('required', 'is required: choose one of the options', 'là bắt buộc: hãy chọn một phương án'),
  'perform.unknown-item': field('exists', { itemId: 'item-9' }, (p) => `is not an item of this checklist (${p.itemId})`, (p) => `không phải là mục của danh mục kiểm tra này (${p.itemId})`),
  'perform.person-required': field('required', 'is required: this item is judged per person', 'là bắt buộc: mục này đánh giá theo từng người'),
  'perform.person-not-present': field(
    'scope',
    'is not among the people present; add them to personIds first',
    'không có trong danh sách người có mặt; hãy thêm người đó vào danh sách trước',
  ),
  'perform.person-not-used': field('invalid', 'is not used: this item is judged for the unit as a whole', 'không dùng: mục này đánh giá chung cho cả đơn vị'),
  'perform.answered-twice': field('duplicate', 'is answered twice in this batch (for the same person)', 'được trả lời hai lần trong cùng một lần gửi (cho cùng một người)'),
  'perform.invalid-batch': text(
    { count: 2 },
    (p, c) => `The batch has ${p.count} invalid response field${p.count === 1 ? '' : 's'}: ${c.fields}.`,
    (p, c) => `Lần gửi kết quả có ${p.count} trường không hợp lệ: ${c.fields}.`,
  ),
  'perform.answer-conflict': text(
    { answers: [{ item: 'Niêm yết công khai thủ tục', perPerson: false, by: 'Nguyễn Văn A' as string | null }] },
    (p) =>
      `${p.answers.length === 1 ? 'One answer was' : `${p.answers.length} answers were`} changed by someone else after this device last saw ${p.answers.length === 1 ? 'it' : 'them'}: ${p.answers
        .map((a) => `«${a.item}»${a.perPerson ? ' (per person)' : ''} by ${a.by ?? 'another user'}`)
        .join('; ')}. Choose which answer to keep; nothing of this request was saved.`,
    (p) =>
      `${p.answers.length === 1 ? 'Một câu trả lời đã' : `${p.answers.length} câu trả lời đã`} được người khác sửa sau lần cuối thiết bị này đồng bộ: ${p.answers
        .map((a) => `«${a.item}»${a.perPerson ? ' (theo từng người)' : ''} do ${a.by ?? 'người khác'} sửa`)
        .join('; ')}. Hãy chọn giữ câu trả lời nào; chưa có gì trong lần gửi này được lưu.`,
  ),
  'perform.people-needed': field('required', 'name the people present: per-person items need them', 'hãy ghi những người có mặt: các mục đánh giá theo từng người cần danh sách này'),
  'perform.photo-needed': field(
    'photo_required',
    { itemId: 'item-1' as string | null, personId: null as string | null },
    'a failure of this item needs a photo',
    'mục không đạt này cần có ảnh minh chứng',
  ),
  'perform.response-needed': field('required', { itemId: 'item-1' as string | null, personId: null as string | null }, 'needs a response', 'chưa có câu trả lời'),
  'inspection.incomplete': text(
    { people: true, responses: 6, photos: 1 },
    (p) =>
      `The inspection cannot be completed yet: it still needs ${[
        p.people ? 'the people present' : '',
        p.responses ? `${p.responses} response${p.responses === 1 ? '' : 's'}` : '',
        p.photos ? `${p.photos} photo${p.photos === 1 ? '' : 's'} of failures` : '',
      ]
        .filter(Boolean)
        .join(', ')}.`,
    (p) =>
      `Chưa thể hoàn thành cuộc kiểm tra: còn thiếu ${[
        p.people ? 'danh sách người có mặt' : '',
        p.responses ? `${p.responses} câu trả lời` : '',
        p.photos ? `${p.photos} ảnh minh chứng cho mục không đạt` : '',
      ]
        .filter(Boolean)
        .join(', ')}.`,
  ),

  // ---- nonconformities -----------------------------------------------------------------------
  'nonconformity.source-other-unit': field(
    'same_unit',
    { kind: 'finding' as Entity },
    (p) => `is a ${entityWord(p.kind, 'en')} of another unit than the nonconformity's`,
    (p) => `là ${entityWord(p.kind, 'vi')} của đơn vị khác với đơn vị của sự không phù hợp`,
  ),
  'nonconformity.source-not-late': field('not_late', 'is a dossier that is neither overdue nor resolved late', 'là hồ sơ không quá hạn và cũng không giải quyết trễ hạn'),
  'nonconformity.source-inspection-elsewhere': field(
    'same_unit',
    "is an inspection that does not cover the nonconformity's unit",
    'là cuộc kiểm tra không bao gồm đơn vị của sự không phù hợp',
  ),
  'nonconformity.source-takes-no-record': field(
    'no_record',
    { source: 'other' },
    (p) => `must be empty when the source is ${p.source}`,
    (p) => `phải để trống khi nguồn là “${NC_SOURCES[p.source] ?? p.source}”`,
  ),
  'nonconformity.source-record-required': field(
    'required',
    { source: 'finding' },
    (p) => `is required when the source is ${p.source}`,
    (p) => `là bắt buộc khi nguồn là “${NC_SOURCES[p.source] ?? p.source}”`,
  ),
  'nonconformity.root-cause-missing': field('required', 'is missing: analyse the nonconformity first', 'chưa có: hãy phân tích nguyên nhân trước'),
  'nonconformity.whys-needed': field('required', 'needs at least one answered "why"', 'cần trả lời ít nhất một câu hỏi “tại sao”'),
  'nonconformity.root-cause-summary-empty': field('required', 'is empty: state the root cause', 'đang trống: hãy nêu nguyên nhân gốc'),
  'nonconformity.category-needed': field('required', 'needs at least one cause category', 'cần chọn ít nhất một nhóm nguyên nhân'),
  'nonconformity.plan-needs-corrective-action': field(
    'corrective_required',
    'needs at least one corrective action (one that removes the root cause)',
    'cần ít nhất một hành động khắc phục (hành động loại bỏ nguyên nhân gốc)',
  ),
  'nonconformity.verification-before-detection': field(
    'min',
    { min: '2026-01-01' },
    (p) => `must not be before the detection date (${p.min})`,
    (p) => `không được trước ngày phát hiện (${viDate(p.min)})`,
  ),
  'nonconformity.plan-incomplete': text(
    {},
    (_p, c) => `The plan cannot be recorded yet: ${c.fields}.`,
    (_p, c) => `Chưa thể xác nhận kế hoạch: ${c.errors.map((e) => `${NC_FIELDS[e.path] ?? e.path} ${e.message}`).join('; ')}.`,
  ),
  'nonconformity.actions-open': text(
    { actions: ['Niêm yết lại thủ tục'] },
    (p) => `${p.actions.length} action(s) are still open: ${p.actions.map((a) => `"${a}"`).join(', ')}. Every action must be done before verification.`,
    (p) => `Còn ${p.actions.length} hành động chưa hoàn thành: ${p.actions.map((a) => `“${a}”`).join(', ')}. Mọi hành động phải hoàn thành trước khi kiểm tra hiệu lực.`,
  ),
  'nonconformity.field-actions-open': field(
    'open_actions',
    { count: 2, open: ['…'] },
    (p) => `${p.count} action(s) still open`,
    (p) => `còn ${p.count} hành động chưa hoàn thành`,
  ),
  'nonconformity.not-a-clause': field('exists', { value: '8.2.9' }, (p) => `${p.value} is not a clause of ISO 9001:2015`, (p) => `${p.value} không phải là điều khoản của ISO 9001:2015`),
  'field.date-in-future': field('max', { max: '2026-01-01' }, 'cannot be in the future', 'không được là ngày trong tương lai'),
  'nonconformity.due-before-detection': field('min', { min: '2026-01-01' }, 'must not be before the detection date', 'không được trước ngày phát hiện'),
  'nonconformity.invalid-fields': text(
    { count: 2 },
    (p, c) => `The nonconformity has ${p.count} invalid field(s): ${c.fields}.`,
    (p, c) => `Sự không phù hợp có ${p.count} trường không hợp lệ: ${c.errors.map((e) => `${NC_FIELDS[e.path.replace(/\.\d+$/, '')] ?? e.path} ${e.message}`).join('; ')}.`,
  ),
  'nonconformity.invalid-change': text(
    { count: 2 },
    (p, c) => `The change has ${p.count} invalid field(s): ${c.fields}.`,
    (p, c) => `Thay đổi có ${p.count} trường không hợp lệ: ${c.errors.map((e) => `${NC_FIELDS[e.path.replace(/\.\d+$/, '')] ?? e.path} ${e.message}`).join('; ')}.`,
  ),
  'nonconformity.source-has-nc': text(
    { source: 'finding', existingCode: 'NC-2026-001' },
    (p) => `This ${p.source.replace('_', ' ')} already has nonconformity ${p.existingCode}.`,
    (p) => `Bản ghi nguồn này (${NC_SOURCES[p.source] ?? p.source}) đã có sự không phù hợp ${p.existingCode}.`,
  ),
  'nonconformity.field-source-has-nc': field(
    'duplicate',
    { existingId: '…', existingCode: 'NC-2026-001' },
    (p) => `already has nonconformity ${p.existingCode}`,
    (p) => `đã có sự không phù hợp ${p.existingCode}`,
  ),
  'nonconformity.head-containment-only': text(
    { fields: ['title', 'severity'] },
    (p) => `As head of the unit you may change the containment only; ask an auditor or a manager to change ${p.fields.join(', ')}.`,
    (p) =>
      `Là trưởng đơn vị, bạn chỉ được sửa biện pháp ngăn chặn; hãy đề nghị kiểm tra viên hoặc lãnh đạo sửa ${p.fields.map((f) => NC_FIELDS[f] ?? f).join(', ')}.`,
  ),
  'nonconformity.unit-fixed': field('status', 'can be changed only while the nonconformity is a draft', 'chỉ đổi được khi sự không phù hợp còn là bản nháp'),
  'nonconformity.move-forbidden': text('You are not allowed to move the nonconformity to that unit.', 'Bạn không có quyền chuyển sự không phù hợp sang đơn vị đó.'),
  'nonconformity.forbidden-read': text(
    'You are not allowed to see this nonconformity: it belongs to another unit and you own none of its actions.',
    'Bạn không có quyền xem sự không phù hợp này: nó thuộc đơn vị khác và bạn không phụ trách hành động nào của nó.',
  ),
  'nonconformity.register-too-large': text(
    { limit: 10000 },
    (p) => `The register would hold more than ${p.limit} nonconformities: narrow it by unit, status or detection dates.`,
    (p) => `Sổ theo dõi sẽ có hơn ${p.limit} sự không phù hợp: hãy thu hẹp theo đơn vị, trạng thái hoặc ngày phát hiện.`,
  ),
  'nonconformity.only-editors-change': text(
    'Only auditors, managers, the head of the unit and whoever raised it change a nonconformity.',
    'Chỉ kiểm tra viên, lãnh đạo, trưởng đơn vị và người ghi nhận mới được sửa sự không phù hợp.',
  ),
  'nonconformity.only-head-analyses': text(
    'Only the head of the nonconformity’s unit (or a manager) analyses its root cause.',
    'Chỉ trưởng đơn vị có sự không phù hợp (hoặc lãnh đạo) mới phân tích nguyên nhân gốc.',
  ),
  'nonconformity.only-head-plans': text(
    'Only the head of the nonconformity’s unit (or a manager) plans and runs its actions.',
    'Chỉ trưởng đơn vị có sự không phù hợp (hoặc lãnh đạo) mới lập kế hoạch và thực hiện hành động khắc phục.',
  ),
  'nonconformity.only-auditor-verifies': text(
    'Only an auditor or a manager verifies the effectiveness of actions.',
    'Chỉ kiểm tra viên hoặc lãnh đạo mới kiểm tra hiệu lực của hành động khắc phục.',
  ),
  'nonconformity.owner-cannot-verify': text(
    'You own an action of this nonconformity, so you cannot verify it: another auditor or a manager must.',
    'Bạn phụ trách một hành động của sự không phù hợp này nên không thể tự kiểm tra hiệu lực: việc này do kiểm tra viên khác hoặc lãnh đạo thực hiện.',
  ),
  'nonconformity.only-head-closes': text(
    'Only the head of the nonconformity’s unit (or a manager) closes it.',
    'Chỉ trưởng đơn vị có sự không phù hợp (hoặc lãnh đạo) mới được đóng nó.',
  ),
  'nonconformity.verifier-cannot-close': text(
    'You verified this nonconformity, so someone else (the head of the unit or a manager) must close it.',
    'Bạn đã kiểm tra hiệu lực sự không phù hợp này nên việc đóng phải do người khác (trưởng đơn vị hoặc lãnh đạo) thực hiện.',
  ),
  'nonconformity.only-editors-cancel': text(
    'Only an auditor, a manager or whoever raised it cancels a nonconformity.',
    'Chỉ kiểm tra viên, lãnh đạo hoặc người ghi nhận mới được hủy sự không phù hợp.',
  ),
  'action.due-before-detection': field(
    'min',
    { min: '2026-01-01' },
    (p) => `must not be before the nonconformity was detected (${p.min})`,
    (p) => `không được trước ngày phát hiện sự không phù hợp (${viDate(p.min)})`,
  ),
  'action.only-head-plans': text(
    'Only the head of the nonconformity’s unit (or a manager) adds and changes its actions.',
    'Chỉ trưởng đơn vị có sự không phù hợp (hoặc lãnh đạo) mới thêm và sửa hành động khắc phục.',
  ),
  'action.complete-own-only': text(
    'You may complete only the actions you own; the head of the unit or a manager may complete others’ actions.',
    'Bạn chỉ được hoàn thành hành động do mình phụ trách; trưởng đơn vị hoặc lãnh đạo có thể hoàn thành hành động của người khác.',
  ),
  'action.already-done': text(
    'The action is already done; add a new action if more is needed.',
    'Hành động này đã hoàn thành; nếu cần làm thêm, hãy thêm hành động mới.',
  ),

  // ---- org units, procedures, users, reports, mail -------------------------------------------
  'org-unit.cycle': field('cycle', 'cannot be the unit itself or one of its own sub-units', 'không được là chính đơn vị này hoặc một đơn vị trực thuộc của nó'),
  'org-unit.in-use': text(
    { subUnits: 1, members: 2 },
    (p) => `The unit still has ${p.subUnits} active sub-unit(s) and ${p.members} active user(s); move or deactivate them first.`,
    (p) => `Đơn vị vẫn còn ${p.subUnits} đơn vị trực thuộc và ${p.members} người dùng đang hoạt động; hãy chuyển hoặc ngừng hoạt động họ trước.`,
  ),
  'org-unit.field-in-use': field(
    'in_use',
    { subUnits: 1, members: 2 },
    'the unit still has active sub-units or users',
    'đơn vị vẫn còn đơn vị trực thuộc hoặc người dùng đang hoạt động',
  ),
  'procedure.level-from-needs-level': field('dependency', 'needs onlineLevel', 'cần có mức độ dịch vụ công trực tuyến'),
  'procedure.mode-from-needs-mode': field('dependency', 'needs onlineMode', 'cần có hình thức dịch vụ công trực tuyến'),
  'report.no-unit': text(
    'You may read reports only for your own unit, and your account has none.',
    'Bạn chỉ được xem báo cáo của đơn vị mình, nhưng tài khoản của bạn chưa gắn với đơn vị nào.',
  ),
  'report.unknown-unit': field('exists', 'refers to an org unit that does not exist', 'là đơn vị không tồn tại'),
  'report.period-too-long': field('range', 'the period may span at most ten years', 'khoảng thời gian không được dài quá mười năm'),
  'report.table-required': field('required', 'is required with format=csv (the number of the table)', 'là bắt buộc khi xuất CSV (số thứ tự của bảng)'),
  'report.table-range': field('range', { count: 12 }, (p) => `the report has ${p.count} tables`, (p) => `báo cáo có ${p.count} bảng`),
  'user.username-taken': text({ username: 'nva' }, (p) => `The username "${p.username}" is already taken.`, (p) => `Tên đăng nhập "${p.username}" đã có người dùng.`),
  'user.field-username-taken': field('duplicate', 'is already taken', 'đã có người dùng'),
  'user.self-change': text(
    'You cannot deactivate yourself or remove your own admin role; ask another administrator.',
    'Bạn không thể tự ngừng hoạt động tài khoản của mình hoặc bỏ vai trò quản trị của chính mình; hãy nhờ quản trị viên khác.',
  ),
  'user.field-self': field('self', 'cannot be changed on your own account', 'không thể tự thay đổi trên tài khoản của mình'),
  'mail.person-only': text('Mail preferences belong to a person.', 'Thiết lập nhận thư chỉ dành cho tài khoản của một người.'),

  // ---- quality objectives ------------------------------------------------------------------
  'objective.forbidden-read': text('You are not allowed to see the objectives of this unit.', 'Bạn không có quyền xem mục tiêu chất lượng của đơn vị này.'),
  'objective.scope-fixed': text(
    'The year and the owner unit cannot change once indicator values are stored: they are what the values were measured over. Set a new objective instead.',
    'Không thể đổi năm hoặc đơn vị chủ trì khi chỉ tiêu đã có giá trị lưu: đó là phạm vi đã đo. Hãy đặt mục tiêu mới.',
  ),
  'objective.field-has-values': field('has_values', 'cannot change once values are stored', 'không thể thay đổi khi đã có giá trị lưu'),
  'objective.too-many-indicators': text('An objective has at most 20 indicators.', 'Mỗi mục tiêu có tối đa 20 chỉ tiêu.'),
  'objective.measuring-fixed': text(
    { fields: 'metric' },
    (p) => `What the indicator measures (${p.fields}) cannot change once values are stored; add a new indicator instead.`,
    (p) => `Không thể thay đổi nội dung đo của chỉ tiêu (${p.fields}) khi đã có giá trị lưu; hãy thêm chỉ tiêu mới.`,
  ),
  'objective.field-not-a-period': field(
    'period',
    { frequency: 'quarter', keys: 'Q1, Q2, Q3, Q4', allowed: ['Q1'] as string[] },
    (p) => `is not a period of this indicator (${p.frequency}: ${p.keys})`,
    (p) => `không phải là kỳ của chỉ tiêu này (các kỳ: ${p.keys})`,
  ),
  'objective.computed-not-entered': text(
    'This indicator is computed from the records; its values are not entered by hand (a manager may recompute an ended period).',
    'Chỉ tiêu này được tính từ dữ liệu; không nhập giá trị bằng tay (lãnh đạo có thể tính lại một kỳ đã kết thúc).',
  ),
  'objective.field-period-future': field('future', 'has not started yet', 'chưa bắt đầu'),
  'field.blank': field('required', 'must not be blank', 'không được để trống'),
  'objective.field-metric-required': field('required', 'is required for a computed indicator', 'là bắt buộc với chỉ tiêu tính từ dữ liệu'),
  'objective.field-measure-for-metric': field(
    'measure',
    { expected: 'percent', metric: 'dossiers_on_time' },
    (p) => `must be ${p.expected} for ${p.metric}`,
    (p) => `phải là ${p.expected === 'percent' ? 'tỷ lệ phần trăm' : 'số đếm'} với chỉ số này`,
  ),
  'objective.field-category-required': field('required', 'is required for inspection_pass_rate (e.g. id_badge)', 'là bắt buộc với tỷ lệ đạt khi kiểm tra (ví dụ: đeo thẻ)'),
  'objective.field-category-pass-rate-only': field('not_applicable', 'applies only to inspection_pass_rate', 'chỉ dùng cho tỷ lệ đạt khi kiểm tra'),
  'objective.field-computed-only': field('not_applicable', 'applies only to a computed indicator', 'chỉ dùng cho chỉ tiêu tính từ dữ liệu'),
  'objective.field-measure-required': field('required', 'is required for a manual indicator', 'là bắt buộc với chỉ tiêu nhập tay'),
  'objective.field-target-required': field('required', 'needs a minimum or a maximum target (or both)', 'cần chỉ tiêu tối thiểu hoặc tối đa (hoặc cả hai)'),
  'objective.field-target-order': field('min', { min: 0 }, 'must not be below the minimum', 'không được nhỏ hơn chỉ tiêu tối thiểu'),
  'objective.field-percent-max': field('max', { max: 100 }, 'is a percentage: at most 100', 'là tỷ lệ phần trăm: tối đa 100'),
  'objective.field-count-integer': field('integer', 'is a count: a whole number', 'là số đếm: phải là số nguyên'),
  'objective.manual-not-recomputed': text(
    'Only computed values are recomputed; a manual value is corrected by entering it again.',
    'Chỉ giá trị tính từ dữ liệu mới được tính lại; giá trị nhập tay được sửa bằng cách nhập lại.',
  ),
  'objective.period-not-ended': text(
    { period: 'Q1' },
    (p) => `Period ${p.period} has not ended: its value is computed afresh on every read until it is frozen.`,
    (p) => `Kỳ ${p.period} chưa kết thúc: giá trị được tính lại mỗi lần xem cho đến khi được chốt.`,
  ),
  'objective.period-no-value': text(
    { period: 'Q1' },
    (p) => `Period ${p.period} has no value to raise a nonconformity from.`,
    (p) => `Kỳ ${p.period} chưa có giá trị để ghi nhận sự không phù hợp.`,
  ),
  'objective.period-open-no-value': text(
    { period: 'Q1' },
    (p) => `Period ${p.period} has not ended and has no value entered: raise a nonconformity once its value is frozen or entered.`,
    (p) => `Kỳ ${p.period} chưa kết thúc và chưa có giá trị nhập: hãy ghi nhận sự không phù hợp khi giá trị đã được chốt hoặc nhập.`,
  ),
  'objective.period-not-off-target': text(
    { period: 'Q1', onTarget: true as boolean | null },
    (p) => `The indicator is ${p.onTarget ? 'on target' : 'not measured'} for period ${p.period}, so it raises no nonconformity.`,
    (p) => `Chỉ tiêu ${p.onTarget ? 'đạt' : 'chưa được đo'} trong kỳ ${p.period}, nên không ghi nhận sự không phù hợp.`,
  ),
  'nonconformity.source-not-off-target': field('not_off_target', 'is an indicator period that is not off target', 'là kỳ đo của chỉ tiêu không ở trạng thái không đạt'),

  // ---- risks and opportunities ---------------------------------------------------------------
  'risk.forbidden-read': text('You are not allowed to see the risks of this unit.', 'Bạn không có quyền xem rủi ro, cơ hội của đơn vị này.'),
  'risk.field-process-required': field(
    'required',
    'is required when no unit is given (a risk belongs to a process, a unit, or both)',
    'là bắt buộc khi không chọn đơn vị (rủi ro thuộc về một quá trình, một đơn vị, hoặc cả hai)',
  ),
  'risk.open-actions': text(
    { open: 1 },
    (p) => `${p.open} treatment action(s) of this risk are not done yet; complete them before marking it treated.`,
    (p) => `Còn ${p.open} hành động xử lý của rủi ro này chưa hoàn thành; hãy hoàn thành trước khi đánh dấu đã xử lý.`,
  ),
  'risk.field-open-actions': field('open_actions', { open: 1 }, 'treatment actions are still open', 'còn hành động xử lý chưa hoàn thành'),

  // ---- management reviews ---------------------------------------------------------------------
  'management-review.forbidden-read': text('You are not allowed to see the management reviews of this unit.', 'Bạn không có quyền xem cuộc họp xem xét của lãnh đạo của đơn vị này.'),
  'management-review.chair-only': text(
    { chair: 'Nguyễn Văn Minh' },
    (p) => `Only the chair of the review (${p.chair}) approves its minutes.`,
    (p) => `Chỉ người chủ trì cuộc họp (${p.chair}) mới phê duyệt biên bản.`,
  ),
  'management-review.field-meeting-in-future': field(
    'future',
    { today: '2020-01-15' },
    (p) => `is after today (${p.today}): a review is recorded as held on or after its meeting day`,
    (p) => `sau ngày hôm nay (${viDate(p.today)}): chỉ ghi nhận đã họp từ ngày họp trở đi`,
  ),
  'management-review.field-period-too-long': field('max', 'covers more than ten years', 'dài hơn mười năm'),
  'management-review.field-owner-and-due': field(
    'required',
    'goes with the other: an action has both an owner and a due date',
    'phải đi cùng trường còn lại: một hành động có cả người thực hiện và hạn hoàn thành',
  ),
  'management-review.not-an-action': text(
    'This decision is not an action (it has no owner or due date), so there is nothing to complete.',
    'Quyết định này không phải là hành động (không có người thực hiện, hạn hoàn thành) nên không có gì để hoàn thành.',
  ),
  // ---- PAR index (Chỉ số cải cách hành chính) ---------------------------------------------------
  'par.import-has-errors': text(
    { count: 2 },
    (p) => `Nothing was loaded: ${p.count} problem${p.count === 1 ? '' : 's'} in the file, each named by its row (errors: rows.<row>.<column>).`,
    (p) => `Chưa nạp bộ tiêu chí: tệp có ${p.count} lỗi, mỗi lỗi ghi rõ dòng và cột.`,
  ),
  'par.json-unreadable': text(
    { error: 'Unexpected token' },
    (p) => `The JSON file cannot be read: ${p.error}`,
    (p) => `Không đọc được tệp JSON. Hãy kiểm tra cú pháp của tệp rồi thử lại. Chi tiết kỹ thuật: ${p.error}`,
  ),
  'par.no-criteria': text(
    'The file holds no criteria: an XLSX needs a heading row (code, title, maxPoints; or Mã, Tiêu chí, Điểm tối đa) and a row per criterion; a JSON file a "criteria" list (see docs/par-index.md).',
    'Tệp không có tiêu chí nào: tệp XLSX cần dòng tiêu đề (Mã, Tiêu chí, Điểm tối đa) và mỗi tiêu chí một dòng; tệp JSON cần danh sách "criteria" (xem docs/par-index.md).',
  ),
  'par.set-exists': text(
    { name: 'Bộ tiêu chí', year: 2019 },
    (p) => `A criteria set named “${p.name}” for ${p.year} is already loaded.`,
    (p) => `Đã có bộ tiêu chí “${p.name}” của năm ${p.year}.`,
  ),
  'par.assessment-exists': text(
    { year: 2019 },
    (p) => `The self-assessment of ${p.year} already exists: open it instead.`,
    (p) => `Đã có bản tự đánh giá năm ${p.year}: hãy mở bản đó.`,
  ),
  'par.not-a-leaf': text(
    { code: '1.1' },
    (p) => `Criterion ${p.code} has sub-criteria: only they are scored, and it totals them.`,
    (p) => `Tiêu chí ${p.code} có tiêu chí thành phần: chỉ chấm điểm các tiêu chí thành phần, tiêu chí này cộng điểm của chúng.`,
  ),
  'par.evidence-required': text(
    { code: '1.1.2', title: 'Ban hành kế hoạch đúng thời hạn' },
    (p) => `Criterion ${p.code} (${p.title}) claims points without evidence: attach a file, give a link or name the evidence documents.`,
    (p) => `Tiêu chí ${p.code} (${p.title}) được chấm điểm nhưng chưa có tài liệu kiểm chứng: hãy đính kèm tệp, ghi đường dẫn hoặc nêu tên tài liệu kiểm chứng.`,
  ),
  'par.field-evidence-required': field('evidence_required', 'is required where points are claimed', 'là bắt buộc khi chấm điểm lớn hơn 0'),
  'par.score-over-max': text(
    { code: '1.1.2', max: 1 },
    (p) => `Criterion ${p.code} is worth at most ${p.max} points.`,
    (p) => `Tiêu chí ${p.code} có điểm tối đa là ${p.max}.`,
  ),
  'par.field-score-max': field('max', { max: 1 }, (p) => `must not exceed the criterion's maximum (${p.max})`, (p) => `không được vượt quá điểm tối đa của tiêu chí (${p.max})`),
  'par.unscored': text(
    { count: 2, codes: ['1.1.1', '2.3'] },
    (p) => `${p.count} criteria are not scored yet (${p.codes.join(', ')}): score them (0 is a score) before submitting.`,
    (p) => `Còn ${p.count} tiêu chí chưa chấm điểm (${p.codes.join(', ')}): hãy chấm (kể cả 0 điểm) trước khi gửi.`,
  ),
  'par.field-year': field('format', 'must be a year between 2000 and 2100', 'phải là năm, từ 2000 đến 2100'),
  'par.row-code-format': field('format', 'must be a criterion code like 1, 1.2 or 1.2.3', 'phải là mã tiêu chí dạng 1, 1.2 hoặc 1.2.3'),
  'par.row-code-duplicate': field('duplicate', { row: 3 }, (p) => `repeats the code of row ${p.row}`, (p) => `trùng mã với dòng ${p.row}`),
  'par.row-parent-missing': field(
    'parent_missing',
    { parent: '1.2' },
    (p) => `has no parent criterion ${p.parent} above it in the file`,
    (p) => `không có tiêu chí cha ${p.parent} ở phía trên trong tệp`,
  ),
  'par.row-points': field('points', 'must be a number of points, 0 or more, with at most two decimals', 'phải là số điểm, từ 0 trở lên, tối đa hai chữ số thập phân'),
  'par.row-parent-sum': field(
    'sum',
    { sum: 10 },
    (p) => `must be the sum of its sub-criteria's maximum points (${p.sum}), or left empty`,
    (p) => `phải bằng tổng điểm tối đa của các tiêu chí thành phần (${p.sum}), hoặc để trống`,
  ),
  'par.row-data-source': field(
    'enum',
    { allowed: 'dossiers_on_time_pct, dossiers_online_pct' },
    (p) => `must be one of ${p.allowed}, or left empty`,
    (p) => `phải là một trong các giá trị ${p.allowed}, hoặc để trống`,
  ),
  // ---- reform plans and their tasks -----------------------------------------------------------
  'plan.forbidden-task': text('You are not allowed to see this task: its units are outside your scope.', 'Bạn không có quyền xem nhiệm vụ này: đơn vị chủ trì và phối hợp không thuộc phạm vi của bạn.'),
  'plan.number-taken': text(
    { number: '04/KH-BQL', year: 2020 },
    (p) => `A plan numbered ${p.number} already exists for ${p.year}.`,
    (p) => `Đã có kế hoạch số ${p.number} của năm ${p.year}.`,
  ),
  'report.number-taken': text(
    { number: '173/BC-BQL', year: 2020 },
    (p) => `A report numbered ${p.number} was already issued in ${p.year}.`,
    (p) => `Đã có báo cáo số ${p.number} ban hành trong năm ${p.year}.`,
  ),
  'report.field-number-taken': field('duplicate', 'is already used by another report of the year', 'đã được dùng cho báo cáo khác trong năm'),
  'report.field-issued-before-period': field('before_period', { to: '2020-05-27' }, (p) => `must not be before the end of the period (${p.to})`, (p) => `không được trước ngày cuối kỳ báo cáo (${viDate(p.to)})`),
  'report.field-issued-in-future': field('future', { today: '2020-05-29' }, (p) => `must not be after today (${p.today})`, (p) => `không được sau ngày hôm nay (${viDate(p.today)})`),
  'document.record-read-only': text(
    { code: '173/BC-BQL-2020' },
    (p) => `Document ${p.code} is a record of an issued paper: it is kept as issued and cannot be changed, revised or withdrawn.`,
    (p) => `Tài liệu ${p.code} là hồ sơ của một văn bản đã ban hành: được lưu giữ nguyên trạng, không thể sửa, ban hành lại hay cho hết hiệu lực.`,
  ),
  'plan.field-number-taken': field('duplicate', 'is already used by another plan of the year', 'đã được dùng cho kế hoạch khác trong năm'),
  'plan.field-year-mismatch': field('year', { year: 2020 }, (p) => `must fall in the plan's year (${p.year}) or the one before`, (p) => `phải thuộc năm của kế hoạch (${p.year}) hoặc năm trước đó`),
  'plan.field-area-inactive': field('inactive', 'is a reform area no longer in use', 'là lĩnh vực cải cách không còn sử dụng'),
  'plan.field-lead-in-support': field('lead_unit', 'must not list the lead unit', 'không được có đơn vị chủ trì'),
  'plan.field-task-closed': field(
    'closed',
    { status: 'done' },
    (p) => `cannot change: the task is ${p.status.replace('_', ' ')}; reopen it as in progress first`,
    (p) => `không đổi được: nhiệm vụ đã ${p.status === 'cancelled' ? 'bị hủy' : 'hoàn thành'}; hãy chuyển về “đang thực hiện” trước`,
  ),
  'plan.field-source-not-off-target': field('not_off_target', 'is an indicator period that is not off target', 'là kỳ đo của chỉ tiêu không ở trạng thái không đạt'),
  'plan.field-source-id-required': field('required', { source: 'nonconformity' }, (p) => `is required when the source is ${p.source}`, (p) => `là bắt buộc khi nêu nguồn (${p.source})`),
  'plan.field-link-target': field('link', 'needs the id of a document or an inspection, or the from and to dates of dossier statistics', 'cần mã tài liệu hoặc cuộc kiểm tra, hoặc từ ngày, đến ngày của số liệu hồ sơ'),
  'plan.criterion-has-task': text(
    { codes: ['1.2'], positions: [3] },
    (p) => `Criteria already taken up by a live task of this plan: ${p.codes.map((c, i) => `${c} (task ${p.positions[i]})`).join(', ')}. Nothing was created.`,
    (p) => `Tiêu chí đã có nhiệm vụ (chưa hủy) trong kế hoạch này: ${p.codes.map((c, i) => `${c} (nhiệm vụ ${p.positions[i]})`).join(', ')}. Chưa tạo nhiệm vụ nào.`,
  ),
  'plan.field-criterion-has-task': field('duplicate', { position: 3 }, (p) => `already has task ${p.position} in this plan`, (p) => `đã có nhiệm vụ ${p.position} trong kế hoạch này`),
  'plan.field-criterion-repeated': field('duplicate', 'is listed twice', 'bị lặp lại'),
  'plan.field-criterion-no-points-lost': field('no_points_lost', 'is a criterion that lost no points in this assessment', 'là tiêu chí không bị mất điểm trong bản tự đánh giá này'),
  'plan.area-code-taken': text({ code: 'direction' }, (p) => `A reform area with code "${p.code}" already exists.`, (p) => `Đã có lĩnh vực cải cách mang mã "${p.code}".`),
  // ---- internal audits (clause 9.2) -----------------------------------------------------------
  'audit.not-independent': text(
    { person: 'Trần Thị Lan', unit: 'Văn phòng' },
    (p) => `${p.person} cannot audit ${p.unit}: it is their own unit, and auditors must be independent of the unit they audit.`,
    (p) => `${p.person} không thể đánh giá ${p.unit} vì đó là đơn vị của chính mình; người đánh giá phải độc lập với đơn vị được đánh giá.`,
  ),
  'audit.field-not-independent': field(
    'not_independent',
    { person: 'Trần Thị Lan', unit: 'Văn phòng' },
    (p) => `is ${p.person}, who belongs to ${p.unit}, a unit audited`,
    (p) => `là ${p.person}, người thuộc ${p.unit} là đơn vị được đánh giá`,
  ),
  'audit.field-outside-year': field('outside_year', { year: 2020 }, (p) => `must fall in the programme's year (${p.year})`, (p) => `phải thuộc năm của chương trình (${p.year})`),
  'audit.field-dates-order': field('min', 'must not be before the start date', 'không được trước ngày bắt đầu'),
  'audit.scheduled-locked': text(
    'Once an audit is scheduled its units and checklist no longer change, and once it is completed only its conclusion does.',
    'Khi cuộc đánh giá đã triển khai thì không đổi đơn vị và danh mục đánh giá; khi đã hoàn thành thì chỉ còn sửa được kết luận.',
  ),
  'audit.field-locked': field('locked', 'cannot change at this stage of the audit', 'không thể thay đổi ở giai đoạn này của cuộc đánh giá'),
  'audit.forbidden-read': text('None of the units of this audit is within your scope.', 'Cuộc đánh giá này không có đơn vị nào thuộc phạm vi của bạn.'),
  'audit.field-reason-required': field('required', 'must say why the audit is cancelled', 'phải nêu lý do hủy cuộc đánh giá'),
  'audit.field-reschedule-reason-required': field('required', 'must say why the audit is rescheduled', 'phải nêu lý do đổi thời gian cuộc đánh giá'),
} satisfies Record<string, Entry<any>>

export type ProblemCode = keyof typeof PROBLEM_MESSAGES
/** The params a code's text takes (`void` when it takes none). */
export type ParamsOf<C extends ProblemCode> = (typeof PROBLEM_MESSAGES)[C] extends Entry<infer P> ? P : never
/** The codes of field messages (entries with a `field` code). */
export type FieldMessage = { [C in ProblemCode]: (typeof PROBLEM_MESSAGES)[C] extends { field: string } ? C : never }[ProblemCode]

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_MESSAGES, code)

/** The text of `code` in `lang`, built from `params`; `ctx` gives the problem's field errors, already in `lang`. */
export function renderMessage(code: ProblemCode, params: unknown, lang: Lang, ctx: TextContext = { errors: [], fields: '' }): string {
  const entry = PROBLEM_MESSAGES[code] as Entry<unknown>
  const t = entry[lang]
  return typeof t === 'string' ? t : t((params ?? {}) as never, ctx)
}

/**
 * The language of a request from its Accept-Language header: the first of `vi` and `en`
 * in the client's order of preference; English when the header is absent or names
 * neither (API clients written before the localisation read English).
 */
export function languageOf(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header.join(',') : header
  if (!value) return 'en'
  const ranked = value
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';')
      const q = rest.map((r) => /^\s*q=([0-9.]+)\s*$/i.exec(r)?.[1]).find(Boolean)
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i }
    })
    .filter((t) => t.q > 0 && (t.lang === 'vi' || t.lang === 'en'))
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return (ranked[0]?.lang as Lang | undefined) ?? 'en'
}

