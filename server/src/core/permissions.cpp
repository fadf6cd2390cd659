#include "core/permissions.h"

#include <algorithm>

namespace baoan::core {

const std::vector<PermissionAction>& permissionActions() {
  static const std::vector<PermissionAction> actions = {
      {"view", "查看"},     {"create", "新增"}, {"update", "修改"},          {"delete", "删除"},
      {"import", "导入"},   {"export", "导出"}, {"approve", "审批"},         {"end", "结束"},
      {"reset_password", "重置密码"}, {"print", "打印"}, {"pii", "查看完整个人信息"}, {"manage", "管理"},
      {"revoke", "吊销/注销"},
  };
  return actions;
}

std::string_view actionName(std::string_view action) {
  for (const auto& a : permissionActions())
    if (a.code == action) return a.name;
  return action;
}

const std::vector<PermissionModule>& permissionModules() {
  static const std::vector<PermissionModule> modules = {
      // 系统管理 §2
      {"org", "机构管理", "系统管理", {"view", "create", "update", "delete"}},
      {"role", "角色管理", "系统管理", {"view", "create", "update", "delete"}},
      {"user", "用户管理", "系统管理", {"view", "create", "update", "reset_password", "pii"}},
      {"audit_log", "操作日志", "系统管理", {"view"}},
      {"login_log", "登录日志", "系统管理", {"view"}},
      {"sms_message", "短信记录", "系统管理", {"view"}},
      {"workflow", "审批流程", "系统管理", {"view", "update"}},
      {"calendar", "工作日历", "系统管理", {"view", "update"}},
      {"watch_list", "名单管理", "系统管理", {"view", "create", "update", "delete", "import", "export", "pii"}},
      // 行业信息 §3
      {"association", "保安协会管理", "行业信息", {"view", "create", "update", "delete", "export", "pii"}},
      {"company", "保安服务公司管理", "行业信息", {"view", "create", "update", "delete", "export", "reset_password", "pii"}},
      {"inhouse_unit", "自行招用保安员单位管理", "行业信息", {"view", "create", "update", "delete", "export", "pii"}},
      {"training_unit", "保安培训单位信息管理", "行业信息", {"view", "create", "update", "delete", "export", "pii"}},
      {"guard", "保安员管理", "行业信息", {"view", "export", "pii"}},
      {"good_deed", "好人好事管理", "行业信息", {"view", "export"}},
      // 待办事项 §4
      {"approval", "通用审批", "待办事项", {"view", "approve", "import", "export"}},
      // 许可管理 §5
      {"company_licence", "保安服务公司许可证管理", "许可管理", {"view", "print", "export"}},
      {"licence", "保安服务许可证", "许可管理", {"view", "print", "export", "revoke"}},
      {"training_licence", "设立保安培训单位行政许可证管理", "许可管理", {"view", "print", "export"}},
      {"branch_filing", "保安服务公司设立分公司备案管理", "许可管理", {"view", "print", "export"}},
      {"inhouse_filing", "自行招用保安员单位备案管理", "许可管理", {"view", "print", "export"}},
      {"cross_region_filing", "保安跨区域服务备案管理", "许可管理", {"view", "print", "export"}},
      {"annual_report", "保安服务公司年度报告备案管理", "许可管理", {"view", "print", "export", "manage"}},
      {"licence_change", "保安服务(培训)许可证项目变更管理", "许可管理", {"view", "print", "export"}},
      {"inhouse_revocation", "自行招用保安员单位撤销备案管理", "许可管理", {"view", "print", "export"}},
      // 保安员资格许可 §6
      {"exam_registration", "保安员资格证考试报名", "保安员资格许可", {"view", "create", "update", "export", "pii", "manage"}},
      {"exam", "考试安排", "保安员资格许可", {"view", "create", "update", "delete", "import", "export", "print"}},
      {"exam_fee", "考试收费标准", "保安员资格许可", {"view", "update"}},
      {"exam_payment", "考试缴费", "保安员资格许可", {"view", "create"}},
      // 制证 §6.3: 制证审批 runs in 待办 (approval:approve and the posts of certificate_issuance); print and
      // 发放登记 (update), 吊销 (revoke), full ID numbers (pii).
      {"certificate_issuance", "保安员证制证审批", "保安员资格许可", {"view", "print", "export"}},
      {"certificate", "保安员资格证", "保安员资格许可", {"view", "print", "export", "update", "revoke", "pii"}},
      // 地图可视化 §7
      {"quick_search", "一键搜", "地图可视化", {"view"}},
      {"personnel_center", "人员中心", "地图可视化", {"view"}},
      {"company_center", "公司中心", "地图可视化", {"view"}},
      {"task_center", "任务中心", "地图可视化", {"view", "export"}},
      {"emergency_task", "紧急任务", "地图可视化", {"view", "create", "end"}},
      // 统计管理 §8
      {"stats_approval", "审批统计", "统计管理", {"view", "export"}},
      {"stats_company", "企业统计", "统计管理", {"view", "export"}},
      // 建议管理 §9
      {"inspection", "监督检查情况管理", "建议管理", {"view", "create", "update", "delete", "import", "export", "manage"}},
      {"citizen_feedback", "市民意见建议", "建议管理", {"view", "update", "manage"}},
      {"flagged_person", "问题人员", "建议管理", {"view", "update", "import", "export"}},
  };
  return modules;
}

const std::vector<std::string>& allPermissions() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const auto& m : permissionModules())
      for (auto a : m.actions) v.push_back(std::string(m.code) + ":" + std::string(a));
    return v;
  }();
  return all;
}

bool isKnownPermission(std::string_view code) {
  const auto& all = allPermissions();
  return std::find(all.begin(), all.end(), code) != all.end();
}

const std::set<std::string>& portalPermissions() {
  static const std::set<std::string> p = {"portal:company", "portal:guard", "portal:good_deed", "portal:application",
                                          "portal:exam_registration", "portal:task", "portal:emergency_task",
                                          "portal:rectification", "portal:flagged_guard"};
  return p;
}

}  // namespace baoan::core
