/** A menu entry's route path: the server may send "/system/orgs", "system/orgs" or "#/system/orgs". */
export const menuPath = (p) => '/' + String(p || '').replace(/^#?\/*/, '')
