/** `全国` stays, others get 级: 县 → 县级. */
export function levelLabel(l: string): string {
  return l === '全国' ? '全国' : `${l}级`
}

/** Tag colour per level, highest first. */
export function levelTagType(l: string): 'danger' | 'warning' | 'success' | 'primary' | 'info' {
  return ({ 全国: 'danger', 省: 'warning', 市: 'success', 县: 'primary' } as const)[l as '全国'] ?? 'info'
}

export function statusTagType(status: string, active: boolean): 'success' | 'info' | 'warning' | 'danger' {
  if (!active) return 'info'
  if (status === '在任') return 'success'
  if (status === '暂停执行代表职务') return 'warning'
  return 'danger'
}
