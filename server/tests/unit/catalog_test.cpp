// Unit tests for core/permissions and core/catalog: the fixed vocabularies must be self-consistent and
// hold the modules, posts and org types the user manual describes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/permissions.h"

using namespace baoan::core;

namespace {

const PermissionModule* findModule(std::string_view code) {
  for (const auto& m : permissionModules())
    if (m.code == code) return &m;
  return nullptr;
}

std::set<std::string_view> actionsOf(std::string_view module) {
  const auto* m = findModule(module);
  if (!m) return {};
  return {m->actions.begin(), m->actions.end()};
}

bool hasAction(std::string_view code) {
  const auto& a = permissionActions();
  return std::any_of(a.begin(), a.end(), [&](const PermissionAction& x) { return x.code == code; });
}

}  // namespace

// ---------------------------------------------------------------- permissions

TEST(Permissions, EveryModuleActionIsADeclaredAction) {
  for (const auto& m : permissionModules()) {
    EXPECT_FALSE(m.actions.empty()) << m.code;
    for (auto a : m.actions) {
      EXPECT_TRUE(hasAction(a)) << m.code << ":" << a;
      EXPECT_NE(actionName(a), a) << "no Chinese name for " << a;
    }
  }
}

TEST(Permissions, ActionNames) {
  EXPECT_EQ(actionName("view"), "查看");
  EXPECT_EQ(actionName("create"), "新增");
  EXPECT_EQ(actionName("approve"), "审批");
  EXPECT_EQ(actionName("end"), "结束");
  EXPECT_EQ(actionName("unknown_action"), "unknown_action");  // falls back to the code
}

TEST(Permissions, ModuleCodesAreUniqueAndNamed) {
  std::set<std::string_view> codes;
  for (const auto& m : permissionModules()) {
    EXPECT_TRUE(codes.insert(m.code).second) << "duplicate module " << m.code;
    EXPECT_FALSE(m.name.empty()) << m.code;
    EXPECT_FALSE(m.group.empty()) << m.code;
    EXPECT_EQ(m.code.find(':'), std::string_view::npos) << m.code;
    std::set<std::string_view> actions(m.actions.begin(), m.actions.end());
    EXPECT_EQ(actions.size(), m.actions.size()) << "duplicate action in " << m.code;
  }
}

TEST(Permissions, AllPermissionsIsEveryModuleActionOnceEach) {
  const auto& all = allPermissions();
  std::set<std::string> unique(all.begin(), all.end());
  EXPECT_EQ(unique.size(), all.size()) << "duplicates in allPermissions()";
  std::size_t expected = 0;
  for (const auto& m : permissionModules()) {
    expected += m.actions.size();
    for (auto a : m.actions) EXPECT_TRUE(unique.count(std::string(m.code) + ":" + std::string(a))) << m.code << a;
  }
  EXPECT_EQ(all.size(), expected);
}

TEST(Permissions, IsKnownPermission) {
  EXPECT_TRUE(isKnownPermission("company:view"));
  EXPECT_TRUE(isKnownPermission("emergency_task:end"));
  EXPECT_TRUE(isKnownPermission("user:reset_password"));
  EXPECT_FALSE(isKnownPermission("company:approve"));  // action exists, not for this module
  EXPECT_FALSE(isKnownPermission("company"));
  EXPECT_FALSE(isKnownPermission("company:"));
  EXPECT_FALSE(isKnownPermission(":view"));
  EXPECT_FALSE(isKnownPermission(""));
  EXPECT_FALSE(isKnownPermission("Company:view"));
}

TEST(Permissions, ManualModulesExist) {
  for (std::string_view code : {"quick_search", "personnel_center", "task_center", "emergency_task", "approval",
                                "citizen_feedback", "association", "inspection", "training_licence", "branch_filing",
                                "org", "role", "user", "company", "guard"})
    EXPECT_NE(findModule(code), nullptr) << code;
}

TEST(Permissions, EmergencyTaskCanBeCreatedEndedAndViewed) {
  auto a = actionsOf("emergency_task");
  EXPECT_TRUE(a.count("create"));
  EXPECT_TRUE(a.count("end"));
  EXPECT_TRUE(a.count("view"));
}

TEST(Permissions, ApprovalCanBeExportedImportedApprovedAndViewed) {
  auto a = actionsOf("approval");
  for (std::string_view x : {"export", "import", "approve", "view"}) EXPECT_TRUE(a.count(x)) << x;
}

TEST(Permissions, EveryModuleCanBeViewed) {
  for (const auto& m : permissionModules()) EXPECT_TRUE(actionsOf(m.code).count("view")) << m.code;
}

TEST(Permissions, ModuleNamesFromTheManual) {
  EXPECT_EQ(findModule("company")->name, "保安服务公司管理");
  EXPECT_EQ(findModule("quick_search")->name, "一键搜");
  EXPECT_EQ(findModule("citizen_feedback")->name, "市民意见建议");
  EXPECT_EQ(findModule("association")->name, "保安协会管理");
}

// ---------------------------------------------------------------- catalog

