// Uploaded files (POST /files, GET /files/{id}): for now the JPG/PNG photos of guards.
import http from './http'

export const PHOTO_TYPES = ['image/jpeg', 'image/png']
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

/**
 * Upload one File/Blob as the raw request body; resolves to {id, name, size, sha256, contentType}.
 * Quiet: the caller shows the (Chinese) server message where the user chose the file.
 */
export const uploadFile = (file, opts = {}) =>
  http.post('/files', file, {
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name || 'file'),
    },
    timeout: 120000,
    quiet: true,
    ...opts,
  })

/** The URL of a stored file for <img src> (same base as the axios client; the session cookie goes along). */
export const fileUrl = (id) => (id ? `${http.defaults.baseURL}/files/${encodeURIComponent(id)}` : '')
