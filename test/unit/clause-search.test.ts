import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { listIsoClauses } from '../../server/modules/iso-clauses/service.ts'
import { foldText, searchClauses } from '../../web/app/clause-search.ts'

const clauses = listIsoClauses().items
const found = (query: string) => searchClauses(clauses, query).map((c) => c.number)

test('text is folded: no case, no Vietnamese diacritics, đ as d', () => {
  assert.is(foldText('  Kiểm SOÁT  thông tin, dạng văn bản '), 'kiem soat thong tin dang van ban')
  assert.is(foldText('Đánh giá nội bộ'), 'danh gia noi bo')
})

test('a number finds that clause and the clauses under it, in the order of the standard', () => {
  assert.equal(found('8.5'), ['8.5', '8.5.1', '8.5.2', '8.5.3', '8.5.4', '8.5.5', '8.5.6'])
  assert.equal(found('7.1.5.'), ['7.1.5.1', '7.1.5.2'])
  assert.equal(found(' 10.2.1 '), ['10.2.1'])
  assert.equal(found('12.1'), [])
})

test('words find titles in Vietnamese or English, typed without diacritics or in capitals', () => {
  assert.equal(found('danh gia noi bo'), ['9.2', '9.2.1'])
  assert.equal(found('Đánh giá nội bộ'), ['9.2', '9.2.1'])
  assert.equal(found('CONTROL of documented'), ['7.5.3'])
  assert.equal(found('hanh dong khac phuc'), ['10.2', '10.2.1', '10.2.2'])
  assert.ok(found('kiem soat').length > 5, 'every clause about control')
})

test('the 2008 words for documents and records find documented information', () => {
  assert.equal(found('kiem soat tai lieu'), ['7.5.3'])
  assert.equal(found('control of records'), ['7.5.3'])
})

test('a number and words narrow each other; a blank query is every clause', () => {
  assert.equal(found('8 kiem soat thay doi'), ['8.5.6'])
  assert.is(found('  ').length, clauses.length)
})

test.run()