TEST(Catalog, OrgTypesIncludePoliceHierarchy) {
  std::set<std::string_view> names;
  std::set<std::string_view> codes;
  for (const auto& t : orgTypes()) {
    names.insert(t.name);
    EXPECT_TRUE(codes.insert(t.code).second) << "duplicate org type " << t.code;
  }
  for (std::string_view n : {"省厅", "市局", "分局", "县局", "派出所"}) EXPECT_TRUE(names.count(n)) << n;
}

TEST(Catalog, OrgTypeName) {
  EXPECT_EQ(orgTypeName("province_dept"), "省厅");
  EXPECT_EQ(orgTypeName("city_bureau"), "市局");
  EXPECT_EQ(orgTypeName("police_station"), "派出所");
  EXPECT_EQ(orgTypeName("nope"), "");
  EXPECT_EQ(orgTypeName(""), "");
}

TEST(Catalog, ApprovalPostsAreUniqueWithKnownLevels) {
  std::set<std::string_view> codes;
  for (const auto& p : approvalPosts()) {
    EXPECT_TRUE(codes.insert(p.code).second) << "duplicate post " << p.code;
    EXPECT_FALSE(p.name.empty());
    EXPECT_TRUE(p.level == "station" || p.level == "county" || p.level == "city" || p.level == "province")
        << p.code << " level " << p.level;
    EXPECT_EQ(findApprovalPost(p.code), &p);
  }
  EXPECT_EQ(findApprovalPost("nope"), nullptr);
}

TEST(Catalog, EveryBusinessTypePostExists) {
  ASSERT_FALSE(businessTypes().empty());
  std::set<std::string_view> codes;
  for (const auto& t : businessTypes()) {
    EXPECT_TRUE(codes.insert(t.code).second) << "duplicate business type " << t.code;
    EXPECT_FALSE(t.posts.empty()) << t.code;
    std::set<std::string_view> posts(t.posts.begin(), t.posts.end());
    EXPECT_EQ(posts.size(), t.posts.size()) << "post repeated in chain of " << t.code;
    for (auto post : t.posts) EXPECT_NE(findApprovalPost(post), nullptr) << t.code << " → " << post;
    EXPECT_EQ(findBusinessType(t.code), &t);
  }
  EXPECT_EQ(findBusinessType("nope"), nullptr);
}

TEST(Catalog, ChainsClimbFromLowerToHigherLevels) {
  // A default chain never goes back down (e.g. from the 省厅 to a 派出所).
  auto rank = [](std::string_view level) {
    if (level == "station") return 0;
    if (level == "county") return 1;
    if (level == "city") return 2;
    return 3;
  };
  for (const auto& t : businessTypes()) {
    int last = -1;
    for (auto post : t.posts) {
      const auto* p = findApprovalPost(post);
      ASSERT_NE(p, nullptr);
      EXPECT_GE(rank(p->level), last) << t.code << " at " << post;
      last = rank(p->level);
    }
  }
}

TEST(Catalog, LicenceBusinessTypesEndAtTheProvince) {
  for (std::string_view code : {"company_licence", "training_licence"}) {
    const auto* t = findBusinessType(code);
    ASSERT_NE(t, nullptr) << code;
    EXPECT_EQ(findApprovalPost(t->posts.back())->level, "province") << code;
  }
  const auto* exam = findBusinessType("exam_registration");
  ASSERT_NE(exam, nullptr);
  EXPECT_EQ(findApprovalPost(exam->posts.front())->level, "station");
}

TEST(Catalog, BusinessTypesHaveAPermissionModule) {
  // Each business type is managed under the 许可管理 / 资格许可 module of the same code.
  for (const auto& t : businessTypes()) {
    EXPECT_NE(findModule(t.code), nullptr) << t.code;
    EXPECT_TRUE(isKnownPermission(std::string(t.code) + ":view")) << t.code;
  }
}

TEST(Catalog, EveryMenuItemPermissionIsKnown) {
  ASSERT_FALSE(menus().empty());
  std::set<std::string_view> keys;
  std::set<std::string_view> paths;
  for (const auto& g : menus()) {
    EXPECT_FALSE(g.items.empty()) << g.key;
    for (const auto& item : g.items) {
      EXPECT_TRUE(isKnownPermission(item.permission) || portalPermissions().count(std::string(item.permission)))
          << item.key << " needs " << item.permission;
      EXPECT_TRUE(item.alsoNeeds.empty() || isKnownPermission(item.alsoNeeds)) << item.key << " also needs " << item.alsoNeeds;
      EXPECT_TRUE(keys.insert(item.key).second) << "duplicate menu key " << item.key;
      EXPECT_TRUE(paths.insert(item.path).second) << "duplicate menu path " << item.path;
      EXPECT_EQ(item.path.substr(0, 1), "/") << item.key;
    }
  }
}

TEST(Catalog, PortalPermissionsCannotBeGrantedThroughRoles) {
  for (const auto& p : portalPermissions()) EXPECT_FALSE(isKnownPermission(p)) << p;
}
