// Fills an application form in the browser from its definition alone (any business type): the e2e specs
// of issue 12 apply for types whose fields the lead's declarations define, so they read
// GET /business-types/{code}/form and fill each field the way its type is edited.
import { expect, field, fillDate, pickOption, pickRegion, runTag, makeIdNo, makeMobile, makeCreditCode } from './fixtures.js'
import { pdf } from './applications.js'

/** Fill every required field (and the optional ones of `also`) of the editor on `page`. `values` wins by key. */
export async function fillForm(page, definition, { values = {}, also = [] } = {}) {
  const form = page.locator('[data-test=application-form]')
  const today = new Date().toISOString().slice(0, 10)
  for (const f of definition.fields) {
    if (!f.required && !also.includes(f.key) && !(f.key in values)) continue
    const item = form.locator(`[data-test=field-${f.key}]`)
    const v = values[f.key]
    switch (f.type) {
      case 'text': case 'idNo': case 'mobile': case 'creditCode': {
        const input = field(form, `input-${f.key}`)
        if (v === undefined && (await input.inputValue())) break // prefilled from the account
        const made = f.type === 'idNo' ? makeIdNo('19850505') : f.type === 'mobile' ? makeMobile()
          : f.type === 'creditCode' ? makeCreditCode() : `测试${f.label}${runTag()}`.slice(0, f.maxLength || 60)
        await input.fill(String(v ?? made))
        break
      }
      case 'textarea':
        await form.locator(`textarea[data-test=input-${f.key}]`).fill(String(v ?? `${f.label}:测试内容`))
        break
      case 'number':
        await field(form, `input-${f.key}`).fill(String(v ?? Math.max(f.min || 0, 1)))
        await field(form, `input-${f.key}`).blur()
        break
      case 'date':
        await fillDate(page, item, v ?? today)
        break
      case 'region':
        if (v === undefined && (await item.locator('input').first().inputValue())) break
        await pickRegion(page, item, v ?? '渭城区')
        break
      case 'select':
        await pickOption(page, item.locator('.el-select'), v ?? f.options[0].name)
        break
      case 'multiselect':
        await item.getByText(v ?? f.options[0].name, { exact: true }).click()
        break
      case 'licence':
        await pickOption(page, item.locator('.el-select'), v ?? '')
        break
      case 'people':
        await field(form, `${f.key}-0-name`).fill('赵负责')
        await field(form, `${f.key}-0-idNo`).fill(makeIdNo('19820202'))
        await field(form, `${f.key}-0-mobile`).fill(makeMobile())
        break
      case 'guards': {
        await item.locator('.el-select').click()
        const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item:not(.is-disabled)').first()
        await option.click()
        await page.keyboard.press('Escape')
        break
      }
      case 'changes': {
        const [item0, newValue] = v ?? [f.options[0].name, `变更后${runTag()}`]
        await pickOption(page, item.locator(`[data-test=${f.key}-0-item]`), item0)
        await field(item, `${f.key}-0-newValue`).fill(newValue)
        break
      }
      case 'file':
        await item.locator('input[type=file]').setInputFiles({ name: `${f.label}.pdf`, mimeType: 'application/pdf', buffer: pdf(f.key) })
        await expect(item.locator('[data-test=file-item]')).toHaveCount(1)
        break
      default:
        throw new Error(`no way to fill ${f.key} (${f.type})`)
    }
  }
}

/** 提交 from the editor; resolves to { id, caseNo } from the detail page it lands on. */
export async function submitForm(page) {
  await page.locator('[data-test=submit-application]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '提交' }).click()
  await expect(page).toHaveURL(/#\/portal\/applications\/\d+$/)
  await expect(page.locator('[data-test=detail-case-no]')).toHaveText(/^BA\d+$/)
  const caseNo = (await page.locator('[data-test=detail-case-no]').textContent()).trim()
  const id = Number(/#\/portal\/applications\/(\d+)$/.exec(page.url())[1])
  return { id, caseNo }
}
