/** A menu entry's route path: the server may send "/system/orgs", "system/orgs" or "#/system/orgs". */
export const menuPath = (p: string | null | undefined): string => '/' + String(p || '').replace(/^#?\/*/, '')
