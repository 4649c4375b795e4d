import { str } from '@lit/localize'

export const notifications = {
  'notifications.title': 'Thông báo',
  'notifications.bellUnread': str`Thông báo: ${0} chưa đọc`,
  'notifications.readAll': 'Đánh dấu đã đọc tất cả',
  'notifications.empty': 'Không có thông báo.',
  'notifications.all': 'Tất cả thông báo',
  'notifications.unreadOnly': 'Chỉ thông báo chưa đọc',
  'notification.ncRaised': str`${0} được ghi nhận đối với ${1}: ${2}`,
  'notification.actionAssigned': str`${0}: bạn được giao một hành động, hạn ${1}: ${2}`,
  'notification.actionDueSoon': str`${0}: hành động của bạn sắp đến hạn (${1}): ${2}`,
  'notification.actionOverdue': str`${0}: hành động của bạn đã quá hạn (hạn ${1}): ${2}`,
  'notification.actionEscalated': str`${0}: một hành động của ${1} đã quá hạn ${2} ngày: ${3}`,
  'notification.ncDueSoon': str`${0} cần được đóng trước ngày ${1}: ${2}`,
  'notification.ncOverdue': str`${0} đã quá hạn (hạn ${1}): ${2}`,
  'notification.ncEscalated': str`${0} của ${1} đã quá hạn ${2} ngày: ${3}`,
  'notification.ncActionsDone': str`${0}: mọi hành động đã xong; hãy gửi kiểm tra hiệu lực`,
  'notification.ncVerificationRequested': str`${0} chờ kiểm tra hiệu lực: ${1}`,
  'notification.ncVerified': str`${0}: hành động đã được xác nhận có hiệu lực; có thể đóng`,
  'notification.ncNotEffective': str`${0}: hành động được đánh giá không có hiệu lực: ${1}`,
  'notification.ncClosed': str`${0} đã được đóng: ${1}`,
  'notification.ncCancelled': str`${0} đã bị hủy: ${1}`,
}
