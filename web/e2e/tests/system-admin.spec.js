// The foundation scenario: an administrator builds org → role → user; the new
// user signs in with the initial password, is forced to change it (SMS code),
// and then sees exactly the menus that the role grants.
import {
  test, expect, field, expectSuccess, ADMIN, shot, login, logout, pickOption, apiAs, makeIdNo, makeMobile, runTag,
  selectTreeOrg, goMenu, fillPasswordChange, latestSmsCode,
} from './fixtures.js'

test.describe.configure({ mode: 'serial' })

const tag = runTag()
const data = {
  orgName: `渭城测试派出所${tag}`,
  roleName: `测试民警角色${tag}`,
  userName: '测试民警',
  policeNo: String(100000 + Math.floor(Math.random() * 899999)),
  idNo: makeIdNo(),
  mobile: makeMobile(),
  newPassword: `Xy@${tag}2026`,
}

const PAGES = { 机构管理: 'orgs', 角色管理: 'roles', 用户管理: 'users', 操作日志: 'audit-logs', 登录日志: 'login-logs', 短信记录: 'sms' }

/** Click a 系统管理 side-menu entry and wait for its page. */
const go = (page, title) => goMenu(page, title, `/system/${PAGES[title]}`)

test('unauthenticated visitors are sent to the login page; wrong password shows the server message', async ({ page }) => {
  await page.goto('./#/system/orgs')
  await expect(page).toHaveURL(/#\/login/)
  await expect(page.getByRole('heading', { name: '保安服务监管信息系统' })).toBeVisible()
  await shot(page, '01-login')
  await login(page, ADMIN.account, 'wrong-Password1')
  await expect(page.locator('[data-test=login-error]')).toContainText('账号或密码错误')
  await shot(page, '02-login-error')
})

test('admin creates an org, a role and a user', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await expect(page.locator('[data-test=side-menu]')).toContainText('机构管理')
  await shot(page, '03-home-admin')

  // ---- 机构管理: new org under 咸阳市公安局 → 渭城分局
  await go(page, '机构管理')
  await expect(page).toHaveURL(/#\/system\/orgs/)
  await expect(page.locator('[data-test=breadcrumb]')).toContainText('机构管理')
  const tree = page.locator('[data-test=org-tree]')
  await expect(tree).toContainText('咸阳市公安局')
  await shot(page, '04-orgs')
  await selectTreeOrg(page, '渭城分局')
  await expect(page.locator('.el-pagination__total')).toContainText('共')

  await page.locator('[data-test=org-add]').click()
  const orgDlg = page.locator('.el-dialog', { hasText: '新增机构' })
  await expect(orgDlg).toBeVisible()
  await expect(field(orgDlg, 'org-parent')).toHaveValue('渭城分局')
  await field(orgDlg, 'org-name').fill(data.orgName)
  // region: 陕西省 / 咸阳市 / 渭城区 (checkStrictly: pick the county's radio)
  await orgDlg.locator('[data-test=region-cascader]').click()
  const panel = page.locator('.el-cascader__dropdown:visible')
  await panel.locator('.el-cascader-node', { hasText: '陕西省' }).click()
  await panel.locator('.el-cascader-node', { hasText: '咸阳市' }).click()
  await panel.locator('.el-cascader-node', { hasText: '渭城区' }).locator('.el-radio').click()
  await page.keyboard.press('Escape')
  await field(orgDlg, 'org-phone').fill('029-33210000')
  await field(orgDlg, 'org-address').fill('咸阳市渭城区测试路1号')
  await pickOption(page, orgDlg.locator('[data-test=org-type]'), '派出所')
  await shot(page, '05-org-dialog')
  await orgDlg.locator('[data-test=org-save]').click()
  await expectSuccess(page, '新增成功')
  await expect(page.locator('[data-test=org-table]')).toContainText(data.orgName)
  await expect(page.locator('[data-test=org-table]')).toContainText('渭城区')
  await expect(tree).toContainText(data.orgName)

  // ---- 角色管理: role in the new org
  await go(page, '角色管理')
  await expect(page).toHaveURL(/#\/system\/roles/)
  await selectTreeOrg(page, data.orgName)
  await page.locator('[data-test=role-add]').click()
  const roleDlg = page.locator('.el-dialog', { hasText: '新增角色信息' })
  await expect(roleDlg).toBeVisible()
  await field(roleDlg, 'role-name').fill(data.roleName)
  await roleDlg.locator('[data-test=role-next]').click()
  await expect(roleDlg.locator('[data-test=perm-row-org]')).toBeVisible()
  await roleDlg.locator('[data-test=perm-row-org] .perm-actions .el-checkbox', { hasText: /^\s*查看\s*$/ }).click()
  await roleDlg.locator('[data-test=perm-row-user] .perm-actions .el-checkbox', { hasText: /^\s*查看\s*$/ }).click()
  await shot(page, '06-role-permissions')
  await roleDlg.locator('[data-test=role-next]').click()
  await roleDlg.locator('[data-test=scope-kinds] .el-radio', { hasText: '所在机构及下级机构数据' }).click()
  await shot(page, '07-role-scope')
  await roleDlg.locator('[data-test=role-save]').click()
  await expectSuccess(page, '新增成功')
  const roleRow = page.locator('[data-test=role-table] .el-table__row', { hasText: data.roleName })
  await expect(roleRow).toContainText('所在机构及下级机构数据')
  await shot(page, '08-roles')

  // ---- 用户管理: police user in the new org with the new role
  await go(page, '用户管理')
  await expect(page).toHaveURL(/#\/system\/users/)
  await selectTreeOrg(page, data.orgName)
  await page.locator('[data-test=user-add]').click()
  const userDlg = page.locator('.el-dialog', { hasText: '添加用户' })
  await expect(userDlg).toBeVisible()
  await expect(userDlg).toContainText('注:业务审批角色和自定义角色至少选一个')
  // client-side checks mirror the server: a wrong check digit is refused
  const badId = data.idNo.slice(0, 17) + (data.idNo[17] === '0' ? '1' : '0')
  await field(userDlg, 'user-name').fill(data.userName)
  await field(userDlg, 'user-police-no').fill(data.policeNo)
  await field(userDlg, 'user-id-no').fill(badId)
  await field(userDlg, 'user-mobile').fill(data.mobile)
  await userDlg.locator('[data-test=user-save]').click()
  await expect(userDlg).toContainText('校验位错误')
  await expect(userDlg.locator('[data-test=user-role-error]')).toBeVisible()
  await field(userDlg, 'user-id-no').fill(data.idNo)
  await pickOption(page, userDlg.locator('[data-test=user-roles]'), data.roleName)
  await page.keyboard.press('Escape')
  await shot(page, '09-user-dialog')
  await userDlg.locator('[data-test=user-save]').click()
  await expectSuccess(page, '新增成功')
  const userRow = page.locator('[data-test=user-table] .el-table__row', { hasText: data.policeNo })
  await expect(userRow).toContainText(data.userName)
  await expect(userRow).toContainText('启用')
  await expect(userRow).toContainText(data.orgName)
  await shot(page, '10-users')

  // ---- logs
  await go(page, '短信记录')
  await field(page, 'search-mobile').fill(data.mobile)
  await page.locator('[data-test=search-btn]').click()
  const sms = page.locator('[data-test=sms-table] .el-table__row').first()
  await expect(sms).toContainText('123456')
  // 用途 and 状态 in the words and colours of the server's dictionaries (smsPurposes, smsStatuses)
  await expect(sms).toContainText('账号开通通知')
  await expect(sms.locator('[data-test=sms-status]')).toHaveText('已发送')
  await expect(sms.locator('[data-test=sms-status]')).toHaveClass(/el-tag--success/)
  await shot(page, '11-sms')
  await go(page, '操作日志')
  await expect(page.locator('[data-test=audit-table] .el-table__row').first()).toBeVisible()
  await pickOption(page, page.locator('[data-test=search-action]'), '新增')
  await pickOption(page, page.locator('[data-test=search-target]'), '用户')
  await page.locator('[data-test=search-btn]').click()
  await expect(page.locator('.el-pagination__total')).toHaveText(/共 1 条/)
  await expect(page.locator('[data-test=audit-table] .el-table__row').first()).toContainText(data.userName)
  await shot(page, '12-audit-logs')
  await go(page, '登录日志')
  await expect(page.locator('[data-test=login-log-table] .el-table__row').first()).toBeVisible()
  await expect(page.locator('[data-test=login-log-table] .el-tag--danger', { hasText: '失败' }).first()).toBeVisible()
  await shot(page, '13-login-logs')

  await logout(page)
})

test('the new user must change the password, then sees only what the role grants', async ({ page, baseURL }) => {
  await login(page, data.policeNo, '123456')
  await expect(page).toHaveURL(/#\/change-password/)
  await expect(page.getByText('修改初始密码')).toBeVisible()
  await shot(page, '14-force-change-password')

  // every other page is out of reach until the password is changed
  await page.goto('./#/system/orgs')
  await expect(page).toHaveURL(/#\/change-password/)

  await page.locator('[data-test=pwd-send-sms]').click()
  await expect(page.locator('[data-test=pwd-sms-sent]')).toContainText('****')
  await expect(page.locator('[data-test=pwd-send-sms]')).toContainText('秒后重新获取')

  // read the code from the SMS log as admin (Bearer, separate request context)
  const code = await latestSmsCode(baseURL, data.mobile)

  // the client refuses a weak password before asking the server
  await fillPasswordChange(page, { old: '123456', password: 'abcdefgh', code })
  await page.locator('[data-test=pwd-submit]').click()
  await expect(page.locator('.el-form-item__error').first()).toContainText('至少3类')

  await field(page, 'pwd-new').fill(data.newPassword)
  await field(page, 'pwd-confirm').fill(data.newPassword)
  await shot(page, '15-force-change-filled')
  await page.locator('[data-test=pwd-submit]').click()
  await expect(page.locator('[data-test=home-welcome]')).toContainText(data.userName)
  await expect(page.locator('[data-test=header-org]')).toContainText(data.orgName)

  const menu = page.locator('[data-test=side-menu]')
  await expect(menu).toContainText('机构管理')
  await expect(menu).toContainText('用户管理')
  await expect(menu).not.toContainText('角色管理')
  await expect(menu).not.toContainText('操作日志')
  await shot(page, '16-home-new-user')

  // 机构管理 is read-only for this role: no 新增 / 编辑 / 删除
  await go(page, '机构管理')
  await selectTreeOrg(page, data.orgName)
  await expect(page.locator('[data-test=org-add]')).toBeHidden()
  await shot(page, '17-orgs-readonly')

  await go(page, '用户管理')
  const ownRow = page.locator('[data-test=user-table] .el-table__row', { hasText: data.policeNo })
  await expect(ownRow).toContainText(data.userName)
  // without user:pii the mobile comes masked
  await expect(ownRow).toContainText(data.mobile.slice(0, 3) + '****' + data.mobile.slice(7))
  await expect(page.locator('[data-test=user-add]')).toBeHidden()

  // a page outside the role → 403 page
  await page.goto('./#/system/roles')
  await expect(page.locator('[data-test=page-403]')).toBeVisible()
  await shot(page, '18-forbidden')
  await page.goto('./#/no/such/page')
  await expect(page.locator('[data-test=page-404]')).toBeVisible()

  await logout(page)

  // the old password is gone, the new one works
  await login(page, data.policeNo, '123456')
  await expect(page.locator('[data-test=login-error]')).toBeVisible()
  await login(page, data.policeNo, data.newPassword)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
})

test('admin edits the org, the role and the user; server field errors show on the form', async ({ page, baseURL }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()

  // ---- edit the org: the region cascader shows the stored path
  await go(page, '机构管理')
  await selectTreeOrg(page, '渭城分局')
  const orgRow = page.locator('[data-test=org-table] .el-table__row', { hasText: data.orgName })
  await orgRow.getByRole('button', { name: '编辑' }).click()
  const orgDlg = page.locator('.el-dialog', { hasText: '编辑机构' })
  await expect(orgDlg.locator('[data-test=region-cascader] input')).toHaveValue(/渭城区/)
  await expect(field(orgDlg, 'org-name')).toHaveValue(data.orgName)
  await field(orgDlg, 'org-phone').fill('029-33219999')
  await orgDlg.locator('[data-test=org-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(orgRow).toContainText('029-33219999')

  // ---- edit the role: stored permissions are ticked; switch to 指定机构数据
  await go(page, '角色管理')
  await selectTreeOrg(page, data.orgName)
  const roleRow = page.locator('[data-test=role-table] .el-table__row', { hasText: data.roleName })
  await roleRow.getByRole('button', { name: '编辑' }).click()
  const roleDlg = page.locator('.el-dialog', { hasText: '编辑角色信息' })
  await expect(field(roleDlg, 'role-name')).toHaveValue(data.roleName)
  await roleDlg.locator('[data-test=role-step-1]').click()
  await expect(roleDlg.locator('[data-test=perm-row-org] .perm-actions .el-checkbox.is-checked')).toHaveText(/查看/)
  await expect(roleDlg.locator('[data-test=perm-row-role] .el-checkbox.is-checked')).toHaveCount(0)
  await roleDlg.locator('[data-test=role-step-2]').click()
  const scopeTree = roleDlg.locator('[data-test=scope-tree]')
  await expect(scopeTree.locator('.el-checkbox.is-disabled').first()).toBeVisible()
  await roleDlg.locator('[data-test=scope-kinds] .el-radio', { hasText: '指定机构数据' }).click()
  await scopeTree.locator('.el-tree-node__content', { hasText: '渭城分局' }).first().locator('.el-checkbox').click()
  await shot(page, '19-role-custom-scope')
  await roleDlg.locator('[data-test=role-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(roleRow).toContainText('指定机构数据')

  // ---- edit the user: read-only login facts; reset password; disable / enable
  await go(page, '用户管理')
  await selectTreeOrg(page, data.orgName)
  const userRow = page.locator('[data-test=user-table] .el-table__row', { hasText: data.policeNo })
  await expect(userRow).not.toContainText(/^0$/)
  await userRow.getByRole('button', { name: '编辑' }).click()
  const userDlg = page.locator('.el-dialog', { hasText: '编辑用户' })
  await expect(field(userDlg, 'user-name')).toHaveValue(data.userName)
  await expect(field(userDlg, 'user-account')).toBeDisabled()
  await expect(userDlg.locator('[data-test=user-login-count]')).toContainText(/[1-9]\d*次/)
  await expect(userDlg.locator('[data-test=user-roles]')).toContainText(data.roleName)
  await shot(page, '20-user-edit')
  await field(userDlg, 'user-name').fill(`${data.userName}乙`)
  await userDlg.locator('[data-test=user-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(userRow).toContainText(`${data.userName}乙`)

  await userRow.getByRole('button', { name: '重置密码' }).click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('密码将重置为123456并通过短信通知')
  await box.getByRole('button', { name: '确定' }).click()
  await expectSuccess(page, '密码已重置')

  await userRow.getByRole('button', { name: '停用' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(userRow.locator('.el-tag--info')).toHaveText('停用')
  await userRow.getByRole('button', { name: '启用' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(userRow.locator('.el-tag--success')).toHaveText('启用')

  // ---- 修改密码 dialog: a wrong SMS code comes back as a field error from the server
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=menu-change-password]').click()
  const pwdDlg = page.locator('.el-dialog', { hasText: '修改密码' })
  await expect(pwdDlg).toBeVisible()
  await pwdDlg.locator('[data-test=pwd-send-sms]').click()
  await expect(pwdDlg.locator('[data-test=pwd-sms-sent]')).toContainText('****')
  const api = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const me = await (await api.get('/api/v1/auth/me')).json()
  expect(me.user.account).toBe('admin')
  const adminMobile = (await (await api.get(`/api/v1/users/${me.user.id}`)).json()).mobile // full: admin holds user:pii
  await api.dispose()
  const real = await latestSmsCode(baseURL, adminMobile)
  const wrong = real === '000000' ? '111111' : '000000'
  await fillPasswordChange(pwdDlg, { old: ADMIN.password, password: 'Zz@20261129x', code: wrong })
  await pwdDlg.locator('[data-test=pwd-submit]').click()
  await expect(pwdDlg.locator('.el-form-item__error')).toContainText('验证码错误或已过期')
  await shot(page, '21-change-password-dialog')
  await pwdDlg.getByRole('button', { name: '取消' }).click()
  await logout(page)
})
