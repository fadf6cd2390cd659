// 保安员资格许可 (issue 13): what the registration form derives from the ID number, and where a status
// sits in the pipeline the portal shows.
import { describe, expect, test } from 'vitest'
import { idFacts, pipelineStep, PIPELINE_STEPS, registrationStatusName, registrationStatusTag, REGISTRATION_STATUSES } from '@/api/exam'

describe('idFacts: 性别, 出生日期, 年龄 and 户籍地 county from the 公民身份号码', () => {
  test('a woman born 1949-12-31 (the published example, lower-case x)', () => {
    expect(idFacts('11010519491231002x', '2026-12-01')).toEqual({ gender: '女', birthDate: '1949-12-31', age: 76, county: '110105' })
  })
  test('a man, the 17th digit odd', () => {
    expect(idFacts('110105194912310011', '2026-12-01')?.gender).toBe('男')
  })
  test('18 on the registration day, not the day before', () => {
    const born = '110105200002290021' // 2000-02-29
    expect(idFacts(born, '2018-02-28')?.age).toBe(17)
    expect(idFacts(born, '2018-03-01')?.age).toBe(18)
  })
  test('nothing from a number that is not valid', () => {
    expect(idFacts('110105194912310021', '2026-12-01')).toBeNull() // wrong check character
    expect(idFacts('1101051949', '2026-12-01')).toBeNull()
    expect(idFacts('', '2026-12-01')).toBeNull()
  })
})

describe('the registration pipeline', () => {
  test('every status of the server has a name and a tag', () => {
    const codes = ['background_check', 'pending_payment', 'pending_exam', 'scheduled', 'passed', 'failed', 'pending_certificate',
      'certifying', 'certified', 'rejected', 'cancelled']
    expect(REGISTRATION_STATUSES.map((s) => s.code)).toEqual(codes)
    expect(registrationStatusName('pending_payment')).toBe('待缴费')
    expect(registrationStatusName('unknown')).toBe('unknown')
    expect(registrationStatusTag('rejected')).toBe('danger')
  })
  test('the steps follow the statuses in order', () => {
    expect(pipelineStep('background_check')).toBe(0)
    expect(pipelineStep('pending_payment')).toBe(1)
    expect(pipelineStep('scheduled')).toBe(3)
    expect(pipelineStep('passed')).toBe(pipelineStep('failed'))
    expect(pipelineStep('certified')).toBe(PIPELINE_STEPS.length - 1)
  })
})
