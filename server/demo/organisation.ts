/**
 * The demo organisation: the Management Board of Industrial Zones from the seed report
 * (shared/seed/cchc-report-2020-h1.vi.txt), its departments, one user per role and a
 * few civil servants who are only inspected.
 */
import type { Db } from '../../db/client.ts'
import { orgUnits, users, type Role } from '../../db/schema/index.ts'
import { hashPassword } from '../lib/passwords.ts'

export const DEMO_PASSWORD = 'demo1234'

export const DEMO_USERS: { username: string; role: Role; description: string }[] = [
  { username: 'admin', role: 'admin', description: 'administrator' },
  { username: 'manager', role: 'manager', description: 'board leadership' },
  { username: 'auditor', role: 'auditor', description: 'internal auditor / inspector' },
  { username: 'head', role: 'dept_head', description: 'head of the Office (Văn phòng)' },
  { username: 'staff', role: 'staff', description: 'civil servant at the reception desk' },
]

interface UnitSeed {
  key: string
  code: string
  name: string
  parent?: string
}

const UNITS: UnitSeed[] = [
  { key: 'board', code: 'BQL', name: 'Ban Quản lý các khu công nghiệp' },
  { key: 'office', code: 'VP', name: 'Văn phòng', parent: 'board' },
  { key: 'reception', code: 'TNTKQ', name: 'Bộ phận Tiếp nhận và Trả kết quả', parent: 'office' },
  { key: 'enterprise', code: 'QLDN', name: 'Phòng Quản lý doanh nghiệp', parent: 'board' },
  { key: 'investment', code: 'QLĐT', name: 'Phòng Quản lý đầu tư', parent: 'board' },
  { key: 'planning', code: 'QLQHXD', name: 'Phòng Quản lý quy hoạch và xây dựng', parent: 'board' },
  { key: 'environment', code: 'QLMT', name: 'Phòng Quản lý tài nguyên và môi trường', parent: 'board' },
  { key: 'infrastructure', code: 'CTHT', name: 'Công ty Phát triển hạ tầng các khu công nghiệp', parent: 'board' },
]

interface PersonSeed {
  username: string
  fullName: string
  position: string
  unit: string
  roles: Role[]
  signsIn: boolean
}

const PEOPLE: PersonSeed[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', position: 'Chuyên viên công nghệ thông tin', unit: 'office', roles: ['admin'], signsIn: true },
  { username: 'manager', fullName: 'Nguyễn Văn Minh', position: 'Phó Trưởng ban', unit: 'board', roles: ['manager'], signsIn: true },
  { username: 'auditor', fullName: 'Trần Thị Lan', position: 'Chuyên viên, kiểm tra viên nội bộ', unit: 'board', roles: ['auditor'], signsIn: true },
  { username: 'head', fullName: 'Lê Văn Hùng', position: 'Chánh Văn phòng', unit: 'office', roles: ['dept_head'], signsIn: true },
  { username: 'staff', fullName: 'Phạm Thị Thu', position: 'Công chức Bộ phận Tiếp nhận và Trả kết quả', unit: 'reception', roles: ['staff'], signsIn: true },
  { username: 'hoang.van.nam', fullName: 'Hoàng Văn Nam', position: 'Công chức Bộ phận Tiếp nhận và Trả kết quả', unit: 'reception', roles: ['staff'], signsIn: false },
  { username: 'vo.thi.mai', fullName: 'Võ Thị Mai', position: 'Chuyên viên Văn phòng', unit: 'office', roles: ['staff'], signsIn: false },
  { username: 'dang.quoc.bao', fullName: 'Đặng Quốc Bảo', position: 'Trưởng phòng Quản lý doanh nghiệp', unit: 'enterprise', roles: ['dept_head'], signsIn: false },
  { username: 'bui.thi.hoa', fullName: 'Bùi Thị Hoa', position: 'Chuyên viên Phòng Quản lý doanh nghiệp', unit: 'enterprise', roles: ['staff'], signsIn: false },
  { username: 'ngo.thanh.son', fullName: 'Ngô Thanh Sơn', position: 'Chuyên viên Phòng Quản lý đầu tư', unit: 'investment', roles: ['staff'], signsIn: false },
  { username: 'duong.minh.tuan', fullName: 'Dương Minh Tuấn', position: 'Chuyên viên Phòng Quản lý quy hoạch và xây dựng', unit: 'planning', roles: ['staff'], signsIn: false },
]

export interface DemoOrganisation {
  units: Record<string, string>
  users: Record<string, string>
}

export async function seedOrganisation(db: Db): Promise<DemoOrganisation> {
  const units: Record<string, string> = {}
  const paths: Record<string, string> = {}
  for (const unit of UNITS) {
    const id = crypto.randomUUID()
    const path = `${unit.parent ? paths[unit.parent] : '/'}${id}/`
    await db.insert(orgUnits).values({ id, code: unit.code, name: unit.name, parentId: unit.parent ? units[unit.parent] : null, path })
    units[unit.key] = id
    paths[unit.key] = path
  }
  // One hash for all demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const inserted = await db
    .insert(users)
    .values(
      PEOPLE.map((p) => ({
        username: p.username,
        fullName: p.fullName,
        position: p.position,
        orgUnitId: units[p.unit],
        roles: p.roles,
        passwordHash: p.signsIn ? passwordHash : null,
      })),
    )
    .returning({ id: users.id, username: users.username })
  return { units, users: Object.fromEntries(inserted.map((u) => [u.username, u.id])) }
}
