#include "modules/industry/industry_forms.h"

#include "modules/industry/industry_specs.h"

namespace baoan::industry {

const core::FormSpec& guardForm() {
  static const core::FormSpec f{"GuardCreate",
                                {{"name", "姓名", {true, 20}},
                                 {"idNo", "身份证号", {true, 18}},
                                 {"mobile", "手机号", {true, 20}},
                                 {"ethnicity", "民族", {false, 10}},
                                 {"education", "学历", {false, 30}},
                                 {"householdAddress", "户籍地址", {false, 200}},
                                 {"currentAddress", "现住址", {false, 200}},
                                 {"certificateNo", "保安员证编号", {false, 20}},
                                 {"certificateDate", "发证日期", {false, 10}},
                                 {"photoFileId", "照片", {false, 64}},
                                 {"hiredOn", "入职日期", {true, 10}}}};
  return f;
}

const core::FormSpec& guardLeaveForm() {
  static const core::FormSpec f{"GuardLeave", {{"leftOn", "离职日期", {false, 10}}}};
  return f;
}

const core::FormSpec& goodDeedForm() {
  static const core::FormSpec f{"GoodDeedInput",
                                {{"title", "事迹标题", {true, 60}},
                                 {"content", "事迹内容", {true, 2000, true}},
                                 {"occurredOn", "发生日期", {true, 10}},
                                 {"place", "发生地点", {false, 200}}}};
  return f;
}

const core::FormSpec& companyDeregisterForm() {
  static const core::FormSpec f{"CompanyDeregister",
                                {{"date", "注销日期", {true, 10}}, {"reason", "注销原因", {true, 200, true}}}};
  return f;
}

std::vector<const core::FormSpec*> industryForms() {
  std::vector<const core::FormSpec*> out = registryForms();
  for (const auto* f : {&guardForm(), &guardLeaveForm(), &goodDeedForm(), &companyDeregisterForm()}) out.push_back(f);
  return out;
}

}  // namespace baoan::industry
