// File downloads through the API (exports, import templates): the session cookie goes along, the
// file name comes from Content-Disposition (RFC 5987 filename* for Chinese names).
import { ElMessage } from 'element-plus'
import http, { apiError } from '@/api/http'

/** The file name of a Content-Disposition header, or `fallback`. */
export function fileNameOf(contentDisposition: string | null | undefined, fallback: string): string {
  const cd = contentDisposition || ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd)
  if (star) {
    try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')) } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd)
  if (plain) {
    try { return decodeURIComponent(plain[1].trim()) } catch { return plain[1].trim() }
  }
  return fallback
}

async function messageOf(e: unknown): Promise<string> {
  // the body of a failed blob request is still JSON ({"error": {...}}): read it for the message
  const err = apiError(e)
  if (err?.data instanceof Blob) {
    try {
      const j = JSON.parse(await err.data.text()) as { error?: { message?: string } }
      if (j.error?.message) return j.error.message
    } catch { /* not JSON */ }
  }
  return err?.message || '下载失败'
}

/**
 * GET `url` (under /api/v1) with `params` and save the answer as a file.
 * Resolves 'ok' or 'failed' (the server's message is shown).
 */
export async function downloadFile(url: string, params: Record<string, unknown>, { fallbackName = 'download.xlsx' } = {}): Promise<'ok' | 'failed'> {
  try {
    const res = await http.download(url, { params, quiet: true, timeout: 300000 })
    const name = fileNameOf(res.headers['content-disposition'] as string | undefined, fallbackName)
    const blob = res.data instanceof Blob ? res.data : new Blob([res.data])
    const href = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = href
    a.download = name
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(href), 10000)
    return 'ok'
  } catch (e) {
    if (apiError(e)?.status !== 401) ElMessage.error({ message: await messageOf(e), grouping: true })
    return 'failed'
  }
}
