import { describe, expect, it } from 'vitest'
import {
  cellError,
  errorRowCount,
  progressPercent,
  progressText,
  resultLine,
  rowLevelErrors,
  rowText,
} from './importPreview'

const err = (row: number, column: string, message: string) => ({ sheet: '代表名册', row, column, message })

describe('import preview', () => {
  it('puts an error on the cell whose header it names', () => {
    const row = { errors: [err(9, '出生年月', '第9行「出生年月」无法识别：1979年13月')] }
    expect(cellError(row, '出生年月')).toBe('第9行「出生年月」无法识别：1979年13月')
    expect(cellError(row, '代表姓名')).toBe('')
    expect(cellError({ errors: [err(9, '', '整行有误')] }, '')).toBe('')
  })
  it('joins two errors of one cell', () => {
    const row = { errors: [err(3, '手机', 'a'), err(3, '手机', 'b')] }
    expect(cellError(row, '手机')).toBe('a；b')
  })
  it('keeps the errors no column shows', () => {
    const row = { errors: [err(4, '', '整行有误'), err(4, '身份证号', 'x'), err(4, '手机', 'y')] }
    expect(rowLevelErrors(row, ['手机'])).toEqual(['整行有误', 'x'])
  })
  it('counts rows, not errors', () => {
    const errors = [err(9, '出生年月', 'a'), err(9, '手机', 'b'), err(11, '手机', 'c')]
    expect(errorRowCount({ errors, rows: [] })).toBe(2)
    expect(errorRowCount({ errors: [], rows: [] })).toBe(0)
    expect(errorRowCount({ errors: [err(0, '', '找不到表头')], rows: [] })).toBe(1)
  })
  it('says what was imported', () => {
    expect(resultLine({ added: 6, updated: 0, unchanged: 1, skipped: 2 })).toBe(
      '已导入：新增 6，更新 0，未变 1，跳过出错行 2',
    )
    expect(rowText(9)).toBe('第9行')
    expect(rowText(0)).toBe('—')
  })
})

describe('import progress', () => {
  it('fills the bar stage by stage and says where it is', () => {
    expect(progressPercent(null)).toBeNull()
    expect(progressPercent({ stage: '读取文件', done: 0, total: 1 })).toBe(0)
    expect(progressPercent({ stage: '检查数据', done: 50, total: 100 })).toBe(30)
    expect(progressPercent({ stage: '写入数据', done: 100, total: 100 })).toBe(100)
    expect(progressPercent({ stage: '写入数据', done: 0, total: 0 })).toBeNull()
    expect(progressText({ stage: '写入数据', done: 1200, total: 100000 })).toBe('写入数据 1200 / 100000 行')
    expect(progressText({ stage: '读取文件', done: 0, total: 1 })).toBe('正在读取文件…')
  })
})
