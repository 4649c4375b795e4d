/**
 * The problem `title` (RFC 9457: a short summary of the kind of problem) in Vietnamese.
 * The English title is what the server code names, and the key here; a request in
 * Vietnamese gets this one, like its `detail`. test/unit/problem-messages checks that
 * every title the server uses has its Vietnamese.
 */
import type { Lang } from './problem-messages.ts'

export const PROBLEM_TITLES_VI: Readonly<Record<string, string>> = {
  'Answer changed by someone else': 'Câu trả lời đã được người khác thay đổi',
  'Cannot be done yet': 'Chưa thực hiện được',
  'Changed by someone else': 'Đã được người khác thay đổi',
  'Client closed the request': 'Người dùng đã hủy yêu cầu',
  Conflict: 'Xung đột',
  'Database unavailable': 'Không kết nối được cơ sở dữ liệu',
  'File too large once unzipped': 'Tệp quá lớn sau khi giải nén',
  'File too large': 'Tệp quá lớn',
  'Idempotency key already used': 'Khóa chống gửi trùng đã được dùng',
  'If-Match required': 'Thiếu phiên bản (If-Match)',
  'Import failed': 'Nhập dữ liệu không thành công',
  'Import interrupted': 'Nhập dữ liệu bị gián đoạn',
  'Import needs too much memory': 'Nhập dữ liệu cần quá nhiều bộ nhớ',
  'Internal error': 'Lỗi hệ thống',
  'Invalid request': 'Yêu cầu không hợp lệ',
  'Method not allowed': 'Phương thức không được phép',
  'Not acceptable': 'Không đáp ứng được định dạng yêu cầu',
  'Not allowed in this state': 'Không thực hiện được ở trạng thái này',
  'Not allowed': 'Không có quyền',
  'Not enough disk space': 'Không đủ dung lượng ổ đĩa',
  'Not found': 'Không tìm thấy',
  'Not ready': 'Chưa sẵn sàng',
  'Not signed in': 'Chưa đăng nhập',
  'Reference not usable': 'Tham chiếu không dùng được',
  'Request body too large': 'Dữ liệu gửi lên quá lớn',
  'Request error': 'Yêu cầu bị lỗi',
  'Request header fields too large': 'Phần đầu yêu cầu quá lớn',
  'Request still running': 'Yêu cầu trước vẫn đang xử lý',
  'Request timeout': 'Hết thời gian chờ yêu cầu',
  'Sign-in failed': 'Đăng nhập không thành công',
  'The file has errors': 'Tệp có lỗi',
  'Too many imports waiting': 'Quá nhiều lượt nhập dữ liệu đang chờ',
  'Too many requests': 'Quá nhiều yêu cầu',
  'Too many rows': 'Quá nhiều dòng',
  'Took too long': 'Xử lý quá lâu',
  'Unsupported file type': 'Loại tệp không được hỗ trợ',
  'Unsupported media type': 'Định dạng dữ liệu không được hỗ trợ',
  'URI too long': 'Địa chỉ yêu cầu quá dài',
  'Use pg_dump': 'Hãy dùng pg_dump',
}

/** The title in `lang` (the English one when no Vietnamese is known). */
export function titleIn(title: string, lang: Lang): string {
  return lang === 'vi' ? (PROBLEM_TITLES_VI[title] ?? title) : title
}
