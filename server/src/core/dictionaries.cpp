#include "core/dictionaries.h"

#include <algorithm>

namespace baoan::core {

namespace {

Dictionary ethnicityDictionary() {
  // GB 3304 names serve as codes: they are what forms show and files hold.
  static const char* names[] = {"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族",
                                "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族",
                                "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族",
                                "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族",
                                "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
                                "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族"};
  Dictionary d{"ethnicities", "民族", {}};
  for (const char* n : names) d.items.push_back({n, n, ""});
  return d;
}

std::vector<Dictionary> build() {
  return {
      // 服务范围 of a security company (条例 art. 8 service kinds).
      {"serviceScopes", "服务范围",
       {{"door", "门卫", ""}, {"patrol", "巡逻", ""}, {"guarding", "守护", ""}, {"escort", "押运", ""},
        {"bodyguard", "随身护卫", ""}, {"inspection", "安全检查", ""}, {"technical", "安全技术防范", ""},
        {"risk_assessment", "安全风险评估", ""}}},
      // 许可证状态 (§5.1): 有效, 注销 (the holder gave it up / closed), 吊销 (revoked as a penalty).
      {"licenceStatuses", "许可证状态", {{"valid", "有效", "success"}, {"cancelled", "注销", "info"}, {"revoked", "吊销", "danger"},
                                     {"replaced", "换发", "warning"}}},
      // 任务类型 / 任务状态 of a company's service task (issue 14, modules/tasks): 未开始 / 进行中 / 已结束
      // follow from the dates, 已取消 is the company's.
      {"taskTypes", "任务类型",
       {{"door", "门卫", ""}, {"patrol", "巡逻", ""}, {"guarding", "守护", ""}, {"escort", "押运", ""},
        {"bodyguard", "随身护卫", ""}, {"inspection", "安全检查", ""}, {"event", "大型活动", ""}, {"other", "其他", ""}}},
      {"taskStatuses", "任务状态", {{"pending", "未开始", "info"}, {"running", "进行中", "success"}, {"ended", "已结束", ""},
                                 {"cancelled", "已取消", "danger"}}},
      ethnicityDictionary(),
      {"educations", "学历",
       {{"primary", "小学", ""}, {"junior", "初中", ""}, {"senior", "高中", ""}, {"secondary_vocational", "中专", ""},
        {"college", "大专", ""}, {"bachelor", "本科", ""}, {"master", "硕士研究生", ""}, {"doctor", "博士研究生", ""}}},
      {"companyStatuses", "公司状态", {{"active", "正常", "success"}, {"deregistered", "已注销", "info"},
                                    {"licence_revoked", "许可证已吊销", "danger"}, {"licence_cancelled", "许可证已注销", "warning"}}},
      // An SMS in the outbox: queued until the relay hands it to the gateway (adapters/sms).
      {"smsStatuses", "短信状态",
       {{"queued", "待发送", "warning"}, {"sending", "发送中", "primary"}, {"sent", "已发送", "success"},
        {"failed", "发送失败", "danger"}}},
      // Why an SMS was sent (sms_messages.purpose).
      {"smsPurposes", "短信用途",
       {{"verification_code", "短信验证码", ""}, {"account_created", "账号开通通知", ""},
        {"password_reset", "密码重置通知", ""}, {"emergency_task", "紧急任务通知", ""}}},
      // The web app's tags of flags and states (DictTag). A boolean field's codes are "true" / "false".
      {"companyInitStatuses", "企业初始化", {{"true", "已初始化", "primary"}, {"false", "未初始化", "info"}}},
      {"employmentStatuses", "在职状态", {{"true", "在职", "success"}, {"false", "离职", "info"}}},
      {"employerKinds", "用人单位类型", {{"company", "保安服务公司", ""}, {"inhouse", "自行招用单位", ""}}},
      {"realNameStatuses", "实名认证", {{"true", "已认证", "success"}, {"false", "未认证", "info"}}},
      {"appInitStatuses", "App初始化", {{"true", "已初始化", "success"}, {"false", "未初始化", "info"}}},
      // A user's account: locked (too many wrong passwords) wins over disabled.
      {"userStatuses", "用户状态",
       {{"enabled", "启用", "success"}, {"disabled", "停用", "info"}, {"locked", "锁定", "warning"}}},
      {"userKinds", "账号类型", {{"officer", "民警账号", "primary"}, {"company", "企业账号", "warning"}}},
      {"loginResults", "登录结果", {{"true", "成功", "success"}, {"false", "失败", "danger"}}},
  };
}

}  // namespace

const std::vector<Dictionary>& dictionaries() {
  static const std::vector<Dictionary> all = build();
  return all;
}

const Dictionary* findDictionary(std::string_view key) {
  const auto& all = dictionaries();
  auto it = std::find_if(all.begin(), all.end(), [&](const Dictionary& d) { return d.key == key; });
  return it == all.end() ? nullptr : &*it;
}

namespace {
const DictItem* findItem(std::string_view key, std::string_view code) {
  const Dictionary* d = findDictionary(key);
  if (!d) return nullptr;
  auto it = std::find_if(d->items.begin(), d->items.end(), [&](const DictItem& i) { return i.code == code; });
  return it == d->items.end() ? nullptr : &*it;
}
}  // namespace

std::string dictName(std::string_view key, std::string_view code) {
  const DictItem* i = findItem(key, code);
  return std::string(i ? i->name : code);
}

bool dictHas(std::string_view key, std::string_view code) { return findItem(key, code) != nullptr; }

std::vector<CodeName> dictCodeNames(std::string_view key) {
  std::vector<CodeName> out;
  if (const Dictionary* d = findDictionary(key))
    for (const auto& i : d->items) out.push_back({i.code, i.name});
  return out;
}

}  // namespace baoan::core
