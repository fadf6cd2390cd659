// File downloads through the API (exports, import templates): the session cookie goes along, the
// file name comes from Content-Disposition (RFC 5987 filename* for Chinese names).
import { ElMessage } from 'element-plus'
import http from '@/api/http'

function fileNameOf(headers, fallback) {
  const cd = (headers && (headers['content-disposition'] || headers['Content-Disposition'])) || ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd)
  if (star) {
    try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')) } catch (_) { /* fall through */ }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd)
  if (plain) {
    try { return decodeURIComponent(plain[1].trim()) } catch (_) { return plain[1].trim() }
  }
  return fallback
}

async function messageOf(e) {
  // the body of a failed blob request is still JSON ({"error": {...}}): read it for the message
  const d = e.data
  if (d && typeof d.text === 'function') {
    try {
      const j = JSON.parse(await d.text())
      if (j && j.error && j.error.message) return j.error.message
    } catch (_) { /* not JSON */ }
  }
  return e.message || '下载失败'
}

/**
 * GET `url` (under /api/v1) with `params` and save the answer as a file.
 * Resolves 'ok' or 'failed' (the server's message is shown).
 */
export async function downloadFile(url, params, { fallbackName = 'download.xlsx' } = {}) {
  try {
    const res = await http.get(url, { params, responseType: 'blob', fullResponse: true, quiet: true, timeout: 300000 })
    const name = fileNameOf(res.headers, fallbackName)
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
    if (e.status !== 401) ElMessage.error({ message: await messageOf(e), grouping: true })
    return 'failed'
  }
}

/** The list params of a useList() instance without paging: the filters an export repeats. */
export function filtersOf(params) {
  const out = { ...params }
  delete out.page
  delete out.size
  return out
}
