import { str } from '@lit/localize'

export const dashboard = {
  'dashboard.title': 'Tổng quan',
  'dashboard.welcome': str`Xin chào, ${0}.`,
  'dashboard.intro': 'Các chỉ số tuân thủ, sự không phù hợp quá hạn và báo cáo định kỳ sẽ hiển thị tại đây khi các phân hệ được đưa vào sử dụng.',
  'dashboard.yourRoles': 'Vai trò của bạn',
  'dashboard.yourUnit': 'Đơn vị',
  'dashboard.apiDocs': 'Tài liệu API',
}
