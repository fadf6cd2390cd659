// The client's checks against the server's own test vectors (server/tests/unit/validation_test.cpp, whose
// check characters were computed by hand there): the same inputs, the same verdicts, the same words.
import { describe, expect, test } from 'vitest'
import {
  ageOn, checkCreditCode, checkIdNo, checkMobile, checkPassword, creditCodeError, idNumberError, mobileError, normalizeMobile,
  passwordError,
} from '@/utils/validators'

// the server checks birth dates against today in China; a fixed day keeps these tests stable
const TODAY = '2026-12-01'
const id = (v: string) => idNumberError(v, TODAY)

describe('公民身份号码 (GB 11643)', () => {
  test('published female example, lower-case x accepted', () => {
    expect(id('11010519491231002X')).toBeNull()
    expect(id('11010519491231002x')).toBeNull()
  })
  test('the often-quoted 1880 sample has a right check digit but is before 1900', () => {
    expect(id('440524188001010014')).toBe('出生日期不能早于1900年')
  })
  test('first accepted birth date, male with a digit check, leap day', () => {
    expect(id('110105190001010028')).toBeNull()
    expect(id('110105194912310011')).toBeNull()
    expect(id('110105200002290021')).toBeNull()
  })
  test('wrong check character', () => {
    for (const v of ['110105194912310021', '110105194912310020', '110105190001010020', '11010519491231001X'])
      expect(id(v), v).toBe('校验位错误')
  })
  test('dates that do not exist', () => {
    for (const v of ['110105199902300023', '110105190002290025', '110105194913310020', '110105194900000020'])
      expect(id(v), v).toBe('出生日期无效')
  })
  test('future and too old birth dates', () => {
    expect(id('110105299912310020')).toBe('出生日期不能晚于今天')
    expect(id('110105189912310023')).toBe('出生日期不能早于1900年')
  })
  test('wrong lengths (old 15-digit numbers are not accepted)', () => {
    for (const v of ['', '11010519491231002', '11010519491231002X1', '110105491231002']) expect(id(v), v).toBe('应为18位')
  })
  test('letters', () => {
    expect(id('1101051949123100X2')).toBe('前17位应为数字')
    expect(id('A1010519491231002X')).toBe('前17位应为数字')
    expect(id('11010519491231002Y')).toBe('末位应为数字或X')
    expect(id('11010519491231 02X')).toBe('前17位应为数字')
  })
  test('implausible province', () => {
    expect(id('190105194912310024')).toBe('地区码无效')
    expect(id('00010519491231002X')).toBe('地区码无效')
  })
  test('the form check names the field', () => {
    expect(checkIdNo('')).toBe('请输入公民身份号码')
    expect(checkIdNo(' 11010519491231002X ')).toBe('')
    expect(checkIdNo('110105194912310021', '法人身份证号')).toBe('法人身份证号校验位错误')
  })
  test('a birth date after today is refused against the real today too', () => {
    expect(idNumberError('110105299912310020')).toBe('出生日期不能晚于今天')
  })
})

describe('ageOn', () => {
  test('birthdays', () => {
    expect(ageOn('2000-05-10', '2018-05-10')).toBe(18)
    expect(ageOn('2000-05-10', '2018-05-09')).toBe(17)
    expect(ageOn('2000-05-10', '2000-05-10')).toBe(0)
    expect(ageOn('1949-12-31', '2024-01-01')).toBe(74)
  })
  test('leap-day birthday', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17)
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18)
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20)
  })
  test('invalid input', () => {
    expect(ageOn('2000-02-30', '2018-03-01')).toBe(-1)
    expect(ageOn('2000-01-01', 'yesterday')).toBe(-1)
    expect(ageOn('2000-05-10', '1999-05-10')).toBe(-1)
  })
})

