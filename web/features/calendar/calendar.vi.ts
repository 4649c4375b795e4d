import { str } from '@lit/localize'

/** Vietnamese for the working-day calendar. */
export const calendar = {
  'calendar.confirmDelete.heading': str`Xóa ngày ${0} (${1}) khỏi lịch?`,
  'calendar.confirmDelete.consequence': 'Từ nay hạn giải quyết sẽ được tính không có ngày này. Có thể thêm lại ngày này sau.',
  'calendar.deleted': 'Đã xóa khỏi lịch.',
  'calendar.title': 'Lịch ngày làm việc',
  'calendar.intro':
    'Thứ Hai đến thứ Sáu là ngày làm việc, trừ các ngày nghỉ dưới đây; thứ Bảy hoặc Chủ nhật được ghi là ngày làm việc (làm bù) thì tính là ngày làm việc. Hạn giải quyết hồ sơ được tính theo lịch này.',
  'calendar.year': 'Năm',
  'calendar.empty': 'Chưa nhập ngày nghỉ nào cho năm này.',
  'calendar.date': 'Ngày',
  'calendar.kind': 'Loại',
  'calendar.name': 'Tên ngày',
  'calendar.holiday': 'Ngày nghỉ',
  'calendar.workingDay': 'Ngày làm bù',
  'calendar.delete': 'Xóa',
  'calendar.add': 'Thêm ngày',
  'calendar.addButton': 'Thêm',
}
