import { str } from '@lit/localize'

/** Vietnamese for the periodic report page. */
export const reports = {
  'reports.title': 'Báo cáo công tác cải cách hành chính',
  'reports.intro': 'Được viết từ số liệu của kỳ báo cáo: thủ tục, hồ sơ, khiếu nại, kiểm tra công vụ, sự không phù hợp và việc chuyển đổi hệ thống quản lý chất lượng.',
  'reports.notAllowed': 'Báo cáo dành cho lãnh đạo, kiểm tra viên và trưởng đơn vị.',
  'reports.preset.lastH2': str`6 tháng cuối năm ${0}`,
  'reports.preset.lastYear': str`Năm ${0}`,
  'reports.print': 'Mở để in (A4)',
  'reports.pdf': 'Tải PDF',
  'reports.docx': 'Tải DOCX (Word)',
  'reports.xlsx': 'Tải XLSX',
  'reports.preview': 'Nội dung báo cáo',
  'reports.tableXlsx': 'Bảng này (XLSX)',
  'reports.tableCsv': 'Bảng này (CSV)',
}
