// Unit tests for core/validation. Every check character used below was computed by hand (arithmetic in
// the comments) and cross-checked with a separate script, not only with the implementation under test.
#include "core/validation.h"

#include <gtest/gtest.h>

#include <string>

using namespace baoan::core;

namespace {
// ID weights:     7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[sum % 11]
// Credit weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, check = 31 - sum % 31 (31 -> 0)
// Credit values:  0-9 = 0-9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27
//                 W28 X29 Y30
}  // namespace

// ---------------------------------------------------------------- 公民身份号码

TEST(IdNumber, PublishedFemaleExample) {
  // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2
  // = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 -> 'X'
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("11010519491231002X", &info), std::nullopt);
  EXPECT_EQ(info.regionCode, "110105");
  EXPECT_EQ(info.birthDate, "1949-12-31");
  EXPECT_EQ(info.gender, "female");  // 17th digit 2 is even
}

TEST(IdNumber, LowercaseXAccepted) {
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("11010519491231002x", &info), std::nullopt);
  EXPECT_EQ(info.gender, "female");
}

TEST(IdNumber, PublishedExample1880IsBeforeTheCutoff) {
  // 4*7+4*9+0*10+5*5+2*8+4*4+1*2+8*1+8*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2
  // = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 % 11 = 8 -> '4', so the check digit is right,
  // but the rule "birth date not before 1900-01-01" rejects this often-quoted sample (born 1880).
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("440524188001010014", &info), "出生日期不能早于1900年");
  EXPECT_EQ(info.birthDate, "");
}

TEST(IdNumber, FirstAcceptedBirthDate) {
  // 110105 19000101 002: 7+9+0+5+0+20+1*2+9*1+0*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+2*2
  // = 7+9+5+20+2+9+9+5+4 = 70; 70 % 11 = 4 -> '8'
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("110105190001010028", &info), std::nullopt);
  EXPECT_EQ(info.birthDate, "1900-01-01");
  EXPECT_EQ(info.gender, "female");
}

TEST(IdNumber, MaleWithDigitCheck) {
  // Same as the female example with 17th digit 1: 167 - 2 = 165; 165 % 11 = 0 -> '1'
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("110105194912310011", &info), std::nullopt);
  EXPECT_EQ(info.gender, "male");
}

TEST(IdNumber, WrongCheckCharacter) {
  EXPECT_EQ(checkIdNumber("110105194912310021"), "校验位错误");  // should be X
  EXPECT_EQ(checkIdNumber("110105194912310020"), "校验位错误");
  EXPECT_EQ(checkIdNumber("110105190001010020"), "校验位错误");  // should be 8
  EXPECT_EQ(checkIdNumber("11010519491231001X"), "校验位错误");  // should be 1
}

TEST(IdNumber, InfoUntouchedOnFailure) {
  IdNumberInfo info{"keep", "keep", "keep"};
  EXPECT_NE(checkIdNumber("110105194912310021", &info), std::nullopt);
  EXPECT_EQ(info.regionCode, "keep");
}

TEST(IdNumber, DateThatDoesNotExist) {
  // 110105 19990230 002: 1*7+1*9+0+1*5+0+5*4+1*2+9*1+9*6+9*3+0*7+2*9+3*10+0*5+0+0+2*2
  // = 7+9+5+20+2+9+54+27+0+18+30+0+4 = 185; 185 % 11 = 9 -> '3' (so only the date is wrong)
  EXPECT_EQ(checkIdNumber("110105199902300023"), "出生日期无效");
  // 110105 19000229 002: 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+0*6+0*3+0*7+2*9+2*10+9*5+0*8+0*4+2*2
  // = 7+9+0+5+0+20+2+9+0+0+0+18+20+45+0+0+4 = 139; 139 % 11 = 7 -> '5'. 1900 is not a leap year.
  EXPECT_EQ(checkIdNumber("110105190002290025"), "出生日期无效");
  EXPECT_EQ(checkIdNumber("110105194913310020"), "出生日期无效");  // month 13
  EXPECT_EQ(checkIdNumber("110105194900000020"), "出生日期无效");
}

