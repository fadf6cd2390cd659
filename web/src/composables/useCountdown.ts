// A seconds countdown (the wait before an SMS code may be asked for again), stopped when the component
// unmounts. Shared by useSmsCode (sign-up, citizen feedback) and the password-change form.
import { onBeforeUnmount, ref } from 'vue'

export function useCountdown() {
  const countdown = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined
  function startCountdown(seconds = 60) {
    countdown.value = seconds
    clearInterval(timer)
    timer = setInterval(() => {
      countdown.value -= 1
      if (countdown.value <= 0) clearInterval(timer)
    }, 1000)
  }
  onBeforeUnmount(() => clearInterval(timer))
  return { countdown, startCountdown }
}
