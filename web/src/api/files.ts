// Uploaded files (POST /files, GET /files/{id}): the JPG/PNG photos of guards (?accept=image) and,
// later, the PDF/JPG/PNG materials of applications.
import http, { BASE_URL, type RequestOptions } from './http'
import type { StoredFile } from '@/types/api'

export const PHOTO_TYPES = ['image/jpeg', 'image/png']
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

/**
 * Upload one File as the raw request body; resolves to {id, name, size, sha256, contentType}.
 * imagesOnly: JPG/PNG only; idPhoto: a 保安员证 photo, checked by the server (JPG, 358×441, light background:
 * a 422 names the rule it breaks).
 * Quiet: the caller shows the (Chinese) server message where the user chose the file.
 */
export const uploadFile = (file: File, { imagesOnly = false, idPhoto = false, ...opts }: RequestOptions & { imagesOnly?: boolean; idPhoto?: boolean } = {}) =>
  http.post<StoredFile>(idPhoto ? '/files?accept=id_photo' : imagesOnly ? '/files?accept=image' : '/files', file, {
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name || 'file'),
    },
    timeout: 120000,
    quiet: true,
    ...opts,
  })

/** The URL of a stored file for <img src> (same base as the API client; the session cookie goes along). */
export const fileUrl = (id: string | null | undefined): string => (id ? `${BASE_URL}/files/${encodeURIComponent(id)}` : '')
