// Unit tests for core/form: reading a JSON body field by field, with every problem collected under the
// field's name and a Chinese message naming its label (API.md: 422 validation_failed).
#include "core/form.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace baoan;
using namespace baoan::core;
using nlohmann::json;

namespace {

// Runs throwIfAny and returns the field → message map of the AppError (empty when nothing thrown).
std::map<std::string, std::string> fieldsOf(const FieldErrors& e) {
  try {
    e.throwIfAny();
  } catch (const AppError& err) {
    return err.fields;
  }
  return {};
}

std::string messageOf(const FieldErrors& e, const std::string& field) {
  auto f = fieldsOf(e);
  auto it = f.find(field);
  return it == f.end() ? std::string() : it->second;
}

}  // namespace

// ---------------------------------------------------------------- text

TEST(FormText, TrimsAsciiAndIdeographicSpaces) {
  json body = {{"name", "\u3000 张三\t\u3000"}, {"city", "  咸阳  "}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("name", "姓名"), "张三");
  EXPECT_EQ(f.text("city", "城市"), "咸阳");
  EXPECT_TRUE(e.empty());
}

TEST(FormText, InnerSpacesAreKept) {
  json body = {{"name", " 西安 保安 公司 "}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("name", "名称"), "西安 保安 公司");
}

TEST(FormText, MissingOptionalIsEmptyWithoutError) {
  json body = json::object();
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("remark", "备注"), "");
  EXPECT_TRUE(e.empty());
}

TEST(FormText, RequiredMissingBlankOrNullIsReportedWithTheLabel) {
  json body = {{"blank", " \u3000 "}, {"nullish", nullptr}, {"empty", ""}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("name", "姓名", {true}), "");
  EXPECT_EQ(f.text("blank", "单位名称", {true}), "");
  EXPECT_EQ(f.text("nullish", "联系电话", {true}), "");
  EXPECT_EQ(f.text("empty", "地址", {true}), "");
  EXPECT_EQ(messageOf(e, "name"), "姓名不能为空");
  EXPECT_EQ(messageOf(e, "blank"), "单位名称不能为空");
  EXPECT_EQ(messageOf(e, "nullish"), "联系电话不能为空");
  EXPECT_EQ(messageOf(e, "empty"), "地址不能为空");
}

TEST(FormText, MaxLengthCountsCharactersNotBytes) {
  // Ten Chinese characters are 30 bytes of UTF-8 but only 10 characters.
  json body = {{"ten", "一二三四五六七八九十"}, {"eleven", "一二三四五六七八九十一"}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("ten", "名称", {true, 10}), "一二三四五六七八九十");
  EXPECT_TRUE(e.empty());
  f.text("eleven", "名称", {true, 10});
  EXPECT_EQ(messageOf(e, "eleven"), "名称不能超过10个字符");
}

TEST(FormText, MaxLengthAppliesAfterTrimming) {
  json body = {{"name", "   abcde   "}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("name", "名称", {false, 5}), "abcde");
  EXPECT_TRUE(e.empty());
}

TEST(FormText, DefaultMaxLengthIsOneHundred) {
  json body = {{"ok", std::string(100, 'a')}, {"long", std::string(101, 'a')}};
  FieldErrors e;
  Form f(body, e);
  f.text("ok", "备注");
  EXPECT_FALSE(e.has("ok"));
  f.text("long", "备注");
  EXPECT_EQ(messageOf(e, "long"), "备注不能超过100个字符");
}

TEST(FormText, NonStringIsAFormatError) {
  json body = {{"n", 5}, {"arr", json::array({"a"})}, {"obj", {{"a", 1}}}, {"b", true}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.text("n", "姓名"), "");
  EXPECT_EQ(f.text("arr", "地址"), "");
  EXPECT_EQ(f.text("obj", "备注"), "");
  EXPECT_EQ(f.text("b", "电话"), "");
  EXPECT_EQ(messageOf(e, "n"), "姓名格式错误,应为文本");
  EXPECT_EQ(messageOf(e, "arr"), "地址格式错误,应为文本");
  EXPECT_EQ(messageOf(e, "obj"), "备注格式错误,应为文本");
  EXPECT_EQ(messageOf(e, "b"), "电话格式错误,应为文本");
}