TEST(IdNumber, LeapDayExists) {
  // 110105 20000229 002: 7+9+0+5+0+20+2*2+0*1+0*6+0*3+0*7+2*9+2*10+9*5+0+0+2*2
  // = 7+9+5+20+4+18+20+45+4 = 132; 132 % 11 = 0 -> '1'
  IdNumberInfo info;
  EXPECT_EQ(checkIdNumber("110105200002290021", &info), std::nullopt);
  EXPECT_EQ(info.birthDate, "2000-02-29");
}

TEST(IdNumber, FutureAndTooOldDates) {
  // 110105 29991231 002: 7+9+0+5+0+20+2*2+9*1+9*6+9*3+1*7+2*9+3*10+1*5+0+0+2*2
  // = 7+9+5+20+4+9+54+27+7+18+30+5+4 = 199; 199 % 11 = 1 -> '0'
  EXPECT_EQ(checkIdNumber("110105299912310020"), "出生日期不能晚于今天");
  // 110105 18991231 002: 7+9+5+20+1*2+8*1+9*6+9*3+1*7+2*9+3*10+1*5+2*2
  // = 7+9+5+20+2+8+54+27+7+18+30+5+4 = 196; 196 % 11 = 9 -> '3'
  EXPECT_EQ(checkIdNumber("110105189912310023"), "出生日期不能早于1900年");
}

TEST(IdNumber, WrongLengths) {
  EXPECT_EQ(checkIdNumber(""), "应为18位");
  EXPECT_EQ(checkIdNumber("11010519491231002"), "应为18位");
  EXPECT_EQ(checkIdNumber("11010519491231002X1"), "应为18位");
  EXPECT_EQ(checkIdNumber("110105491231002"), "应为18位");  // old 15-digit numbers are not accepted
}

TEST(IdNumber, Letters) {
  EXPECT_EQ(checkIdNumber("1101051949123100X2"), "前17位应为数字");
  EXPECT_EQ(checkIdNumber("A1010519491231002X"), "前17位应为数字");
  EXPECT_EQ(checkIdNumber("11010519491231002Y"), "末位应为数字或X");
  EXPECT_EQ(checkIdNumber("11010519491231 02X"), "前17位应为数字");
}

TEST(IdNumber, ImplausibleProvince) {
  // 190105 19491231 002: 1*7+9*9+0+1*5+0+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0+0+2*2
  // = 7+81+5+20+2+9+24+27+7+18+30+5+4 = 239; 239 % 11 = 8 -> '4' (valid check, bad province 19)
  EXPECT_EQ(checkIdNumber("190105194912310024"), "地区码无效");
  EXPECT_EQ(checkIdNumber("00010519491231002X"), "地区码无效");
}

// ---------------------------------------------------------------- ageOn / isValidDate

TEST(AgeOn, Birthdays) {
  EXPECT_EQ(ageOn("2000-05-10", "2018-05-10"), 18);
  EXPECT_EQ(ageOn("2000-05-10", "2018-05-09"), 17);
  EXPECT_EQ(ageOn("2000-05-10", "2000-05-10"), 0);
  EXPECT_EQ(ageOn("1949-12-31", "2024-01-01"), 74);
}

TEST(AgeOn, LeapDayBirthday) {
  EXPECT_EQ(ageOn("2000-02-29", "2018-02-28"), 17);
  EXPECT_EQ(ageOn("2000-02-29", "2018-03-01"), 18);
  EXPECT_EQ(ageOn("2000-02-29", "2020-02-29"), 20);
}

TEST(AgeOn, InvalidInput) {
  EXPECT_EQ(ageOn("2000-02-30", "2018-03-01"), -1);
  EXPECT_EQ(ageOn("2000-01-01", "yesterday"), -1);
  EXPECT_EQ(ageOn("2000-05-10", "1999-05-10"), -1);
}

TEST(IsValidDate, Calendar) {
  EXPECT_TRUE(isValidDate("2024-02-29"));
  EXPECT_TRUE(isValidDate("2000-02-29"));
  EXPECT_TRUE(isValidDate("1900-01-01"));
  EXPECT_TRUE(isValidDate("2023-12-31"));
  EXPECT_FALSE(isValidDate("2023-02-29"));
  EXPECT_FALSE(isValidDate("1900-02-29"));
  EXPECT_FALSE(isValidDate("2023-04-31"));
  EXPECT_FALSE(isValidDate("2023-13-01"));
  EXPECT_FALSE(isValidDate("2023-00-10"));
  EXPECT_FALSE(isValidDate("0000-01-01"));
}

