// Unit tests for core/grants: an officer may hand out only the permissions and the data scope they
// hold themselves (no privilege escalation through roles).
#include "core/grants.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace baoan::core;

namespace {

// A 市局 officer at /1/4/ with company management permissions and "所在机构及下级机构数据".
Principal cityOfficer() {
  Principal p;
  p.userId = 11;
  p.account = "xy_admin";
  p.kind = "officer";
  p.orgId = 4;
  p.orgPath = "/1/4/";
  p.permissions = {"company:view", "company:update", "org:view", "user:view"};
  p.scope = resolveScope(ScopeKind::org_and_below, p.orgPath, {}, p.userId);
  return p;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(CheckGrant, HeldPermissionsAndNarrowerScopeAreAllowed) {
  auto g = checkGrant(cityOfficer(), {"company:view", "org:view"}, ScopeKind::org_and_below, {}, "/1/4/27/");
  EXPECT_TRUE(g.ok) << g.reason;
  EXPECT_TRUE(g.reason.empty());
}

TEST(CheckGrant, SameScopeAsOwnIsAllowed) {
  auto g = checkGrant(cityOfficer(), {"company:update"}, ScopeKind::org_and_below, {}, "/1/4/");
  EXPECT_TRUE(g.ok) << g.reason;
}

TEST(CheckGrant, NoPermissionsAtAllIsAllowed) {
  auto g = checkGrant(cityOfficer(), {}, ScopeKind::org, {}, "/1/4/");
  EXPECT_TRUE(g.ok) << g.reason;
}

TEST(CheckGrant, PermissionNotHeldIsRefusedNamingModuleAndAction) {
  auto g = checkGrant(cityOfficer(), {"company:view", "company:delete"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_TRUE(contains(g.reason, "保安服务公司管理")) << g.reason;
  EXPECT_TRUE(contains(g.reason, "删除")) << g.reason;
  EXPECT_EQ(g.reason, "不能授予自己没有的权限:保安服务公司管理-删除");
}

TEST(CheckGrant, ReasonNamesTheModuleOfTheMissingPermission) {
  auto g = checkGrant(cityOfficer(), {"role:create"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_EQ(g.reason, "不能授予自己没有的权限:角色管理-新增");

  g = checkGrant(cityOfficer(), {"emergency_task:end"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_EQ(g.reason, "不能授予自己没有的权限:紧急任务-结束");

  g = checkGrant(cityOfficer(), {"user:pii"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_EQ(g.reason, "不能授予自己没有的权限:用户管理-查看完整个人信息");
}

TEST(CheckGrant, ModuleCodeMustMatchExactly) {
  // "company" is held as "company:view"; "company_licence:view" is another module and is not held.
  auto g = checkGrant(cityOfficer(), {"company_licence:view"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_TRUE(contains(g.reason, "保安服务公司许可证管理")) << g.reason;
}

TEST(CheckGrant, UnknownPermissionIsRefusedWithItsCode) {
  auto g = checkGrant(cityOfficer(), {"nuclear:launch"}, ScopeKind::org, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_TRUE(contains(g.reason, "nuclear:launch")) << g.reason;
}

TEST(CheckGrant, AllDataWithoutHoldingItIsRefused) {
  auto g = checkGrant(cityOfficer(), {"company:view"}, ScopeKind::all, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_TRUE(contains(g.reason, "全部数据")) << g.reason;
  EXPECT_EQ(g.reason, "不能授予超出自己数据范围的数据权限:全部数据");
}

TEST(CheckGrant, AllDataHolderMayGrantAnyScope) {
  Principal p = cityOfficer();
  p.scope = resolveScope(ScopeKind::all, p.orgPath, {}, p.userId);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::all, {}, "/1/4/").ok);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::org_and_below, {}, "/2/").ok);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::custom, {"/3/", "/5/6/"}, "/1/4/").ok);
}

TEST(CheckGrant, OrgAndBelowDependsOnTheHolderOrg) {
  const Principal p = cityOfficer();
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::org_and_below, {}, "/1/4/27/").ok);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::org_and_below, {}, "/1/4/27/300/").ok);

  for (const std::string outside : {"/1/", "/1/5/", "/1/40/", "/2/4/"}) {
    auto g = checkGrant(p, {"company:view"}, ScopeKind::org_and_below, {}, outside);
    EXPECT_FALSE(g.ok) << outside;
    EXPECT_EQ(g.reason, "不能授予超出自己数据范围的数据权限:所在机构及下级机构数据") << outside;
  }
}

TEST(CheckGrant, OrgScopeDependsOnTheHolderOrg) {
  const Principal p = cityOfficer();
  EXPECT_TRUE(checkGrant(p, {}, ScopeKind::org, {}, "/1/4/27/").ok);
  auto g = checkGrant(p, {}, ScopeKind::org, {}, "/1/");
  EXPECT_FALSE(g.ok);
  EXPECT_EQ(g.reason, "不能授予超出自己数据范围的数据权限:所在机构数据");
}

TEST(CheckGrant, ExactOrgHolderCannotGrantItsSubtree) {
  Principal p = cityOfficer();
  p.scope = resolveScope(ScopeKind::org, p.orgPath, {}, p.userId);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::org, {}, "/1/4/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::org_and_below, {}, "/1/4/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::org, {}, "/1/4/27/").ok);
}

TEST(CheckGrant, CustomPathsMustLieInsideTheGrantersScope) {
  const Principal p = cityOfficer();
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::custom, {"/1/4/27/", "/1/4/9/"}, "/1/4/").ok);

  auto g = checkGrant(p, {"company:view"}, ScopeKind::custom, {"/1/4/27/", "/1/5/"}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_EQ(g.reason, "不能授予超出自己数据范围的数据权限:指定机构数据");

  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::custom, {"/1/40/"}, "/1/4/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::custom, {"/1/"}, "/1/4/").ok);
}

TEST(CheckGrant, CustomScopeIgnoresTheHolderOrg) {
  // A custom scope means the ticked orgs, wherever the holder sits.
  const Principal p = cityOfficer();
  EXPECT_TRUE(checkGrant(p, {}, ScopeKind::custom, {"/1/4/27/"}, "/2/").ok);
}

TEST(CheckGrant, SelfScopeIsAlwaysGrantable) {
  Principal p = cityOfficer();
  p.scope = resolveScope(ScopeKind::self, p.orgPath, {}, p.userId);
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::self, {}, "/9/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::org, {}, "/1/4/").ok);
}

TEST(CheckGrant, MissingPermissionIsReportedBeforeScope) {
  auto g = checkGrant(cityOfficer(), {"role:delete"}, ScopeKind::all, {}, "/1/4/");
  EXPECT_FALSE(g.ok);
  EXPECT_TRUE(contains(g.reason, "角色管理")) << g.reason;
  EXPECT_FALSE(contains(g.reason, "全部数据")) << g.reason;
}

TEST(CheckGrant, GranterWithoutAnyScopeCanOnlyGrantSelf) {
  Principal p = cityOfficer();
  p.scope = DataScope{};
  EXPECT_TRUE(checkGrant(p, {"company:view"}, ScopeKind::self, {}, "/1/4/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::org, {}, "/1/4/").ok);
  EXPECT_FALSE(checkGrant(p, {"company:view"}, ScopeKind::custom, {"/1/4/"}, "/1/4/").ok);
}
