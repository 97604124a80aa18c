import { describe, expect, it } from 'vitest'
import { stickyOffsets, tableMinWidth, type Column } from './table'

const cols: Column[] = [
  { key: 'rank', label: '排名', width: 52, fixed: 'left' },
  { key: 'name', label: '代表', width: 84, fixed: 'left' },
  { key: 'body', label: '内容', minWidth: 200 },
  { key: 'kind', label: '形式' },
  { key: 'edit', label: '修改', width: 60, fixed: 'right' },
  { key: 'actions', label: '操作', width: 100, fixed: 'right' },
]

describe('DataTable columns', () => {
  it('stacks sticky columns from their own side', () => {
    expect(stickyOffsets(cols)).toEqual([0, 52, undefined, undefined, 100, 0])
  })
  it('is as narrow as its widths and minimum widths allow (80 px for a column with neither)', () => {
    expect(tableMinWidth(cols)).toBe(52 + 84 + 200 + 80 + 60 + 100)
  })
})