TEST(IsValidDate, Format) {
  EXPECT_FALSE(isValidDate(""));
  EXPECT_FALSE(isValidDate("2023-1-01"));
  EXPECT_FALSE(isValidDate("2023/01/01"));
  EXPECT_FALSE(isValidDate("20230101"));
  EXPECT_FALSE(isValidDate("2023-01-01 "));
  EXPECT_FALSE(isValidDate("2023-0a-01"));
  EXPECT_FALSE(isValidDate("+023-01-01"));
}

// ---------------------------------------------------------------- 统一社会信用代码

TEST(CreditCode, PublishedExamples) {
  // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4:
  // 9*1+1*3+3*9+5*27+0+1*26+0+0+21*20+0+0+0+1*8+0+0+30*30+4*28
  // = 9+3+27+135+26+420+8+900+112 = 1640; 1640 % 31 = 28 (31*52 = 1612); 31-28 = 3 -> '3'
  EXPECT_EQ(checkCreditCode("91350100M000100Y43"), std::nullopt);
  // 9 1 1 1 0 1 0 8 5 5 1 3 8 5 0 8 2:
  // 9+3+9+27+0+26+0+136+100+145+25+39+64+120+0+240+56 = 999; 999 % 31 = 7 (31*32 = 992);
  // 31-7 = 24 -> 'Q'
  EXPECT_EQ(checkCreditCode("91110108551385082Q"), std::nullopt);
}

TEST(CreditCode, ComputedExampleWithLetterCheck) {
  // 9111000071093123X?: 9+3+9+27+0+0+0+0+7*20+1*29+0*25+9*13+3*8+1*24+2*10+3*30+X(29)*28
  // = 9+3+9+27+140+29+117+24+24+20+90+812 = 1304; 1304 % 31 = 2 (31*42 = 1302); 31-2 = 29 -> 'X'
  EXPECT_EQ(checkCreditCode("9111000071093123XX"), std::nullopt);
  EXPECT_EQ(checkCreditCode("9111000071093123XE"), "校验位错误");
}

TEST(CreditCode, CheckValueEdges) {
  // 1 1 0 1 0...: 1*1+1*3+0*9+1*27 = 31; 31 % 31 = 0; 31-0 = 31 -> 0 -> '0'
  EXPECT_EQ(checkCreditCode("110100000000000000"), std::nullopt);
  // 1 0 0...: sum 1; 31-1 = 30 -> 'Y' (the last alphabet value)
  EXPECT_EQ(checkCreditCode("10000000000000000Y"), std::nullopt);
}

TEST(CreditCode, OtherAuthorities) {
  // Y1110108551385082?: the 91110108551385082 sum 999 - 9*1 + Y(30)*1 = 1020; 1020 % 31 = 28
  // (31*32 = 992); 31-28 = 3 -> '3'
  EXPECT_EQ(checkCreditCode("Y11101085513850823"), std::nullopt);
  // N(22): 999 - 9 + 22 = 1012; 1012 % 31 = 20; 31-20 = 11 -> 'B'
  EXPECT_EQ(checkCreditCode("N1110108551385082B"), std::nullopt);
}

TEST(CreditCode, WrongCheckCharacter) {
  EXPECT_EQ(checkCreditCode("91350100M000100Y44"), "校验位错误");
  EXPECT_EQ(checkCreditCode("91110108551385082P"), "校验位错误");
  EXPECT_EQ(checkCreditCode("91110108551385083Q"), "校验位错误");  // a changed body digit
}

TEST(CreditCode, LettersNotInAlphabet) {
  for (char bad : std::string{"IOZSV"}) {
    std::string code = "91350100M000100Y43";
    code[8] = bad;
    EXPECT_EQ(checkCreditCode(code), "含有无效字符") << code;
  }
  EXPECT_EQ(checkCreditCode("91350100M000100Y4-"), "含有无效字符");
  EXPECT_EQ(checkCreditCode("91350100M000100Y4 "), "含有无效字符");
}

TEST(CreditCode, LowercaseAccepted) {
  EXPECT_EQ(checkCreditCode("91350100m000100y43"), std::nullopt);
  EXPECT_EQ(checkCreditCode("91110108551385082q"), std::nullopt);
  EXPECT_EQ(checkCreditCode("91350100m000100i43"), "含有无效字符");
}

