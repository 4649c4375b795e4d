export const orgUnits = {
  'orgUnits.title': 'Đơn vị',
  'orgUnits.intro': 'Cơ cấu tổ chức: Ban, các phòng, bộ phận và đơn vị trực thuộc. Đơn vị không bị xóa mà được ngừng hoạt động.',
  'orgUnits.new': 'Thêm đơn vị',
  'orgUnits.editTitle': 'Sửa đơn vị',
  'orgUnits.newTitle': 'Đơn vị mới',
  'orgUnits.code': 'Mã đơn vị',
  'orgUnits.codeHint': 'Mã ngắn, không trùng, ví dụ VP.',
  'orgUnits.name': 'Tên đơn vị',
  'orgUnits.parent': 'Trực thuộc',
  'orgUnits.topLevel': '— Cấp cao nhất —',
  'orgUnits.activeLabel': 'Đang hoạt động',
}
