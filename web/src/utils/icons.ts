// Menu icons come from the server as names; accept Element Plus icon names in
// any case ("Setting", "setting", "el-icon-setting") and a few area keys.
import type { Component } from 'vue'
import * as Icons from '@element-plus/icons-vue'

const ICONS: Record<string, Component> = Icons

const BY_KEY: Record<string, string> = {
  system: 'Setting',
  home: 'HomeFilled',
  org: 'OfficeBuilding',
  orgs: 'OfficeBuilding',
  role: 'Stamp',
  roles: 'Stamp',
  user: 'User',
  users: 'User',
  audit: 'Document',
  'audit-logs': 'Document',
  'sms-messages': 'Message',
  'login-logs': 'Tickets',
  sms: 'Message',
  'watch-list': 'Warning',
  industry: 'OfficeBuilding',
  approval: 'Stamp',
  todo: 'Bell',
  licence: 'Postcard',
  licensing: 'Postcard',
  exam: 'Reading',
  map: 'MapLocation',
  stats: 'DataAnalysis',
  supervision: 'View',
  associations: 'Connection',
  companies: 'Shop',
  'inhouse-units': 'House',
  'training-units': 'Reading',
  guards: 'Avatar',
  'good-deeds': 'Medal',
  portal: 'Briefcase',
  'portal-company': 'Postcard',
  'portal-guards': 'Avatar',
  'portal-good-deeds': 'Medal',
  'portal-applications': 'EditPen',
  'portal-messages': 'Bell',
  'flagged-persons': 'Warning',
  'portal-flagged-guards': 'Warning',
}

function pascal(s: string): string {
  return s
    .replace(/^el-icon-/, '')
    .split(/[-_\s]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
}

export function resolveIcon(name?: string, key?: string, fallback?: string): Component {
  const candidates = [name, name && pascal(name), name && BY_KEY[name], key && BY_KEY[key], key && pascal(key), fallback, fallback && pascal(fallback)]
  for (const cand of candidates) {
    if (cand && ICONS[cand]) return ICONS[cand]
  }
  return Icons.Menu
}
