// The 保存/提交 of a dialog or a form: one busy flag for its button (:loading) and the steps every submit
// takes — send, the success message, then close / emit / reload while the button still spins; a failure
// goes to `failed` (the http layer has already shown the server's message; `failed` puts its field errors
// on the form) or is dropped.
//   const { saving, submit } = useSubmit()
//   await submit(() => api(body), { success: '保存成功', done: () => { visible.value = false; emit('saved') },
//     failed: (err) => apply(err?.fields) })
import { ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { apiError, type ApiError } from '@/api/http'

/** ElMessage.success's text, or the text with options (a longer duration) */
type SuccessMessage = string | { message: string; duration?: number }

export interface SubmitSteps<T> {
  /** the success message (ElMessage.success), fixed or made from the answer; none when left out or empty */
  success?: SuccessMessage | ((answer: T) => SuccessMessage)
  /** after the message, still busy: close the dialog, emit, reload the list … */
  done?: (answer: T) => unknown
  /** `send` or `done` failed: the ApiError (null for any other error), e.g. its `fields` onto the form */
  failed?: (err: ApiError | null) => unknown
}

export function useSubmit() {
  const saving = ref(false)

  /**
   * Runs `send` with `saving` set (a call while one runs is ignored). `send` resolves to false when it
   * sent nothing (a check of its own stopped it): no message, no `done`. Resolves true when sent and done.
   */
  async function submit<T>(send: () => Promise<T | false>, steps: SubmitSteps<T> = {}): Promise<boolean> {
    if (saving.value) return false
    saving.value = true
    try {
      const answer = await send()
      if (answer === false) return false
      const message = typeof steps.success === 'function' ? steps.success(answer) : steps.success
      if (message) ElMessage.success(message)
      await steps.done?.(answer)
      return true
    } catch (e) {
      await steps.failed?.(apiError(e))
      return false
    } finally {
      saving.value = false
    }
  }

  return { saving, submit }
}

/** Whether the el-form's rules pass (their messages show under the fields); a form not mounted counts as valid. */
export async function formValid(form: FormInstance | undefined): Promise<boolean> {
  try {
    await form?.validate()
    return true
  } catch {
    return false
  }
}
