import { str } from '@lit/localize'

export const backup = {
  'backup.title': 'Sao lưu dữ liệu',
  'backup.lead':
    'Tải về một bản sao toàn bộ cơ sở dữ liệu nhúng trong khi máy chủ vẫn chạy. Trong vài giây khi sao lưu, các thao tác khác phải chờ. Mỗi lần tải đều được ghi vào nhật ký.',
  'backup.restore': 'Khôi phục: dừng máy chủ, chuyển thư mục dữ liệu cũ sang chỗ khác, chạy npm run db:restore -- <tệp> rồi npm start (docs/operations.md, mục Sao lưu).',
  'backup.download': 'Tải bản sao lưu',
  'backup.working': 'Đang sao lưu…',
  'backup.done': str`Đã tải về ${0}`,
}
