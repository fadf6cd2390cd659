// Row actions behind a confirmation box (删除, 重置密码, 启用/停用 …).
import { ElMessage, ElMessageBox } from 'element-plus'

/**
 * Ask in a warning box (confirmText / 取消), then run `action` and show `done`.
 * Resolves true when it was done; false when cancelled or when the action failed (the http layer showed why).
 * `danger` paints the confirm button red.
 */
export async function confirmThen(
  message: string,
  title: string,
  action: () => Promise<unknown>,
  done: string,
  { confirmText = '确定', danger = false }: { confirmText?: string; danger?: boolean } = {},
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning', confirmButtonText: confirmText, cancelButtonText: '取消', ...(danger ? { confirmButtonClass: 'el-button--danger' } : {}),
    })
  } catch {
    return false
  }
  try {
    await action()
    ElMessage.success(done)
    return true
  } catch {
    return false
  }
}

/** 删除确认 → `action` → 删除成功 */
export const confirmDelete = (message: string, action: () => Promise<unknown>) =>
  confirmThen(message, '删除确认', action, '删除成功', { confirmText: '删除', danger: true })
