// Chains as data (modules/approval/workflow) and application forms as data (application_form): what
// an administrator may save as a chain, and what an applicant's form must hold at submit.
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/catalog.h"
#include "modules/approval/application_form.h"
#include "modules/approval/business_type.h"
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
  // The exam registration's form: its 户籍地 must name a town (the 派出所 is found by it).
  const auto* exam = applicationForm("exam_registration");
  ASSERT_NE(exam, nullptr);
  EXPECT_THROW(readForm(*exam, {{"householdRegion", "610404"}}, false), AppError);
  EXPECT_EQ(readForm(*exam, {{"householdRegion", "610404003000"}}, false).values["householdRegion"], "610404003000");
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

// ---- business type declarations (issue 12) -------------------------------------------------------

TEST(BusinessTypes, EveryCatalogTypeIsDeclaredOnceWithAValidChain) {
  for (const auto& t : core::businessTypes()) {
    const auto* spec = findSpec(t.code);
    ASSERT_NE(spec, nullptr) << t.code;
    EXPECT_EQ(readSteps(stepsJson(spec->steps)).size(), spec->steps.size()) << t.code;
    // Every post a chain names is one the catalog lets a user hold for that type.
    for (const auto& s : spec->steps)
      EXPECT_NE(std::find(t.posts.begin(), t.posts.end(), s.post), t.posts.end()) << t.code << " " << s.post;
  }
  EXPECT_EQ(businessTypeSpecs().size(), core::businessTypes().size());
}

TEST(BusinessTypes, OnlyFilingsBatchAndOnlyLicencesIssueADocument) {
  // 制证审批 batches too: one opinion for the candidates of an exam (manual §6.3.1).
  for (const auto& spec : businessTypeSpecs()) {
    EXPECT_EQ(spec.batchable, spec.group == "filing" || spec.code == "inhouse_revocation" || spec.code == "certificate_issuance")
        << spec.code;
    EXPECT_EQ(spec.issuesLicence, spec.group == "licensing") << spec.code;
  }
}

TEST(BusinessTypes, WhoMayApplyFollowsTheAccountsKindAndState) {
  const ApplicantState newCompany{"applicant", "company", false, false};
  const ApplicantState licensed{"company", "company", true, false};
  const ApplicantState training{"applicant", "training_unit", false, false};
  const ApplicantState inhouse{"applicant", "inhouse_unit", false, false};
  const ApplicantState filed{"inhouse_unit", "inhouse_unit", false, true};
  auto may = [](const char* type, const ApplicantState& s) { return !findSpec(type)->whyNot(s).has_value(); };
  EXPECT_TRUE(may("company_licence", newCompany));
  EXPECT_FALSE(may("company_licence", licensed));
  EXPECT_FALSE(may("company_licence", training));
  EXPECT_TRUE(may("training_licence", training));
  for (const char* t : {"branch_filing", "cross_region_filing", "annual_report", "licence_change"}) {
    EXPECT_TRUE(may(t, licensed)) << t;
    EXPECT_FALSE(may(t, newCompany)) << t;
  }
  EXPECT_TRUE(may("inhouse_filing", inhouse));
  EXPECT_FALSE(may("inhouse_filing", filed));
  EXPECT_TRUE(may("inhouse_revocation", filed));
  EXPECT_FALSE(may("inhouse_revocation", inhouse));
  EXPECT_EQ(*findSpec("branch_filing")->whyNot(newCompany), "取得许可证后方可申请");
}

