/** Vietnamese for the offline app shell (update banner, offline badge, sign-out warning). */
import { str } from '@lit/localize'

export const offline = {
  'nav.offline': 'Ngoại tuyến',
  'nav.offlineHint': 'Không kết nối được máy chủ: bạn đang làm việc với dữ liệu đã lưu trên máy.',
  'nav.signOutUnsynced': str`Có ${0} thay đổi mới chỉ lưu trên máy này, chưa đồng bộ. Đăng xuất sẽ xóa các thay đổi đó. Vẫn đăng xuất?`,
  'offline.updateAvailable': 'Có phiên bản mới — tải lại',
}
