// 保安服务公司设立许可 (条例 arts. 8–9, 办法 arts. 5–7): the city reviews, the province decides; the
// grant issues the 保安服务许可证 and puts the company in the registry under its supervising org.
#include "core/dictionaries.h"
#include "modules/approval/types/type_util.h"
#include "modules/licences/licence_service.h"
#include "modules/industry/company_service.h"

namespace baoan::approval {

using nlohmann::json;

BusinessTypeSpec companyLicenceType() {
  BusinessTypeSpec t;
  t.code = "company_licence";
  t.group = "licensing";
  t.issuesLicence = true;
  t.form = {t.code,
            {textField("name", "公司名称", true, 60),
             field("creditCode", "统一社会信用代码", InputType::creditCode, true),
             field("regionCode", "所属区域", InputType::region, true),
             textField("address", "住所", true, 200),
             numberField("regCapital", "注册资本(万元)", true, 100, 10000000),
             choiceField("serviceScope", "服务范围", InputType::multiselect, true, core::dictCodeNames("serviceScopes")),
             peopleField("legalPerson", "法定代表人", true, 1),
             peopleField("managers", "主要管理人员", true, 20),
             peopleField("technicians", "专业技术人员", false, 50),
             textField("facilities", "场所和设施", true, 1000, InputType::textarea),
             textField("organisation", "组织机构和管理制度", true, 1000, InputType::textarea),
             field("businessLicenceFiles", "营业执照", InputType::file, true),
             field("resumeFiles", "法定代表人和主要管理人员的身份证明及履历", InputType::file, true),
             field("capitalFiles", "注册资本证明", InputType::file, true),
             field("technicianFiles", "专业技术人员资格证明", InputType::file, false),
             field("facilityFiles", "场所和设施证明", InputType::file, true),
             field("rulesFiles", "组织机构和管理制度", InputType::file, true),
             field("charterFiles", "公司章程", InputType::file, true)}};
  t.steps = licenceSteps();
  t.whyNot = [](const ApplicantState& s) { return types::unlicensedOnly(s, "company", "保安服务公司"); };
  t.grant = [](GrantContext& g) {
    auto req = types::licenceRequest(g);
    const json legal = types::firstPerson(g.form, "legalPerson");
    const std::string creditCode = types::text(g.form, "creditCode");
    std::string mobile = types::text(legal, "mobile");
    if (mobile.empty()) mobile = g.fx.store.userMobile(g.c, g.row.applicantUserId).value_or("");
    industry::LicensedCompany co{g.row.applicantName, creditCode.empty() ? g.row.applicantCode : creditCode, g.row.regionCode,
                                 req.address, req.serviceScope, req.regCapital, req.legalName, types::text(legal, "idNo"),
                                 mobile, "", req.orgId, g.row.orgPath};
    const long long companyId = g.fx.companies.recordLicence(g.c, g.a, co, g.row.applicantUserId);
    req.holderKind = "company";
    req.holderId = companyId;
    const auto licence = g.fx.licences.issue(g.c, g.a, req);
    g.fx.companies.setLicenceNo(g.c, companyId, licence.number);
    g.issued = IssuedDocument{licences::licenceTypeName(g.row.businessType), licence.number};
  };
  return t;
}

}  // namespace baoan::approval
