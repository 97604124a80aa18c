// The save of a form, one way everywhere: busy while the engine works; a refusal marks each field
// it names (`field_errors`) and says why in a message; success is the caller's to announce.
import type { Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { fieldErrorMap, toApiError } from '../api'

/** Runs `work`; resolves true when it went through, false when the engine refused it. */
export async function submitForm(
  busy: Ref<boolean>,
  errors: Ref<Record<string, string>>,
  work: () => Promise<void>,
): Promise<boolean> {
  busy.value = true
  errors.value = {}
  try {
    await work()
    return true
  } catch (e) {
    const err = toApiError(e)
    errors.value = fieldErrorMap(err)
    ElMessage.error(err.message)
    return false
  } finally {
    busy.value = false
  }
}