TEST(CreditCode, LengthAndAuthority) {
  EXPECT_EQ(checkCreditCode(""), "应为18位");
  EXPECT_EQ(checkCreditCode("91350100M000100Y4"), "应为18位");
  EXPECT_EQ(checkCreditCode("91350100M000100Y433"), "应为18位");
  EXPECT_EQ(checkCreditCode("01350100M000100Y43"), "登记管理部门码无效");
  EXPECT_EQ(checkCreditCode("B1350100M000100Y43"), "登记管理部门码无效");
}

// ---------------------------------------------------------------- mobile

TEST(Mobile, AcceptedForms) {
  for (const char* in : {"13800138000", "+8613800138000", "+86 138 0013 8000", "8613800138000",
                         "86-138-0013-8000", "138-0013-8000", "+86-13800138000"}) {
    std::string out;
    EXPECT_EQ(normalizeMobile(in, out), std::nullopt) << in;
    EXPECT_EQ(out, "13800138000") << in;
  }
  std::string out;
  EXPECT_EQ(normalizeMobile("19912345678", out), std::nullopt);
  EXPECT_EQ(out, "19912345678");
}

TEST(Mobile, Rejected) {
  std::string out = "unchanged";
  EXPECT_EQ(normalizeMobile("138001380001", out), "应为11位");  // 12 digits
  EXPECT_EQ(normalizeMobile("1380013800", out), "应为11位");
  EXPECT_EQ(normalizeMobile("", out), "应为11位");
  EXPECT_EQ(normalizeMobile("+86", out), "应为11位");
  EXPECT_EQ(normalizeMobile("12800138000", out), "号码段无效");
  EXPECT_EQ(normalizeMobile("11800138000", out), "号码段无效");
  EXPECT_EQ(normalizeMobile("23800138000", out), "号码段无效");
  EXPECT_EQ(normalizeMobile("+85213800138000", out), "仅支持中国大陆手机号");
  EXPECT_EQ(normalizeMobile("138abc38000", out), "含有无效字符");
  EXPECT_EQ(normalizeMobile("(138)00138000", out), "含有无效字符");
  EXPECT_EQ(out, "unchanged");
}

// ---------------------------------------------------------------- password

TEST(Password, ClassCombinations) {
  EXPECT_NE(checkPassword("abcdefgh", "admin"), std::nullopt);   // lower only
  EXPECT_NE(checkPassword("ABCDEFGH", "admin"), std::nullopt);   // upper only
  EXPECT_NE(checkPassword("12345678", "admin"), std::nullopt);   // digits only
  EXPECT_NE(checkPassword("!@#$%^&*", "admin"), std::nullopt);   // symbols only
  EXPECT_NE(checkPassword("abcd1234", "admin"), std::nullopt);   // lower + digit
  EXPECT_NE(checkPassword("abcdEFGH", "admin"), std::nullopt);   // lower + upper
  EXPECT_NE(checkPassword("ABCD!@#$", "admin"), std::nullopt);   // upper + symbol
  EXPECT_EQ(checkPassword("abcd1234", "admin"), "需包含大写字母、小写字母、数字、符号中的至少3类");
  EXPECT_EQ(checkPassword("Abcd1234", "admin"), std::nullopt);   // lower + upper + digit
  EXPECT_EQ(checkPassword("abcd123!", "admin"), std::nullopt);   // lower + digit + symbol
  EXPECT_EQ(checkPassword("ABCD123!", "admin"), std::nullopt);   // upper + digit + symbol
  EXPECT_EQ(checkPassword("Abcdefg!", "admin"), std::nullopt);   // lower + upper + symbol
  EXPECT_EQ(checkPassword("Abcd123!", "admin"), std::nullopt);   // all four
}

TEST(Password, Lengths) {
  EXPECT_EQ(checkPassword("Ab1!", "admin"), "至少8位");
  EXPECT_EQ(checkPassword("Abcd12!", "admin"), "至少8位");
  EXPECT_EQ(checkPassword("", "admin"), "至少8位");
  EXPECT_EQ(checkPassword("Abcd123!" + std::string(56, 'x'), "admin"), std::nullopt);  // 64
  EXPECT_EQ(checkPassword("Abcd123!" + std::string(57, 'x'), "admin"), "不能超过64位");  // 65
}

