import type { FieldError } from '../bindings/FieldError'

/** An engine refusal, as docs/API.md defines it. `message` is Chinese, for the user. */
export class ApiError extends Error {
  readonly code: string
  readonly field_errors: FieldError[]
  constructor(code: string, message: string, field_errors: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field_errors = field_errors
  }
  /** The message of one form field, if the engine named it. */
  fieldMessage(field: string): string | undefined {
    return this.field_errors.find((f) => f.field === field)?.message
  }
}

function isFieldError(x: unknown): x is FieldError {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof (x as FieldError).field === 'string' &&
    typeof (x as FieldError).message === 'string'
  )
}

/** Turns whatever a transport rejected with into an ApiError (never throws). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (
    e &&
    typeof e === 'object' &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  ) {
    const o = e as { code: string; message: string; field_errors?: unknown }
    const fe = Array.isArray(o.field_errors) ? o.field_errors.filter(isFieldError) : []
    return new ApiError(o.code, o.message, fe)
  }
  if (typeof e === 'string') {
    // Tauri rejects with a string when the command itself could not run.
    return new ApiError('io', e || '操作失败，请重试。')
  }
  if (e instanceof Error) {
    // the browser's own text (「Failed to fetch」) is English: say what it means
    return new ApiError('io', '无法连接到数据引擎。请确认程序仍在运行后重试。')
  }
  return new ApiError('io', '操作失败，原因未知。请重试；如反复出现，请重新启动程序。')
}

/** Field name → message, for a form's error display. */
export function fieldErrorMap(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (e instanceof ApiError) for (const f of e.field_errors) if (!out[f.field]) out[f.field] = f.message
  return out
}