describe('统一社会信用代码 (GB 32100)', () => {
  test('published examples', () => {
    expect(creditCodeError('91350100M000100Y43')).toBeNull()
    expect(creditCodeError('91110108551385082Q')).toBeNull()
  })
  test('computed example with a letter check', () => {
    expect(creditCodeError('9111000071093123XX')).toBeNull()
    expect(creditCodeError('9111000071093123XE')).toBe('校验位错误')
  })
  test('check value edges (31 → 0, 30 → Y)', () => {
    expect(creditCodeError('110100000000000000')).toBeNull()
    expect(creditCodeError('10000000000000000Y')).toBeNull()
  })
  test('other registration authorities', () => {
    expect(creditCodeError('Y11101085513850823')).toBeNull()
    expect(creditCodeError('N1110108551385082B')).toBeNull()
  })
  test('wrong check character', () => {
    for (const v of ['91350100M000100Y44', '91110108551385082P', '91110108551385083Q']) expect(creditCodeError(v), v).toBe('校验位错误')
  })
  test('letters not in the alphabet (I O Z S V), punctuation, spaces', () => {
    for (const bad of 'IOZSV') {
      const code = `91350100${bad}000100Y43`
      expect(creditCodeError(code), code).toBe('含有无效字符')
    }
    expect(creditCodeError('91350100M000100Y4-')).toBe('含有无效字符')
    expect(creditCodeError('91350100M000100Y4 ')).toBe('含有无效字符')
  })
  test('lower case accepted', () => {
    expect(creditCodeError('91350100m000100y43')).toBeNull()
    expect(creditCodeError('91110108551385082q')).toBeNull()
    expect(creditCodeError('91350100m000100i43')).toBe('含有无效字符')
  })
  test('length and authority', () => {
    expect(creditCodeError('')).toBe('应为18位')
    expect(creditCodeError('91350100M000100Y4')).toBe('应为18位')
    expect(creditCodeError('91350100M000100Y433')).toBe('应为18位')
    expect(creditCodeError('01350100M000100Y43')).toBe('登记管理部门码无效')
    expect(creditCodeError('B1350100M000100Y43')).toBe('登记管理部门码无效')
  })
  test('the form check names the field', () => {
    expect(checkCreditCode('')).toBe('请输入统一社会信用代码')
    expect(checkCreditCode('91350100M000100Y44', '单位编码')).toBe('单位编码校验位错误')
    expect(checkCreditCode('91350100M000100Y43')).toBe('')
  })
})

describe('mobile', () => {
  test('accepted forms, normalised to 11 digits', () => {
    for (const v of ['13800138000', '+8613800138000', '+86 138 0013 8000', '8613800138000', '86-138-0013-8000', '138-0013-8000', '+86-13800138000'])
      expect(normalizeMobile(v), v).toEqual({ mobile: '13800138000' })
    expect(normalizeMobile('19912345678')).toEqual({ mobile: '19912345678' })
  })
  test('rejected', () => {
    expect(mobileError('138001380001')).toBe('应为11位')
    expect(mobileError('1380013800')).toBe('应为11位')
    expect(mobileError('')).toBe('应为11位')
    expect(mobileError('+86')).toBe('应为11位')
    expect(mobileError('12800138000')).toBe('号码段无效')
    expect(mobileError('11800138000')).toBe('号码段无效')
    expect(mobileError('23800138000')).toBe('号码段无效')
    expect(mobileError('+85213800138000')).toBe('仅支持中国大陆手机号')
    expect(mobileError('138abc38000')).toBe('含有无效字符')
    expect(mobileError('(138)00138000')).toBe('含有无效字符')
  })
  test('the form check names the field', () => {
    expect(checkMobile('', '联系手机')).toBe('请输入联系手机')
    expect(checkMobile('12800138000', '联系手机')).toBe('联系手机号码段无效')
    expect(checkMobile('138 0013 8000')).toBe('')
  })
})

describe('password rule', () => {
  test('class combinations: at least three of lower, upper, digit, symbol', () => {
    for (const v of ['abcdefgh', 'ABCDEFGH', '12345678', '!@#$%^&*', 'abcd1234', 'abcdEFGH', 'ABCD!@#$'])
      expect(passwordError(v, 'admin'), v).toBe('需包含大写字母、小写字母、数字、符号中的至少3类')
    for (const v of ['Abcd1234', 'abcd123!', 'ABCD123!', 'Abcdefg!', 'Abcd123!']) expect(passwordError(v, 'admin'), v).toBeNull()
  })
  test('lengths: 8 to 64', () => {
    expect(passwordError('Ab1!', 'admin')).toBe('至少8位')
    expect(passwordError('Abcd12!', 'admin')).toBe('至少8位')
    expect(passwordError('', 'admin')).toBe('至少8位')
    expect(passwordError('Abcd123!' + 'x'.repeat(56), 'admin')).toBeNull()
    expect(passwordError('Abcd123!' + 'x'.repeat(57), 'admin')).toBe('不能超过64位')
  })
  test('equal to the account, ignoring case', () => {
    expect(passwordError('ZhangWei2024', 'zhangwei2024')).toBe('不能与账号相同')
    expect(passwordError('Admin@123', 'ADMIN@123')).toBe('不能与账号相同')
    expect(passwordError('Admin@1234', 'admin@123')).toBeNull()
  })
  test('weak and forbidden characters', () => {
    expect(passwordError('123456', 'admin')).toBe('过于简单')
    expect(passwordError('Abcd 1234', 'admin')).toBe('只能包含字母、数字和英文符号')
    expect(passwordError('Abcd1234密码', 'admin')).toBe('只能包含字母、数字和英文符号')
    expect(passwordError('Abcd1234\t', 'admin')).toBe('只能包含字母、数字和英文符号')
  })
  test('the form check speaks of the new password', () => {
    expect(checkPassword('', 'admin')).toBe('请输入新密码')
    expect(checkPassword('abcdefgh', 'admin')).toBe('新密码需包含大写字母、小写字母、数字、符号中的至少3类')
    expect(checkPassword('Zz@20261129x', 'admin')).toBe('')
  })
})
