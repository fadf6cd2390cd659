// 获取验证码 on a public form (单位/个人注册, 市民投诉建议): the mobile field checked first, the code sent, then a
// 60-second countdown before the next send (also after the server's 429). A server error about the mobile
// lands on that field; any other is shown as a message.
import { ref } from 'vue'
import { useCountdown } from './useCountdown'
import { ElMessage } from 'element-plus'
import { apiError } from '@/api/http'
import { normalizeMobile } from '@/utils/validators'

export interface SmsCodeOptions {
  /** the mobile as typed, and whether the form accepts it (the form's own rule, e.g. validateField) */
  mobile: () => string
  validate: () => Promise<boolean>
  send: (mobile: string) => Promise<unknown>
  /** after a send: what the page says (e.g. the masked number) */
  sent?: (mobile: string) => void
  /** the server's message about the mobile, shown on the page's mobile field */
  mobileError: (message: string) => Promise<void> | void
}

export function useSmsCode(o: SmsCodeOptions) {
  const sending = ref(false)
  const { countdown, startCountdown } = useCountdown()

  async function sendCode() {
    if (!(await o.validate())) return
    const m = normalizeMobile(o.mobile())
    if ('error' in m) return
    sending.value = true
    try {
      await o.send(m.mobile)
      o.sent?.(m.mobile)
      startCountdown()
    } catch (e) {
      const err = apiError(e)
      if (err?.fields.mobile) await o.mobileError(err.fields.mobile)
      else ElMessage.error({ message: err?.message || '验证码发送失败', grouping: true })
      if (err?.status === 429) startCountdown()
    } finally {
      sending.value = false
    }
  }
  return { sending, countdown, sendCode }
}