TEST(FormText, OptionalTextIsNulloptWhenBlank) {
  json body = {{"a", "  "}, {"b", " x "}, {"c", "abcdef"}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.optionalText("a", "甲"), std::nullopt);
  EXPECT_EQ(f.optionalText("missing", "乙"), std::nullopt);
  EXPECT_EQ(f.optionalText("b", "丙"), std::optional<std::string>("x"));
  EXPECT_TRUE(e.empty());
  f.optionalText("c", "丁", 5);
  EXPECT_EQ(messageOf(e, "c"), "丁不能超过5个字符");
}

// ---------------------------------------------------------------- id

TEST(FormId, AcceptsPositiveIntegersAndDigitStrings) {
  json body = {{"orgId", 27}, {"roleId", "42"}, {"big", 9007199254740993LL}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.id("orgId", "所属机构", true), 27);
  EXPECT_EQ(f.id("roleId", "角色", true), 42);
  EXPECT_EQ(f.id("big", "编号", true), 9007199254740993LL);
  EXPECT_TRUE(e.empty());
}

TEST(FormId, MissingRequiredAsksToChoose) {
  json body = {{"nullish", nullptr}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.id("orgId", "所属机构", true), std::nullopt);
  EXPECT_EQ(f.id("nullish", "角色", true), std::nullopt);
  EXPECT_EQ(messageOf(e, "orgId"), "请选择所属机构");
  EXPECT_EQ(messageOf(e, "nullish"), "请选择角色");
}

TEST(FormId, MissingOptionalIsSilent) {
  json body = json::object();
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.id("parentId", "上级机构", false), std::nullopt);
  EXPECT_TRUE(e.empty());
}

TEST(FormId, RejectsNonPositiveAndMalformedValues) {
  json body = {{"zero", 0},      {"neg", -3},       {"frac", 1.5},   {"word", "abc"},
               {"empty", ""},    {"negStr", "-3"},  {"spaced", " 3"}, {"bool", true},
               {"arr", json::array({1, 2})},  {"tooLong", "1234567890123456789"}};
  FieldErrors e;
  Form f(body, e);
  for (const char* k : {"zero", "neg", "frac", "word", "empty", "negStr", "spaced", "bool", "arr", "tooLong"}) {
    EXPECT_EQ(f.id(k, "所属机构", false), std::nullopt) << k;
    EXPECT_EQ(messageOf(e, k), "所属机构格式错误") << k;
  }
}

// Known bug (see report): the digit string "0" (or "00") is accepted and yields id 0, while the number 0
// is rejected as 格式错误.
TEST(FormId, ZeroAsAStringIsRejectedLikeTheNumberZero) {
  json body = {{"orgId", "0"}, {"roleId", "000"}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.id("orgId", "所属机构", true), std::nullopt);
  EXPECT_EQ(f.id("roleId", "角色", true), std::nullopt);
  EXPECT_EQ(messageOf(e, "orgId"), "所属机构格式错误");
  EXPECT_EQ(messageOf(e, "roleId"), "角色格式错误");
}

// ---------------------------------------------------------------- boolean

TEST(FormBoolean, ReadsTrueAndFalse) {
  json body = {{"enabled", true}, {"isPolice", false}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.boolean("enabled", "是否启用", true), std::optional<bool>(true));
  EXPECT_EQ(f.boolean("isPolice", "是否民警", true), std::optional<bool>(false));
  EXPECT_TRUE(e.empty());
}

TEST(FormBoolean, MissingAndWrongTypes) {
  json body = {{"s", "true"}, {"n", 1}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.boolean("enabled", "是否启用", true), std::nullopt);
  EXPECT_EQ(f.boolean("optional", "是否默认", false), std::nullopt);
  EXPECT_EQ(f.boolean("s", "是否民警", false), std::nullopt);
  EXPECT_EQ(f.boolean("n", "是否锁定", false), std::nullopt);
  EXPECT_EQ(messageOf(e, "enabled"), "请选择是否启用");
  EXPECT_FALSE(e.has("optional"));
  EXPECT_EQ(messageOf(e, "s"), "是否民警格式错误,应为是或否");
  EXPECT_EQ(messageOf(e, "n"), "是否锁定格式错误,应为是或否");
}

