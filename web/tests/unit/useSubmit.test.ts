// useSubmit: the busy flag and the steps of every dialog's 保存 (send, success message, done; a failure to `failed`).
import { describe, expect, test, vi } from 'vitest'
import { ElMessage, type FormInstance } from 'element-plus'
import { ApiError } from '@/api/http'
import { formValid, useSubmit } from '@/composables/useSubmit'
import { deferred } from './deferred'

describe('useSubmit', () => {
  test('busy while sending and while done runs; the message after the answer, before done', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const { saving, submit } = useSubmit()
    const answer = deferred<{ id: number }>()
    const reload = deferred<void>()
    const order: string[] = []
    const running = submit(() => answer.promise, {
      success: (a) => `已保存 ${a.id}`,
      done: async (a) => {
        order.push(`done ${a.id} (saving ${saving.value})`)
        await reload.promise
      },
    })
    expect(saving.value).toBe(true)
    expect(success).not.toHaveBeenCalled()
    answer.resolve({ id: 7 })
    await vi.waitFor(() => expect(order).toEqual(['done 7 (saving true)']))
    expect(success).toHaveBeenCalledWith('已保存 7')
    expect(saving.value).toBe(true)
    reload.resolve()
    expect(await running).toBe(true)
    expect(saving.value).toBe(false)
  })

  test('a fixed message, or one with options; none when left out', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const { submit } = useSubmit()
    await submit(async () => 1, { success: '已添加' })
    await submit(async () => 'A1', { success: (account) => ({ message: `账号 ${account}`, duration: 5000 }) })
    await submit(async () => 2)
    expect(success.mock.calls).toEqual([['已添加'], [{ message: '账号 A1', duration: 5000 }]])
  })

  test('send resolving false sent nothing: no message, no done', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const done = vi.fn()
    const { saving, submit } = useSubmit()
    expect(await submit(async () => false, { success: '已提交', done })).toBe(false)
    expect(success).not.toHaveBeenCalled()
    expect(done).not.toHaveBeenCalled()
    expect(saving.value).toBe(false)
  })

  test('a failed request goes to failed with its ApiError (field errors); no message, no done', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const done = vi.fn()
    const failed = vi.fn()
    const { saving, submit } = useSubmit()
    const err = new ApiError(422, 'validation', '填写的信息有误', { name: '名称不能为空' })
    expect(await submit(async () => { throw err }, { success: '已保存', done, failed })).toBe(false)
    expect(failed).toHaveBeenCalledWith(err)
    expect(failed.mock.calls[0][0].fields).toEqual({ name: '名称不能为空' })
    expect(success).not.toHaveBeenCalled()
    expect(done).not.toHaveBeenCalled()
    expect(saving.value).toBe(false)
  })

  test('any other error reaches failed as null; a failure in done too; without failed it is dropped', async () => {
    vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const failed = vi.fn()
    const { saving, submit } = useSubmit()
    await submit(async () => { throw new TypeError('x') }, { failed })
    const reloadErr = new ApiError(500, '500', '服务器内部错误')
    await submit(async () => 1, { done: () => Promise.reject(reloadErr), failed })
    expect(failed.mock.calls).toEqual([[null], [reloadErr]])
    await expect(submit(async () => { throw new Error('dropped') })).resolves.toBe(false)
    expect(saving.value).toBe(false)
  })

  test('a second submit while one runs is ignored', async () => {
    vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }))
    const { submit } = useSubmit()
    const answer = deferred<number>()
    const send = vi.fn(() => answer.promise)
    const first = submit(send)
    expect(await submit(send)).toBe(false)
    expect(send).toHaveBeenCalledTimes(1)
    answer.resolve(1)
    expect(await first).toBe(true)
    await submit(send)
    expect(send).toHaveBeenCalledTimes(2)
  })
})

describe('formValid', () => {
  test('true when the rules pass or there is no form yet, false when validate rejects', async () => {
    const form = (ok: boolean) => ({ validate: () => (ok ? Promise.resolve(true) : Promise.reject({ name: [] })) }) as unknown as FormInstance
    expect(await formValid(form(true))).toBe(true)
    expect(await formValid(form(false))).toBe(false)
    expect(await formValid(undefined)).toBe(true)
  })
})