TEST(BusinessTypes, TheProvinceDecidesALicenceChangeOnlyWhenTheLegalPersonChanges) {
  Chain chain;
  chain.steps = findSpec("licence_change")->steps;
  ASSERT_TRUE(chain.conditional());
  const json address = {{"changes", json::array({{{"item", "address"}, {"newValue", "新地址"}}})}};
  const json legal = {{"changes", json::array({{{"item", "address"}, {"newValue", "x"}}, {{"item", "legalName"}, {"newValue", "李四"}}})}};
  EXPECT_EQ(chain.nextStep(-1, address), 0);
  EXPECT_EQ(chain.nextStep(1, address), std::nullopt);  // the city's leader decides
  EXPECT_EQ(chain.lastStep(address), 1);
  EXPECT_EQ(chain.nextStep(1, legal), 2);  // on to the province's 指派
  EXPECT_EQ(chain.lastStep(legal), 4);
  // The condition is data: it survives the round trip of an administrator's edit.
  EXPECT_EQ(readSteps(stepsJson(chain.steps))[2].onlyIf, "changes:legalName");
  json bad = stepsJson(chain.steps);
  bad[3]["onlyIf"] = "legalName";
  EXPECT_THROW(readSteps(bad), AppError);
}

TEST(BusinessTypes, ALateFilingIsNamedNotRefused) {
  const core::WorkingCalendar cal;  // weekends only
  const LateRule branch = *findSpec("branch_filing")->late;  // 15 working days after the branch is set up
  const json form = {{"setUpOn", "2026-11-02"}};               // a Monday: due 2026-11-23
  EXPECT_EQ(lateFiling(branch, form, *core::parseDate("2026-11-23"), cal), std::nullopt);
  const auto late = lateFiling(branch, form, *core::parseDate("2026-11-24"), cal);
  ASSERT_TRUE(late.has_value());
  EXPECT_NE(late->find("2026-11-23"), std::string::npos);
  const LateRule crossRegion = *findSpec("cross_region_filing")->late;  // before the service starts
  EXPECT_EQ(lateFiling(crossRegion, {{"periodFrom", "2026-12-01"}}, *core::parseDate("2026-11-30"), cal), std::nullopt);
  EXPECT_TRUE(lateFiling(crossRegion, {{"periodFrom", "2026-12-01"}}, *core::parseDate("2026-12-01"), cal).has_value());
  EXPECT_EQ(lateFiling(crossRegion, json::object(), *core::parseDate("2026-12-01"), cal), std::nullopt);
}

TEST(ApplicationForm, PicksAndChangesAreReadByTheirFieldType) {
  const auto* change = applicationForm("licence_change");
  ASSERT_NE(change, nullptr);
  const json form = {{"licenceId", 7},
                     {"changes", json::array({{{"item", "address"}, {"newValue", " 咸阳市渭城区新址1号 "}, {"oldValue", "forged"}}})}};
  const auto read = readForm(*change, form, false);
  EXPECT_EQ(read.licenceIds, std::vector<long long>{7});
  EXPECT_EQ(read.values["changes"][0]["newValue"], "咸阳市渭城区新址1号");
  EXPECT_FALSE(read.values["changes"][0].contains("oldValue"));  // the server fills it in from the licence
  auto fieldOf = [&](const json& bad) {
    try {
      readForm(*change, bad, false);
    } catch (const AppError& e) {
      return e.fields.begin()->first;
    }
    return std::string("accepted");
  };
  EXPECT_EQ(fieldOf({{"licenceId", "7"}}), "form.licenceId");
  EXPECT_EQ(fieldOf({{"changes", json::array({{{"item", "colour"}, {"newValue", "红"}}})}}), "form.changes[0].item");
  EXPECT_EQ(fieldOf({{"changes", json::array({{{"item", "name"}, {"newValue", ""}}})}}), "form.changes[0].newValue");
  const auto* cross = applicationForm("cross_region_filing");
  EXPECT_EQ(readForm(*cross, {{"guardIds", {3, 4}}}, false).guardIds, (std::vector<long long>{3, 4}));
  try {
    readForm(*cross, {{"guardIds", {3, 3}}}, false);
    ADD_FAILURE() << "a repeated guard was accepted";
  } catch (const AppError& e) {
    EXPECT_EQ(e.fields.begin()->first, "form.guardIds");
  }
}

}  // namespace
}  // namespace baoan::approval
