/**
 * Vietnamese public holidays for 2019–2021 as the government announced them for civil
 * servants: New Year, Tết (lunar new year, entered as the fixed dates of each year),
 * the Hùng Kings' commemoration (10th of the 3rd lunar month), 30 April, 1 May and
 * National Day, with the compensatory days off and the Saturdays worked in exchange.
 */
import type { Db } from '../../db/client.ts'
import { calendarDays, type CalendarDayKind } from '../../db/schema/index.ts'

const H = 'holiday' as const
const W = 'working_day' as const

export const DEMO_CALENDAR: { date: string; kind: CalendarDayKind; name: string }[] = [
  // 2019
  { date: '2018-12-31', kind: H, name: 'Nghỉ Tết Dương lịch 2019 (hoán đổi, làm bù thứ Bảy 05/01/2019)' },
  { date: '2019-01-01', kind: H, name: 'Tết Dương lịch' },
  { date: '2019-01-05', kind: W, name: 'Làm bù cho ngày nghỉ 31/12/2018' },
  { date: '2019-02-04', kind: H, name: 'Tết Nguyên đán Kỷ Hợi (30 tháng Chạp)' },
  { date: '2019-02-05', kind: H, name: 'Tết Nguyên đán Kỷ Hợi (mùng 1)' },
  { date: '2019-02-06', kind: H, name: 'Tết Nguyên đán Kỷ Hợi (mùng 2)' },
  { date: '2019-02-07', kind: H, name: 'Tết Nguyên đán Kỷ Hợi (mùng 3)' },
  { date: '2019-02-08', kind: H, name: 'Tết Nguyên đán Kỷ Hợi (mùng 4)' },
  { date: '2019-04-15', kind: H, name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 14/4)' },
  { date: '2019-04-29', kind: H, name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2019)' },
  { date: '2019-04-30', kind: H, name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2019-05-01', kind: H, name: 'Ngày Quốc tế Lao động' },
  { date: '2019-05-04', kind: W, name: 'Làm bù cho ngày nghỉ 29/4/2019' },
  { date: '2019-09-02', kind: H, name: 'Quốc khánh' },
  // 2020
  { date: '2020-01-01', kind: H, name: 'Tết Dương lịch' },
  { date: '2020-01-23', kind: H, name: 'Tết Nguyên đán Canh Tý (29 tháng Chạp)' },
  { date: '2020-01-24', kind: H, name: 'Tết Nguyên đán Canh Tý (30 tháng Chạp)' },
  { date: '2020-01-27', kind: H, name: 'Tết Nguyên đán Canh Tý (mùng 3)' },
  { date: '2020-01-28', kind: H, name: 'Tết Nguyên đán Canh Tý (mùng 4)' },
  { date: '2020-01-29', kind: H, name: 'Tết Nguyên đán Canh Tý (mùng 5)' },
  { date: '2020-04-02', kind: H, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2020-04-30', kind: H, name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2020-05-01', kind: H, name: 'Ngày Quốc tế Lao động' },
  { date: '2020-09-02', kind: H, name: 'Quốc khánh' },
  // 2021
  { date: '2021-01-01', kind: H, name: 'Tết Dương lịch' },
  { date: '2021-02-10', kind: H, name: 'Tết Nguyên đán Tân Sửu (29 tháng Chạp)' },
  { date: '2021-02-11', kind: H, name: 'Tết Nguyên đán Tân Sửu (30 tháng Chạp)' },
  { date: '2021-02-12', kind: H, name: 'Tết Nguyên đán Tân Sửu (mùng 1)' },
  { date: '2021-02-15', kind: H, name: 'Tết Nguyên đán Tân Sửu (mùng 4)' },
  { date: '2021-02-16', kind: H, name: 'Tết Nguyên đán Tân Sửu (mùng 5)' },
  { date: '2021-04-21', kind: H, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2021-04-30', kind: H, name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2021-05-03', kind: H, name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5 rơi vào thứ Bảy)' },
  { date: '2021-09-02', kind: H, name: 'Quốc khánh' },
  { date: '2021-09-03', kind: H, name: 'Quốc khánh (ngày liền kề)' },
]

export async function seedCalendar(db: Db): Promise<void> {
  await db.insert(calendarDays).values(DEMO_CALENDAR)
}
