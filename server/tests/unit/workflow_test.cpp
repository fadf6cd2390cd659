// Chains as data (modules/approval/workflow) and application forms as data (application_form): what
// an administrator may save as a chain, and what an applicant's form must hold at submit.
#include <gtest/gtest.h>

#include "core/error.h"
#include "modules/approval/application_form.h"
#include "modules/approval/workflow.h"

namespace baoan::approval {
namespace {

using nlohmann::json;

std::map<std::string, std::string> fieldsOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const AppError& e) {
    return e.fields;
  }
  return {};
}

TEST(Workflow, EveryBusinessTypeHasADefaultChainOfKnownPosts) {
  for (const char* type : {"company_licence", "training_licence", "exam_registration", "branch_filing", "inhouse_filing",
                           "cross_region_filing", "annual_report", "licence_change", "inhouse_revocation"}) {
    const auto steps = defaultSteps(type);
    ASSERT_FALSE(steps.empty()) << type;
    // The defaults are valid chains by the same rules an administrator's edit must pass.
    EXPECT_EQ(readSteps(stepsJson(steps)).size(), steps.size()) << type;
  }
}

TEST(Workflow, TheCompanyLicenceIsTheEightStepsOfTheManual) {
  const auto steps = defaultSteps("company_licence");
  ASSERT_EQ(steps.size(), 8u);
  EXPECT_EQ(steps[0].post, "city_handler");
  EXPECT_TRUE(steps[0].backgroundCheck);
  EXPECT_EQ(steps[4].kind, StepKind::assign);
  EXPECT_EQ(steps[5].post, "province_officer");
  EXPECT_EQ(steps[7].post, "province_deputy_director");
  int city = 0, province = 0;
  for (const auto& s : steps) (s.level == "city" ? city : province) += s.legalDays;
  EXPECT_EQ(city, 15);  // 设区市 15 working days, province 15 (DOMAIN.md)
  EXPECT_EQ(province, 15);
}

TEST(Workflow, AnEditedChainIsCheckedStepByStep) {
  auto f = fieldsOf([] { readSteps(json::array()); });
  EXPECT_TRUE(f.count("steps"));
  f = fieldsOf([] { readSteps(json::parse(R"([{"name":"审查","post":"nobody","legalDays":5,"promisedDays":6}])")); });
  EXPECT_TRUE(f.count("steps[0].post"));
  f = fieldsOf([] { readSteps(json::parse(R"([{"name":"审查","post":"city_handler","legalDays":5,"promisedDays":6}])")); });
  EXPECT_TRUE(f.count("steps[0].promisedDays"));  // a promise over the legal limit
  f = fieldsOf([] { readSteps(json::parse(R"([{"name":"审查","post":"city_handler","legalDays":"5","promisedDays":5}])")); });
  EXPECT_TRUE(f.count("steps[0].legalDays"));
  // an assignment must be followed by a step of the same level, and cannot end the chain
  f = fieldsOf([] {
    readSteps(json::parse(R"([{"name":"指派","post":"province_section_chief","kind":"assign","legalDays":2,"promisedDays":2}])"));
  });
  EXPECT_TRUE(f.count("steps[0].kind"));
  f = fieldsOf([] {
    readSteps(json::parse(R"([{"name":"指派","post":"province_section_chief","kind":"assign","legalDays":2,"promisedDays":2},
                              {"name":"审查","post":"city_handler","legalDays":2,"promisedDays":2}])"));
  });
  EXPECT_TRUE(f.count("steps[0].kind"));
  // the level comes from the post, whatever was sent
  const auto ok = readSteps(json::parse(R"([{"name":"审查","post":"city_handler","level":"province","legalDays":5,"promisedDays":3}])"));
  EXPECT_EQ(ok[0].level, "city");
  EXPECT_EQ(ok[0].promisedDays, 3);
}

TEST(ApplicationForm, ADraftKeepsWhatIsThereAndASubmissionNeedsEveryRequiredField) {
  const auto* form = applicationForm("company_licence");
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(applicationForm("annual_report"), nullptr);  // not open yet
  const json draft = {{"name", " 咸阳平安保安服务有限公司 "}};
  const auto read = readForm(*form, draft, false);
  EXPECT_EQ(read.values["name"], "咸阳平安保安服务有限公司");
  auto f = fieldsOf([&] { readForm(*form, draft, true); });
  EXPECT_TRUE(f.count("form.legalPerson"));
  EXPECT_TRUE(f.count("form.charterFiles"));
  EXPECT_FALSE(f.count("form.name"));
}

TEST(ApplicationForm, PeopleAreCheckedRowByRowAndArePersonsForTheBackgroundCheck) {
  const auto* form = applicationForm("company_licence");
  json body = {{"managers", json::array({{{"name", "李四"}, {"idNo", "610404199001011234"}}, {{"name", ""}, {"idNo", "123"}}})}};
  auto f = fieldsOf([&] { readForm(*form, body, false); });
  EXPECT_TRUE(f.count("form.managers[1].name"));
  EXPECT_TRUE(f.count("form.managers[1].idNo"));
  body = {{"legalPerson", json::array({{{"name", "张三"}, {"idNo", "11010519491231002x"}, {"mobile", "+8613800000000"}}})},
          {"managers", json::array({{{"name", "李四"}, {"idNo", "11010519491231002X"}, {"role", "总经理"}}})}};
  const auto read = readForm(*form, body, false);
  EXPECT_EQ(read.values["legalPerson"][0]["idNo"], "11010519491231002X");
  EXPECT_EQ(read.values["legalPerson"][0]["mobile"], "13800000000");
  const auto persons = personsOf(*form, read.values);
  ASSERT_EQ(persons.size(), 2u);
  EXPECT_EQ(persons[0].role, "法定代表人");
  EXPECT_EQ(persons[1].role, "总经理");
  // one legal person at most; files are ids of uploads
  body = {{"legalPerson", json::array({{{"name", "甲"}, {"idNo", "11010519491231002X"}}, {{"name", "乙"}, {"idNo", "11010519491231002X"}}})},
          {"charterFiles", "abc"}};
  f = fieldsOf([&] { readForm(*form, body, false); });
  EXPECT_TRUE(f.count("form.legalPerson"));
  EXPECT_TRUE(f.count("form.charterFiles"));
}

}  // namespace
}  // namespace baoan::approval
