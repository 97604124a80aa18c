/** Full-width digits and punctuation → half-width (users paste from Word and WPS). */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

// Phone numbers are read by the engine's one rule (`parse_field`, kind `phone`): see ParsedField.

type Cb = (e?: Error) => void

/** Trims every string; empty strings become null (the engine's "not given"). */
export function blankToNull<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') {
      const t = v.trim()
      out[k] = t === '' ? null : t
    } else out[k] = v
  }
  return out as T
}

/** Why an 18-digit 身份证号 is wrong (same rules as the engine), or null when it is fine or empty. */
export function idNumberProblem(raw: string): string | null {
  const v = toHalfWidth(raw).replace(/\s/g, '').toUpperCase()
  if (!v) return null
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为18位（前17位为数字，末位为数字或X）'
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = W.reduce((acc, w, i) => acc + Number(v[i]) * w, 0)
  if ('10X98765432'[sum % 11] !== v[17]) return '身份证号校验位不对，请核对是否抄错'
  return null
}

export function idNumberValidator(_rule: unknown, value: unknown, cb: Cb) {
  const p = typeof value === 'string' ? idNumberProblem(value) : null
  if (p) cb(new Error(p))
  else cb()
}
