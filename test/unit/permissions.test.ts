import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { can, visibleUnitPaths, type Actor, type Role } from '../../server/lib/permissions.ts'

const actor = (roles: Role[], path: string | null = '/board/office/'): Actor => ({
  userId: 'u', username: 'u', fullName: 'U', roles, orgUnitId: 'office', orgUnitPath: path, via: 'session',
})

test('admins write org units and users; nobody else does', () => {
  assert.ok(can(actor(['admin']), 'org_unit.write'))
  assert.ok(can(actor(['admin']), 'user.write'))
  for (const role of ['manager', 'auditor', 'dept_head', 'staff'] as Role[]) {
    assert.not.ok(can(actor([role]), 'org_unit.write'), role)
    assert.not.ok(can(actor([role]), 'user.write'), role)
  }
})

test('the audit log is for admins and managers', () => {
  assert.ok(can(actor(['manager']), 'audit_log.read'))
  assert.not.ok(can(actor(['auditor']), 'audit_log.read'))
})

test('everyone signed in reads the organisation', () => {
  assert.ok(can(actor(['staff']), 'user.read'))
  assert.equal(visibleUnitPaths(actor(['staff']), 'org_unit.read'), 'all')
})

test('documents: everyone reads, managers approve and withdraw, heads publish in their subtree, staff draft in their own unit', () => {
  const office = { orgUnitPath: '/board/office/' }
  const desk = { orgUnitPath: '/board/office/desk/' }
  const other = { orgUnitPath: '/board/enterprise/' }
  for (const role of ['admin', 'manager', 'auditor', 'dept_head', 'staff'] as Role[]) assert.ok(can(actor([role]), 'document.read'), role)
  assert.ok(can(actor(['manager']), 'document.approve'))
  assert.ok(can(actor(['manager']), 'document.withdraw'))
  for (const role of ['admin', 'auditor', 'dept_head', 'staff'] as Role[]) assert.not.ok(can(actor([role]), 'document.approve', office), role)
  assert.ok(can(actor(['dept_head']), 'document.publish', desk))
  assert.not.ok(can(actor(['dept_head']), 'document.publish', other))
  assert.ok(can(actor(['staff'], '/board/office/desk/'), 'document.draft', desk))
  assert.not.ok(can(actor(['staff'], '/board/office/desk/'), 'document.draft', office))
  assert.not.ok(can(actor(['auditor']), 'document.draft', office))
})

test('nonconformities: heads act in their subtree, auditors and managers verify, staff read their unit', () => {
  const office = { orgUnitPath: '/board/office/' }
  const desk = { orgUnitPath: '/board/office/desk/' }
  const enterprise = { orgUnitPath: '/board/enterprise/' }
  const head = actor(['dept_head'])
  for (const p of ['nonconformity.analyze', 'nonconformity.plan', 'nonconformity.close'] as const) {
    assert.ok(can(head, p, office), p)
    assert.ok(can(head, p, desk), `${p} below`)
    assert.not.ok(can(head, p, enterprise), `${p} elsewhere`)
    assert.ok(can(actor(['manager']), p, enterprise), `${p} manager`)
    assert.not.ok(can(actor(['auditor']), p, office), `${p} auditor`)
  }
  assert.ok(can(actor(['auditor']), 'nonconformity.verify', enterprise))
  assert.not.ok(can(head, 'nonconformity.verify', office))
  assert.not.ok(can(actor(['staff']), 'nonconformity.verify', office))
  const staff = actor(['staff'], '/board/office/desk/')
  assert.ok(can(staff, 'nonconformity.read', desk))
  assert.not.ok(can(staff, 'nonconformity.read', office))
  assert.not.ok(can(staff, 'action.complete', desk), 'staff complete only their own (checked by the service)')
})

test('risks: heads keep their subtree’s, managers all, a risk with no unit is the managers’; staff read their unit', () => {
  const desk = { orgUnitPath: '/board/office/desk/' }
  const enterprise = { orgUnitPath: '/board/enterprise/' }
  const noUnit = { orgUnitPath: null }
  const head = actor(['dept_head'])
  assert.equal([can(head, 'risk.write', desk), can(head, 'risk.write', enterprise), can(head, 'risk.write', noUnit)], [true, false, false])
  assert.equal([can(actor(['manager']), 'risk.write', enterprise), can(actor(['manager']), 'risk.write', noUnit)], [true, true])
  assert.not.ok(can(actor(['auditor']), 'risk.write', desk))
  assert.ok(can(actor(['auditor']), 'risk.read', noUnit))
  const staff = actor(['staff'], '/board/office/desk/')
  assert.equal([can(staff, 'risk.read', desk), can(staff, 'risk.read', enterprise), can(staff, 'risk.write', desk)], [true, false, false])
})

test.run()