TEST(Password, EqualsAccount) {
  EXPECT_EQ(checkPassword("ZhangWei2024", "zhangwei2024"), "不能与账号相同");
  EXPECT_EQ(checkPassword("Admin@123", "ADMIN@123"), "不能与账号相同");
  EXPECT_EQ(checkPassword("Admin@1234", "admin@123"), std::nullopt);
}

TEST(Password, WeakAndForbiddenCharacters) {
  EXPECT_EQ(checkPassword("123456", "admin"), "过于简单");
  EXPECT_EQ(checkPassword("Abcd 1234", "admin"), "只能包含字母、数字和英文符号");
  EXPECT_EQ(checkPassword("Abcd1234密码", "admin"), "只能包含字母、数字和英文符号");
  EXPECT_EQ(checkPassword("Abcd1234\t", "admin"), "只能包含字母、数字和英文符号");
}

// ---------------------------------------------------------------- masking

TEST(Mask, IdNumber) {
  EXPECT_EQ(maskIdNumber("610404199001011234"), "610404********1234");
  EXPECT_EQ(maskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(maskIdNumber("12345678901"), "123456*8901");  // shortest that still hides something
  EXPECT_EQ(maskIdNumber("1234567890"), "**********");
  EXPECT_EQ(maskIdNumber("12345"), "*****");
  EXPECT_EQ(maskIdNumber(""), "");
  EXPECT_EQ(maskIdNumber("张伟张伟张伟张伟张伟张伟"), "************");  // never splits UTF-8
}

TEST(Mask, Mobile) {
  EXPECT_EQ(maskMobile("13800000000"), "138****0000");
  EXPECT_EQ(maskMobile("13812345678"), "138****5678");
  EXPECT_EQ(maskMobile("1381234567"), "**********");
  EXPECT_EQ(maskMobile("123"), "***");
  EXPECT_EQ(maskMobile(""), "");
}

// ---------------------------------------------------------------- text helpers

TEST(Text, Utf8Length) {
  EXPECT_EQ(utf8Length("保安abc"), 5u);
  EXPECT_EQ(utf8Length(""), 0u);
  EXPECT_EQ(utf8Length("abc"), 3u);
  EXPECT_EQ(utf8Length("\u3000"), 1u);
  EXPECT_EQ(utf8Length("\U0001F600"), 1u);  // 4-byte sequence
}

TEST(Text, Trim) {
  EXPECT_EQ(trim("\u3000 张伟 \t"), "张伟");
  EXPECT_EQ(trim("  \r\n"), "");
  EXPECT_EQ(trim("\u3000\u3000"), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("张 伟"), "张 伟");                  // inner spaces stay
  EXPECT_EQ(trim("a\u3000b"), "a\u3000b");
  EXPECT_EQ(trim("\u3001x\u3001"), "\u3001x\u3001");  // U+3001 、 is not a space
}

// ---------------------------------------------------------------- control characters
TEST(ControlCharacters, RefusedInOneLineTextExceptNothing) {
  using baoan::core::hasControlCharacters;
  EXPECT_FALSE(hasControlCharacters("渭城分局 护城河派出所", false));
  EXPECT_FALSE(hasControlCharacters("", false));
  for (std::string bad : {std::string("ab\0cd", 5), std::string("a\x07"), std::string("a\x1b[31m"), std::string("a\x7f"),
                          std::string("a\xc2\x85" "b"), std::string("a\xc2\x9f"), std::string("a\nb"), std::string("a\tb"),
                          std::string("a\rb")})
    EXPECT_TRUE(hasControlCharacters(bad, false)) << bad;
  // U+00A0 (C2 A0) and other text after C2 are not control characters.
  EXPECT_FALSE(hasControlCharacters("a\xc2\xa0" "b", false));
}

TEST(ControlCharacters, MultiLineTextKeepsTabsAndLineBreaks) {
  using baoan::core::hasControlCharacters;
  EXPECT_FALSE(hasControlCharacters("第一行\n第二行\r\n\t缩进", true));
  EXPECT_TRUE(hasControlCharacters(std::string("第一行\0", 10), true));
  EXPECT_TRUE(hasControlCharacters("a\x0b", true));
}