// ---------------------------------------------------------------- strings / ids

TEST(FormStrings, ReadsAListInOrder) {
  json body = {{"permissions", {"company:view", "org:view", "company:view"}}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.strings("permissions", "权限"), (std::vector<std::string>{"company:view", "org:view", "company:view"}));
  EXPECT_TRUE(f.strings("missing", "权限").empty());
  EXPECT_TRUE(e.empty());
}

TEST(FormStrings, WrongShapesAreReported) {
  json body = {{"notList", "company:view"}, {"mixed", {"a", 1, "b"}}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_TRUE(f.strings("notList", "权限").empty());
  EXPECT_TRUE(f.strings("mixed", "岗位").empty());
  EXPECT_EQ(messageOf(e, "notList"), "权限格式错误,应为列表");
  EXPECT_EQ(messageOf(e, "mixed"), "岗位格式错误");
}

TEST(FormIds, ReadsPositiveIntegers) {
  json body = {{"roleIds", {3, 1, 2}}, {"none", json::array()}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_EQ(f.ids("roleIds", "角色"), (std::vector<long long>{3, 1, 2}));
  EXPECT_TRUE(f.ids("none", "角色").empty());
  EXPECT_TRUE(f.ids("missing", "角色").empty());
  EXPECT_TRUE(e.empty());
}

TEST(FormIds, AnyBadElementRejectsTheWholeList) {
  json body = {{"zero", {1, 0}}, {"neg", {1, -2}}, {"str", json::array({"1"})}, {"frac", json::array({1.5})}, {"notList", 5}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_TRUE(f.ids("zero", "角色").empty());
  EXPECT_TRUE(f.ids("neg", "角色").empty());
  EXPECT_TRUE(f.ids("str", "机构").empty());
  EXPECT_TRUE(f.ids("frac", "机构").empty());
  EXPECT_TRUE(f.ids("notList", "机构").empty());
  EXPECT_EQ(messageOf(e, "zero"), "角色格式错误");
  EXPECT_EQ(messageOf(e, "neg"), "角色格式错误");
  EXPECT_EQ(messageOf(e, "str"), "机构格式错误");
  EXPECT_EQ(messageOf(e, "frac"), "机构格式错误");
  EXPECT_EQ(messageOf(e, "notList"), "机构格式错误,应为列表");
}

// ---------------------------------------------------------------- object / has

TEST(FormObject, ReturnsTheNestedObject) {
  json body = {{"contact", {{"name", "李四"}}}, {"bad", "x"}, {"nullish", nullptr}};
  FieldErrors e;
  Form f(body, e);
  const json* c = f.object("contact", "联系人");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->at("name"), "李四");
  EXPECT_EQ(f.object("missing", "联系人"), nullptr);
  EXPECT_EQ(f.object("nullish", "联系人"), nullptr);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(f.object("bad", "联系人"), nullptr);
  EXPECT_EQ(messageOf(e, "bad"), "联系人格式错误");
}

TEST(FormHas, NullCountsAsAbsent) {
  json body = {{"a", 1}, {"b", nullptr}, {"c", ""}, {"d", false}};
  FieldErrors e;
  Form f(body, e);
  EXPECT_TRUE(f.has("a"));
  EXPECT_FALSE(f.has("b"));
  EXPECT_TRUE(f.has("c"));
  EXPECT_TRUE(f.has("d"));
  EXPECT_FALSE(f.has("zzz"));
}

// ---------------------------------------------------------------- parsePage

TEST(ParsePage, Defaults) {
  auto p = parsePage("", "");
  EXPECT_EQ(p.page, 1);
  EXPECT_EQ(p.size, 20);
  EXPECT_EQ(p.offset(), 0);
}

TEST(ParsePage, ReadsValuesAndComputesOffset) {
  auto p = parsePage("3", "50");
  EXPECT_EQ(p.page, 3);
  EXPECT_EQ(p.size, 50);
  EXPECT_EQ(p.offset(), 100);
}

TEST(ParsePage, SizeIsCappedAt200) {
  EXPECT_EQ(parsePage("1", "200").size, 200);
  EXPECT_EQ(parsePage("1", "201").size, 200);
  EXPECT_EQ(parsePage("1", "999999999").size, 200);
  EXPECT_EQ(parsePage("1", "1").size, 1);
}

// The field named in the 400, for the values that are not a page.
std::string refusedField(const std::string& page, const std::string& size) {
  try {
    parsePage(page, size);
  } catch (const AppError& e) {
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(e.code, "bad_request");
    return e.fields.empty() ? "(none)" : e.fields.begin()->first;
  }
  return "(accepted)";
}

TEST(ParsePage, WhatIsNotAPageIsRefusedNamingTheParameter) {
  for (const char* s : {"0", "abc", "-1", "1.5", " 2", "2 ", "+2", "1e3", "0x10", "１", "2147483648", "99999999999999999999"}) {
    EXPECT_EQ(refusedField(s, "20"), "page") << s;
    EXPECT_EQ(refusedField("1", s), "size") << s;
  }
  EXPECT_EQ(refusedField("10000001", "20"), "page");
}

TEST(ParsePage, LargestPage) {
  auto q = parsePage("10000000", "200");
  EXPECT_EQ(q.page, 10000000);
  EXPECT_EQ(q.offset(), 9999999LL * 200);
}

// ---------------------------------------------------------------- FieldErrors

TEST(FieldErrors, InvalidValuesThrow422WithTheFirstMessage) {
  json body = {{"account", ""}, {"mobile", ""}};
  FieldErrors e;
  Form f(body, e);
  f.text("account", "账号", {true});
  f.text("mobile", "手机号", {true});
  try {
    e.throwIfAny();
    FAIL() << "throwIfAny did not throw";
  } catch (const AppError& err) {
    EXPECT_EQ(err.status, 422);
    EXPECT_EQ(err.code, "validation_failed");
    EXPECT_STREQ(err.what(), "账号不能为空");
    EXPECT_EQ(err.fields.size(), 2u);
  }
}

// API.md: wrong JSON types are a malformed request (400), still naming every field.
TEST(FieldErrors, WrongTypesThrow400WithEveryField) {
  json body = {{"account", ""}, {"mobile", 13800000000LL}, {"orgId", "x"}};
  FieldErrors e;
  Form f(body, e);
  f.text("account", "账号", {true});
  f.text("mobile", "手机号");
  f.id("orgId", "所属机构", true);
  f.text("name", "姓名", {true});
  EXPECT_FALSE(e.empty());
  EXPECT_TRUE(e.has("account"));
  EXPECT_TRUE(e.has("mobile"));
  EXPECT_TRUE(e.has("orgId"));
  EXPECT_TRUE(e.has("name"));
  try {
    e.throwIfAny();
    FAIL() << "throwIfAny did not throw";
  } catch (const AppError& err) {
    EXPECT_EQ(err.status, 400);
    EXPECT_EQ(err.code, "bad_request");
    EXPECT_STREQ(err.what(), "账号不能为空");  // the first field reported, not the alphabetically first
    EXPECT_EQ(err.fields.size(), 4u);
    EXPECT_EQ(err.fields.at("account"), "账号不能为空");
    EXPECT_EQ(err.fields.at("mobile"), "手机号格式错误,应为文本");
    EXPECT_EQ(err.fields.at("orgId"), "所属机构格式错误");
    EXPECT_EQ(err.fields.at("name"), "姓名不能为空");
  }
}

TEST(FieldErrors, FirstMessageFollowsReportOrderNotNames) {
  FieldErrors e;
  e.add("zeta", "最后一个字段错误");
  e.add("alpha", "第一个字段错误");
  try {
    e.throwIfAny();
    FAIL() << "throwIfAny did not throw";
  } catch (const AppError& err) {
    EXPECT_STREQ(err.what(), "最后一个字段错误");
  }
}

TEST(FieldErrors, FirstProblemOfAFieldWins) {
  FieldErrors e;
  e.add("name", "姓名不能为空");
  e.add("name", "姓名不能超过10个字符");
  EXPECT_EQ(messageOf(e, "name"), "姓名不能为空");
  EXPECT_EQ(fieldsOf(e).size(), 1u);
}

TEST(FieldErrors, NothingToThrowWhenEmpty) {
  FieldErrors e;
  EXPECT_TRUE(e.empty());
  EXPECT_FALSE(e.has("x"));
  EXPECT_NO_THROW(e.throwIfAny());
}
