/// <reference types="vite/client" />
import type { PermissionValue } from './utils/permission'
import type { Directive } from 'vue'

declare module 'vue' {
  interface GlobalDirectives {
    /** v-permission="'org:create'" (or an array: any of them) */
    vPermission: Directive<HTMLElement, PermissionValue>
  }
}
