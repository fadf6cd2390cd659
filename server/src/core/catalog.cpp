#include "core/catalog.h"

namespace baoan::core {

const std::vector<CodeName>& orgTypes() {
  static const std::vector<CodeName> types = {
      {"province_dept", "省厅"},    {"city_bureau", "市局"},     {"district_bureau", "分局"},
      {"county_bureau", "县局"},    {"police_station", "派出所"}, {"detachment", "支队/处"},
      {"brigade", "大队/科"},       {"other", "其他"},
  };
  return types;
}

std::string_view orgTypeName(std::string_view code) {
  for (const auto& t : orgTypes())
    if (t.code == code) return t.name;
  return {};
}

const std::vector<ApprovalPost>& approvalPosts() {
  static const std::vector<ApprovalPost> posts = {
      {"station_officer", "派出所民警", "station"},
      {"station_chief", "派出所所长", "station"},
      {"county_handler", "县经办民警", "county"},
      {"county_leader", "县局领导", "county"},
      {"city_handler", "市经办民警", "city"},
      {"city_security_leader", "市保安处领导", "city"},
      {"city_public_order_leader", "市治安局领导", "city"},
      {"city_bureau_leader", "市局领导", "city"},
      {"province_section_chief", "省厅科长", "province"},
      {"province_officer", "省厅民警", "province"},
      {"province_deputy_director", "省厅保安处副处长", "province"},
  };
  return posts;
}

const ApprovalPost* findApprovalPost(std::string_view code) {
  for (const auto& p : approvalPosts())
    if (p.code == code) return &p;
  return nullptr;
}

const std::vector<BusinessType>& businessTypes() {
  // Receives → decides per 办法 arts. 3–4; the chains themselves are configurable in the approval module.
  static const std::vector<std::string_view> licenceChain = {
      "city_handler",           "city_security_leader", "city_public_order_leader", "city_bureau_leader",
      "province_section_chief", "province_officer",     "province_deputy_director"};
  static const std::vector<std::string_view> filingChain = {"city_handler", "city_security_leader"};
  static const std::vector<BusinessType> types = {
      {"company_licence", "保安服务公司许可证", licenceChain},
      {"training_licence", "保安培训单位许可证", licenceChain},
      {"exam_registration", "保安员资格证考试报名",
       {"station_officer", "station_chief", "county_handler", "city_handler", "city_security_leader"}},
      {"licence_change", "保安服务(培训)许可证项目变更",
       {"city_handler", "city_security_leader", "province_section_chief", "province_officer",
        "province_deputy_director"}},
      {"inhouse_filing", "自行招用保安员单位备案", filingChain},
      {"annual_report", "保安服务公司年度报告备案", filingChain},
      {"branch_filing", "保安服务公司设立分公司备案", filingChain},
      {"cross_region_filing", "保安跨区域服务备案", filingChain},
      {"inhouse_revocation", "自行招用保安员单位撤销备案", filingChain},
      {"certificate_issuance", "保安员证制证审批", filingChain},
  };
  return types;
}

const BusinessType* findBusinessType(std::string_view code) {
  for (const auto& t : businessTypes())
    if (t.code == code) return &t;
  return nullptr;
}

const std::vector<MenuGroup>& menus() {
  // Only what is built is listed; later modules add their chapters here.
  static const std::vector<MenuGroup> groups = {
      {"system",
       "系统管理",
       "Setting",
       {
           {"orgs", "机构管理", "/system/orgs", "org:view"},
           {"roles", "角色管理", "/system/roles", "role:view"},
           {"users", "用户管理", "/system/users", "user:view"},
           {"audit-logs", "操作日志", "/system/audit-logs", "audit_log:view"},
           {"login-logs", "登录日志", "/system/login-logs", "login_log:view"},
           {"sms", "短信记录", "/system/sms", "sms_message:view"},
           {"calendar", "工作日历", "/system/calendar", "calendar:view"},
           {"watch-list", "名单管理", "/system/watch-list", "watch_list:view"},
           {"workflows", "审批流程", "/system/workflows", "workflow:view"},
       }},
      {"industry",
       "行业信息",
       "OfficeBuilding",
       {
           {"associations", "保安协会管理", "/industry/associations", "association:view"},
           {"companies", "保安服务公司管理", "/industry/companies", "company:view"},
           {"inhouse-units", "自行招用保安员单位管理", "/industry/inhouse-units", "inhouse_unit:view"},
           {"training-units", "保安培训单位信息管理", "/industry/training-units", "training_unit:view"},
           {"guards", "保安员管理", "/industry/guards", "guard:view"},
           {"good-deeds", "好人好事管理", "/industry/good-deeds", "good_deed:view"},
       }},
      {"todo", "待办事项", "Bell", {{"todo", "通用审批", "/approval/todo", "approval:view"}}},
      {"licensing",
       "许可管理",
       "Postcard",
       {
           {"company-licence-cases", "保安服务公司许可证审批", "/licensing/company-licence-cases", "company_licence:view"},
           {"licences", "保安服务许可证", "/licensing/licences", "licence:view"},
           {"training-licence-cases", "保安培训单位许可证审批", "/licensing/training-licence-cases", "training_licence:view"},
           {"training-licences", "保安培训单位许可证", "/licensing/training-licences", "licence:view"},
       }},
      {"filing",
       "备案管理",
       "Files",
       {
           {"branch-filing-cases", "保安服务公司设立分公司备案", "/filing/branch-filing-cases", "branch_filing:view"},
           {"inhouse-filing-cases", "自行招用保安员单位备案", "/filing/inhouse-filing-cases", "inhouse_filing:view"},
           {"cross-region-filing-cases", "保安跨区域服务备案", "/filing/cross-region-filing-cases", "cross_region_filing:view"},
           {"annual-report-cases", "保安服务公司年度报告备案", "/filing/annual-report-cases", "annual_report:view"},
       }},
      {"change",
       "变更管理",
       "EditPen",
       {
           {"licence-change-cases", "保安服务(培训)许可证项目变更", "/change/licence-change-cases", "licence_change:view"},
           {"inhouse-revocation-cases", "自行招用保安员单位撤销备案", "/change/inhouse-revocation-cases", "inhouse_revocation:view"},
       }},
      {"exam",
       "保安员资格许可",
       "Medal",
       {
           {"exam-registrations", "保安员资格证考试报名", "/exam/registrations", "exam_registration:view"},
           {"exams", "考试安排", "/exam/exams", "exam:view"},
           {"certificates", "保安员资格证", "/exam/certificates", "certificate:view"},
       }},
      // 地图可视化 §7: a full-screen view of its own (web/src/views/map, outside the admin layout); its modes
      // (一键搜, 人员/公司/任务统计, 紧急任务) are tabs of that view, each shown when the user holds its permission.
      // 任务中心 lists the companies' tasks read-only (issue 14).
      {"map",
       "地图可视化",
       "MapLocation",
       {
           {"map", "地图总览", "/map", "quick_search:view"},
           {"task-center", "任务中心", "/tasks", "task_center:view"},
       }},
      // 统计管理 (§8): 审批统计 (stats_approval) and 企业统计 (stats_company).
      {"stats",
       "统计管理",
       "DataAnalysis",
       {
           {"stats-approvals", "审批情况分析", "/stats/approvals", "stats_approval:view"},
           {"stats-exam-registrations", "保安员资格证考试报名分析", "/stats/exam-registrations", "stats_approval:view"},
           {"stats-exam-figures", "考试报名数据统计", "/stats/exam-figures", "stats_approval:view"},
           {"stats-companies", "保安服务公司分析", "/stats/companies", "stats_company:view"},
           {"stats-guards", "保安员分析", "/stats/guards", "stats_company:view"},
           {"stats-company-query", "保安服务公司管理数据查询", "/stats/company-query", "stats_company:view", "company:view"},
           {"stats-guard-query", "保安员数据查询", "/stats/guard-query", "stats_company:view", "guard:view"},
       }},
      {"supervision",
       "建议管理",
       "ChatLineSquare",
       {
           {"inspections", "监督检查情况管理", "/supervision/inspections", "inspection:view"},
           {"feedback", "市民意见建议", "/supervision/feedback", "citizen_feedback:view"},
           {"flagged-persons", "问题人员", "/supervision/flagged-persons", "flagged_person:view"},
       }},
      // The company portal (extranet): company accounts hold these implicit permissions only.
      {"portal",
       "企业服务",
       "Briefcase",
       {
           {"portal-applications", "业务申请", "/portal/applications", "portal:application"},
           {"portal-company", "企业信息", "/portal/company", "portal:company"},
           {"portal-guards", "保安员管理", "/portal/guards", "portal:guard"},
           {"portal-good-deeds", "好人好事", "/portal/good-deeds", "portal:good_deed"},
           {"portal-exam-registrations", "考试报名", "/portal/exam-registrations", "portal:exam_registration"},
           {"portal-messages", "消息通知", "/portal/messages", "portal:application"},
           {"portal-tasks", "任务管理", "/portal/tasks", "portal:task"},
           {"portal-emergency-tasks", "紧急任务", "/portal/emergency-tasks", "portal:emergency_task"},
           {"portal-rectifications", "整改通知", "/portal/rectifications", "portal:rectification"},
           {"portal-flagged-guards", "问题人员", "/portal/flagged-guards", "portal:flagged_guard"},
       }},
  };
  return groups;
}

}  // namespace baoan::core
