import { str } from '@lit/localize'

export const mail = {
  'mail.greeting': str`Kính gửi ${0},`,
  'mail.footer': 'Thư này do QMS Tracker gửi tự động. Để chọn những thư muốn nhận, mở:',
  'mail.open': 'Mở trong QMS Tracker',
  'mail.digestSubject': str`QMS Tracker: ${0} thông báo ngày ${1}`,
  'mail.digestIntro': 'Từ bản tổng hợp trước đến nay:',
}
