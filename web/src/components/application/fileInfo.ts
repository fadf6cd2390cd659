// What the editor shows of an uploaded file (name, size, kind) by its id. Uploads answer it at once;
// a saved draft holds only ids, so for those the file's own headers are read (GET /files/{id} is
// aborted as soon as the headers arrived: Content-Disposition, Content-Length, Content-Type).
import { reactive } from 'vue'
import { fileUrl } from '@/api/files'
import { fileNameOf } from '@/utils/download'
import type { StoredFile } from '@/types/api'

export interface FileInfo {
  id: string
  name: string
  size: number | null
  contentType: string
  /** the headers could not be read (gone, no access) */
  missing?: boolean
}

const known = reactive(new Map<string, FileInfo>())
const pending = new Map<string, Promise<FileInfo>>()

export function rememberFile(f: StoredFile): void {
  known.set(f.id, { id: f.id, name: f.name, size: f.size, contentType: f.contentType })
}

/** The info of a file when known (reactive: fills in once `loadFileInfo` resolves). */
export const fileInfo = (id: string): FileInfo | undefined => known.get(id)

export function loadFileInfo(id: string): Promise<FileInfo> {
  const have = known.get(id)
  if (have) return Promise.resolve(have)
  const running = pending.get(id)
  if (running) return running
  const ctl = new AbortController()
  const p = fetch(fileUrl(id), { credentials: 'same-origin', signal: ctl.signal })
    .then((res) => {
      const info: FileInfo = res.ok
        ? {
            id,
            name: fileNameOf(res.headers.get('content-disposition'), `文件 ${id.slice(0, 8)}`),
            size: res.headers.get('content-length') ? Number(res.headers.get('content-length')) : null,
            contentType: (res.headers.get('content-type') || '').split(';')[0],
          }
        : { id, name: `文件 ${id.slice(0, 8)}`, size: null, contentType: '', missing: true }
      ctl.abort()
      return info
    })
    .catch((): FileInfo => ({ id, name: `文件 ${id.slice(0, 8)}`, size: null, contentType: '', missing: true }))
    .then((info) => {
      known.set(id, info)
      pending.delete(id)
      return info
    })
  pending.set(id, p)
  return p
}

export const isImage = (info: FileInfo | undefined): boolean => !!info && /^image\//.test(info.contentType)
export const isPdf = (info: FileInfo | undefined): boolean => !!info && info.contentType === 'application/pdf'
