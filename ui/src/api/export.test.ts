import { describe, expect, it } from 'vitest'
import { exportQuery, savedMessage } from './export'

describe('exports', () => {
  it('exports every page of the list: paging is dropped, filters and sort stay', () => {
    expect(exportQuery({ q: 'zs', level: '县', sort: 'strokes', desc: true, page: 3, page_size: 20 })).toEqual({
      q: 'zs',
      level: '县',
      sort: 'strokes',
      desc: true,
    })
  })
  it('says where the file went', () => {
    expect(savedMessage({ path: 'D:\\报表\\代表名册-20261122.xlsx', fileName: '代表名册-20261122.xlsx' })).toBe(
      '已导出到 D:\\报表\\代表名册-20261122.xlsx',
    )
    expect(savedMessage({ path: null, fileName: '代表名册-20261122.xlsx' })).toMatch(/^已下载 代表名册-20261122\.xlsx/)
  })
})
