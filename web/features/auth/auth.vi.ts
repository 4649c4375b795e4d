export const auth = {
  'auth.title': 'Đăng nhập',
  'auth.intro': 'Hệ thống quản lý chất lượng ISO 9001:2015 và kiểm tra công vụ.',
  'auth.username': 'Tên đăng nhập',
  'auth.password': 'Mật khẩu',
  'auth.submit': 'Đăng nhập',
  'auth.submitting': 'Đang đăng nhập…',
  'auth.failed': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'auth.throttled': 'Đăng nhập sai quá nhiều lần. Hãy chờ một lúc rồi thử lại.',
  'auth.expired': 'Phiên làm việc đã hết. Hãy đăng nhập lại.',
  'auth.error': 'Không đăng nhập được. Hãy thử lại.',
}
