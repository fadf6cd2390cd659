// Unit tests for core/data_scope: path ranges, scope resolution, visibility and the
// no-escalation relation DataScope::contains.
#include "core/data_scope.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace baoan::core;

namespace {

// What SQL does with `path >= prefix AND path < bound` (SQLite BINARY collation / PostgreSQL "C"
// collation compare bytes, as std::string does).
bool inRange(const std::string& prefix, const std::string& path) {
  return path >= prefix && path < pathUpperBound(prefix);
}

DataScope subtree(std::initializer_list<std::string> paths) {
  DataScope s;
  s.subtreePaths.insert(paths.begin(), paths.end());
  return s;
}

DataScope exact(std::initializer_list<std::string> paths) {
  DataScope s;
  s.exactPaths.insert(paths.begin(), paths.end());
  return s;
}

DataScope allScope() {
  DataScope s;
  s.all = true;
  return s;
}

DataScope selfScope(std::int64_t userId) {
  DataScope s;
  s.self = true;
  s.selfUserId = userId;
  return s;
}

}  // namespace

// ---------------------------------------------------------------- scope kind codes

TEST(ScopeKind, CodesRoundTripAndNamesAreChinese) {
  for (auto k : {ScopeKind::all, ScopeKind::org_and_below, ScopeKind::org, ScopeKind::custom, ScopeKind::self}) {
    ScopeKind parsed = ScopeKind::all;
    ASSERT_TRUE(parseScopeKind(scopeKindCode(k), parsed)) << scopeKindCode(k);
    EXPECT_EQ(parsed, k);
  }
  EXPECT_STREQ(scopeKindName(ScopeKind::all), "全部数据");
  EXPECT_STREQ(scopeKindName(ScopeKind::org_and_below), "所在机构及下级机构数据");
  EXPECT_STREQ(scopeKindName(ScopeKind::org), "所在机构数据");
  EXPECT_STREQ(scopeKindName(ScopeKind::custom), "指定机构数据");
  EXPECT_STREQ(scopeKindName(ScopeKind::self), "仅本人数据");
}

TEST(ScopeKind, UnknownCodeIsRejectedAndLeavesOutputAlone) {
  ScopeKind k = ScopeKind::org;
  EXPECT_FALSE(parseScopeKind("everything", k));
  EXPECT_FALSE(parseScopeKind("", k));
  EXPECT_FALSE(parseScopeKind("ALL", k));
  EXPECT_EQ(k, ScopeKind::org);
}

// ---------------------------------------------------------------- path helpers

TEST(PathUpperBound, ReplacesTrailingSlashByZero) {
  EXPECT_EQ(pathUpperBound("/1/4/"), "/1/40");
  EXPECT_EQ(pathUpperBound("/1/"), "/10");
  EXPECT_EQ(pathUpperBound("/1/4/27/"), "/1/4/270");
}

TEST(PathUpperBound, DescendantsSortInsideTheRange) {
  for (const std::string p : {"/1/4/", "/1/4/27/", "/1/4/9/", "/1/4/27/300/", "/1/4/0/", "/1/4/99999/"})
    EXPECT_TRUE(inRange("/1/4/", p)) << p;
}

TEST(PathUpperBound, SiblingsAndAncestorsSortOutside) {
  for (const std::string p : {"/1/40/", "/1/41/", "/1/5/", "/1/3/", "/1/", "/1/4", "/1/400/", "/2/4/", "/1/39/"})
    EXPECT_FALSE(inRange("/1/4/", p)) << p;
  // Root prefix: "/10/" and "/12/" are other top-level orgs, not children of "/1/".
  EXPECT_TRUE(inRange("/1/", "/1/4/27/"));
  EXPECT_FALSE(inRange("/1/", "/10/"));
  EXPECT_FALSE(inRange("/1/", "/12/3/"));
  EXPECT_FALSE(inRange("/1/", "/2/"));
}

TEST(PathUpperBound, RangeAgreesWithIsPathPrefix) {
  const std::vector<std::string> paths = {"/1/",     "/1/4/",   "/1/4/27/", "/1/40/", "/1/41/", "/1/5/",
                                          "/1/4/9/", "/10/",    "/12/3/",   "/2/",    "/1/4/27/8/", "/1/49/"};
  for (const auto& prefix : paths)
    for (const auto& p : paths) EXPECT_EQ(inRange(prefix, p), isPathPrefix(prefix, p)) << prefix << " vs " << p;
}

TEST(IsPathPrefix, MatchesWholeSegmentsOnly) {
  EXPECT_TRUE(isPathPrefix("/1/4/", "/1/4/27/"));
  EXPECT_TRUE(isPathPrefix("/1/4/", "/1/4/"));
  EXPECT_TRUE(isPathPrefix("/1/", "/1/4/27/"));
  EXPECT_FALSE(isPathPrefix("/1/4/", "/1/40/"));
  EXPECT_FALSE(isPathPrefix("/1/4/", "/1/"));
  EXPECT_FALSE(isPathPrefix("/1/4/27/", "/1/4/"));
  EXPECT_FALSE(isPathPrefix("/1/4/", "/2/1/4/"));
}

TEST(IsPathPrefix, EmptyPrefixCoversNothing) {
  // An unset org path must never turn into "everything".
  EXPECT_FALSE(isPathPrefix("", "/1/"));
  EXPECT_FALSE(isPathPrefix("", ""));
}

TEST(LastIdOfPath, ReturnsTheLastSegment) {
  EXPECT_EQ(lastIdOfPath("/1/4/27/"), 27);
  EXPECT_EQ(lastIdOfPath("/1/"), 1);
  EXPECT_EQ(lastIdOfPath("/1/4/"), 4);
  EXPECT_EQ(lastIdOfPath("/12345678901/"), 12345678901LL);
}

TEST(LastIdOfPath, MalformedPathsGiveZero) {
  EXPECT_EQ(lastIdOfPath(""), 0);
  EXPECT_EQ(lastIdOfPath("/"), 0);
  EXPECT_EQ(lastIdOfPath("//"), 0);
  EXPECT_EQ(lastIdOfPath("/1/4"), 0);   // no trailing slash
  EXPECT_EQ(lastIdOfPath("1/4/"), 4);   // the last segment is still well-formed
  EXPECT_EQ(lastIdOfPath("27/"), 0);    // no leading slash at all
  EXPECT_EQ(lastIdOfPath("/1/abc/"), 0);
  EXPECT_EQ(lastIdOfPath("/99999999999999999999999/"), 0);  // out of range
}

// ---------------------------------------------------------------- resolveScope

TEST(ResolveScope, All) {
  auto s = resolveScope(ScopeKind::all, "/1/4/", {"/1/5/"}, 7);
  EXPECT_TRUE(s.all);
  EXPECT_TRUE(s.subtreePaths.empty());
  EXPECT_TRUE(s.exactPaths.empty());
  EXPECT_FALSE(s.self);
  EXPECT_FALSE(s.empty());
}

TEST(ResolveScope, OrgAndBelowIsTheUsersSubtree) {
  auto s = resolveScope(ScopeKind::org_and_below, "/1/4/", {"/1/5/"}, 7);
  EXPECT_FALSE(s.all);
  EXPECT_EQ(s.subtreePaths, std::set<std::string>{"/1/4/"});
  EXPECT_TRUE(s.exactPaths.empty());
  EXPECT_FALSE(s.self);
}

TEST(ResolveScope, OrgIsTheUsersOrgOnly) {
  auto s = resolveScope(ScopeKind::org, "/1/4/", {}, 7);
  EXPECT_FALSE(s.all);
  EXPECT_TRUE(s.subtreePaths.empty());
  EXPECT_EQ(s.exactPaths, std::set<std::string>{"/1/4/"});
  EXPECT_FALSE(s.self);
}

TEST(ResolveScope, CustomIsTheTickedSubtreesNormalised) {
  auto s = resolveScope(ScopeKind::custom, "/1/4/", {"/1/5/", "/1/5/33/", "/1/6/"}, 7);
  EXPECT_FALSE(s.all);
  EXPECT_EQ(s.subtreePaths, (std::set<std::string>{"/1/5/", "/1/6/"}));
  EXPECT_TRUE(s.exactPaths.empty());
  EXPECT_FALSE(s.coversOrg("/1/4/"));  // the user's own org is not implied
  EXPECT_TRUE(s.coversOrg("/1/5/33/"));
}

TEST(ResolveScope, CustomWithNothingTickedSeesNothing) {
  auto s = resolveScope(ScopeKind::custom, "/1/4/", {}, 7);
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.covers("/1/4/", 7));
}

TEST(ResolveScope, SelfIsRecordsCreatedByTheUser) {
  auto s = resolveScope(ScopeKind::self, "/1/4/", {"/1/5/"}, 7);
  EXPECT_FALSE(s.all);
  EXPECT_TRUE(s.subtreePaths.empty());
  EXPECT_TRUE(s.exactPaths.empty());
  EXPECT_TRUE(s.self);
  EXPECT_EQ(s.selfUserId, 7);
  EXPECT_FALSE(s.empty());
}

// ---------------------------------------------------------------- coverage

TEST(Covers, AllCoversAnyOrg) {
  auto s = allScope();
  EXPECT_TRUE(s.coversOrg("/1/"));
  EXPECT_TRUE(s.coversOrg("/9/8/7/"));
  EXPECT_TRUE(s.coversSubtree("/1/"));
  EXPECT_TRUE(s.covers("/3/", 0));
}

TEST(Covers, SubtreeCoversItselfAndDescendantsNotSiblings) {
  auto s = subtree({"/1/4/"});
  EXPECT_TRUE(s.coversOrg("/1/4/"));
  EXPECT_TRUE(s.coversOrg("/1/4/27/"));
  EXPECT_TRUE(s.coversOrg("/1/4/27/300/"));
  EXPECT_FALSE(s.coversOrg("/1/40/"));
  EXPECT_FALSE(s.coversOrg("/1/5/"));
  EXPECT_FALSE(s.coversOrg("/1/"));
}

TEST(Covers, ExactCoversOnlyThatOrg) {
  auto s = exact({"/1/4/"});
  EXPECT_TRUE(s.coversOrg("/1/4/"));
  EXPECT_FALSE(s.coversOrg("/1/4/27/"));
  EXPECT_FALSE(s.coversOrg("/1/"));
  EXPECT_FALSE(s.coversSubtree("/1/4/"));
}

TEST(Covers, SelfCountsOnlyRecordsTheUserCreated) {
  auto s = selfScope(7);
  EXPECT_FALSE(s.coversOrg("/1/4/"));
  EXPECT_TRUE(s.covers("/1/4/", 7));
  EXPECT_TRUE(s.covers("/9/", 7));
  EXPECT_FALSE(s.covers("/1/4/", 8));
  // A record without a creator (created_by NULL → 0) is nobody's own record.
  EXPECT_FALSE(s.covers("/1/4/", 0));
}

TEST(Covers, SelfUserIdIgnoredWhenSelfNotGranted) {
  DataScope s = exact({"/1/4/"});
  s.selfUserId = 7;  // self flag off
  EXPECT_FALSE(s.covers("/1/5/", 7));
  EXPECT_TRUE(s.covers("/1/4/", 8));
}

TEST(Covers, UserWithUserIdZeroDoesNotSeeCreatorlessRecords) {
  auto s = selfScope(0);
  EXPECT_FALSE(s.covers("/1/4/", 0));
}

TEST(CoversSubtree, NeedsASubtreeGrantAtOrAboveThePath) {
  auto s = subtree({"/1/4/"});
  EXPECT_TRUE(s.coversSubtree("/1/4/"));
  EXPECT_TRUE(s.coversSubtree("/1/4/27/"));
  EXPECT_FALSE(s.coversSubtree("/1/"));
  EXPECT_FALSE(s.coversSubtree("/1/40/"));
  DataScope both = subtree({"/1/4/"});
  both.exactPaths.insert("/1/5/");
  EXPECT_FALSE(both.coversSubtree("/1/5/"));  // exact org, not its children
}

TEST(CoversSubtree, EmptyScopeCoversNothing) {
  DataScope s;
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.coversOrg("/1/"));
  EXPECT_FALSE(s.coversSubtree("/1/"));
  EXPECT_FALSE(s.covers("/1/", 1));
}

// ---------------------------------------------------------------- contains (no escalation)

TEST(Contains, AllContainsEverything) {
  auto a = allScope();
  EXPECT_TRUE(a.contains(allScope()));
  EXPECT_TRUE(a.contains(subtree({"/1/"})));
  EXPECT_TRUE(a.contains(exact({"/7/"})));
  EXPECT_TRUE(a.contains(selfScope(3)));
  EXPECT_TRUE(a.contains(DataScope{}));
}

TEST(Contains, NothingButAllContainsAll) {
  EXPECT_FALSE(subtree({"/1/"}).contains(allScope()));
  EXPECT_FALSE(exact({"/1/"}).contains(allScope()));
  EXPECT_FALSE(selfScope(1).contains(allScope()));
  EXPECT_FALSE(DataScope{}.contains(allScope()));
}

TEST(Contains, SubtreeContainsNarrowerSubtreeAndOrgsInside) {
  auto s = subtree({"/1/4/"});
  EXPECT_TRUE(s.contains(subtree({"/1/4/"})));
  EXPECT_TRUE(s.contains(subtree({"/1/4/27/"})));
  EXPECT_TRUE(s.contains(exact({"/1/4/"})));
  EXPECT_TRUE(s.contains(exact({"/1/4/27/"})));
  EXPECT_TRUE(s.contains(exact({"/1/4/27/300/"})));
}

TEST(Contains, SubtreeDoesNotContainWiderOrSiblingSubtrees) {
  auto s = subtree({"/1/4/"});
  EXPECT_FALSE(s.contains(subtree({"/1/"})));
  EXPECT_FALSE(s.contains(subtree({"/1/40/"})));
  EXPECT_FALSE(s.contains(subtree({"/1/5/"})));
  EXPECT_FALSE(s.contains(exact({"/1/"})));
  EXPECT_FALSE(s.contains(exact({"/1/41/"})));
  // One path inside and one outside is still an escalation.
  EXPECT_FALSE(s.contains(subtree({"/1/4/27/", "/1/5/"})));
  EXPECT_FALSE(s.contains(exact({"/1/4/", "/1/5/"})));
}

TEST(Contains, ExactOrgDoesNotContainItsSubtree) {
  auto s = exact({"/1/4/"});
  EXPECT_TRUE(s.contains(exact({"/1/4/"})));
  EXPECT_FALSE(s.contains(subtree({"/1/4/"})));
  EXPECT_FALSE(s.contains(exact({"/1/4/27/"})));
  EXPECT_FALSE(s.contains(subtree({"/1/4/27/"})));
}

TEST(Contains, CustomUnionContainsEachPart) {
  auto s = resolveScope(ScopeKind::custom, "/1/", {"/1/4/", "/1/5/"}, 9);
  EXPECT_TRUE(s.contains(subtree({"/1/4/27/", "/1/5/"})));
  EXPECT_TRUE(s.contains(exact({"/1/4/", "/1/5/8/"})));
  EXPECT_TRUE(s.contains(resolveScope(ScopeKind::custom, "/1/", {"/1/5/", "/1/4/9/"}, 9)));
  EXPECT_FALSE(s.contains(subtree({"/1/6/"})));
  EXPECT_FALSE(s.contains(subtree({"/1/4/", "/1/6/"})));
  EXPECT_FALSE(s.contains(exact({"/1/"})));  // the parent of both is not included
}

TEST(Contains, MixedScopeContainsItsExactAndSubtreeParts) {
  DataScope s = subtree({"/1/4/"});
  s.exactPaths.insert("/1/5/");
  DataScope other = subtree({"/1/4/27/"});
  other.exactPaths.insert("/1/5/");
  EXPECT_TRUE(s.contains(other));
  other.subtreePaths.insert("/1/5/");
  EXPECT_FALSE(s.contains(other));
}

TEST(Contains, SelfIsAlwaysContainable) {
  EXPECT_TRUE(DataScope{}.contains(selfScope(3)));
  EXPECT_TRUE(exact({"/1/4/"}).contains(selfScope(3)));
  EXPECT_TRUE(selfScope(5).contains(selfScope(3)));
  // ... but self + an org is not, unless the org is covered.
  DataScope selfPlusOrg = selfScope(3);
  selfPlusOrg.exactPaths.insert("/1/5/");
  EXPECT_FALSE(exact({"/1/4/"}).contains(selfPlusOrg));
  EXPECT_FALSE(selfScope(3).contains(exact({"/1/4/"})));
}

// ---------------------------------------------------------------- merge + normalise

TEST(Merge, UnionOfRolesDropsRedundantPaths) {
  DataScope a = subtree({"/1/4/"});
  a.exactPaths.insert("/1/5/");
  a.exactPaths.insert("/2/");
  DataScope b = subtree({"/1/"});
  b.exactPaths.insert("/3/");
  a.merge(b);
  EXPECT_FALSE(a.all);
  EXPECT_EQ(a.subtreePaths, std::set<std::string>{"/1/"});
  EXPECT_EQ(a.exactPaths, (std::set<std::string>{"/2/", "/3/"}));
  // Visibility is the union of both roles.
  EXPECT_TRUE(a.coversOrg("/1/5/9/"));
  EXPECT_TRUE(a.coversOrg("/2/"));
  EXPECT_TRUE(a.coversOrg("/3/"));
  EXPECT_FALSE(a.coversOrg("/2/1/"));
}

TEST(Merge, WithAllBecomesAll) {
  DataScope a = subtree({"/1/4/"});
  a.exactPaths.insert("/2/");
  a.merge(allScope());
  EXPECT_TRUE(a.all);
  EXPECT_TRUE(a.subtreePaths.empty());
  EXPECT_TRUE(a.exactPaths.empty());
}

TEST(Merge, SelfIsCarriedOver) {
  DataScope a = exact({"/1/4/"});
  a.merge(selfScope(7));
  EXPECT_TRUE(a.self);
  EXPECT_EQ(a.selfUserId, 7);
  EXPECT_TRUE(a.covers("/9/", 7));
  EXPECT_TRUE(a.covers("/1/4/", 0));
  // Merging a scope without self does not take it away.
  a.merge(subtree({"/2/"}));
  EXPECT_TRUE(a.self);
  EXPECT_EQ(a.selfUserId, 7);
}

TEST(Merge, SiblingSubtreesWithCommonTextPrefixAreBothKept) {
  DataScope a = subtree({"/1/4/"});
  a.merge(subtree({"/1/40/"}));
  EXPECT_EQ(a.subtreePaths, (std::set<std::string>{"/1/4/", "/1/40/"}));
}

TEST(Normalise, DropsSubtreesInsideOtherSubtrees) {
  DataScope s = subtree({"/1/4/", "/1/4/27/", "/1/4/27/300/", "/1/5/", "/1/"});
  s.normalise();
  EXPECT_EQ(s.subtreePaths, std::set<std::string>{"/1/"});
}

TEST(Normalise, DropsExactPathsInsideSubtrees) {
  DataScope s = subtree({"/1/4/"});
  s.exactPaths = {"/1/4/", "/1/4/27/", "/1/40/", "/1/"};
  s.normalise();
  EXPECT_EQ(s.subtreePaths, std::set<std::string>{"/1/4/"});
  EXPECT_EQ(s.exactPaths, (std::set<std::string>{"/1/40/", "/1/"}));
}

TEST(Normalise, AllClearsPathsButKeepsSelf) {
  DataScope s = subtree({"/1/"});
  s.exactPaths.insert("/2/");
  s.all = true;
  s.self = true;
  s.selfUserId = 4;
  s.normalise();
  EXPECT_TRUE(s.subtreePaths.empty());
  EXPECT_TRUE(s.exactPaths.empty());
  EXPECT_TRUE(s.all);
}

TEST(Normalise, DoesNotChangeWhatIsVisible) {
  DataScope s = subtree({"/1/4/", "/1/4/27/", "/1/40/", "/2/3/"});
  s.exactPaths = {"/1/4/9/", "/1/5/", "/2/"};
  const DataScope before = s;
  s.normalise();
  for (const std::string p : {"/1/", "/1/4/", "/1/4/9/", "/1/4/27/1/", "/1/40/", "/1/41/", "/1/5/", "/1/5/1/", "/2/",
                              "/2/3/", "/2/3/4/", "/2/4/", "/3/"}) {
    EXPECT_EQ(s.coversOrg(p), before.coversOrg(p)) << p;
    EXPECT_EQ(s.coversSubtree(p), before.coversSubtree(p)) << p;
  }
  EXPECT_EQ(s.subtreePaths, (std::set<std::string>{"/1/4/", "/1/40/", "/2/3/"}));
  EXPECT_EQ(s.exactPaths, (std::set<std::string>{"/1/5/", "/2/"}));
}

// ---------------------------------------------------------------- within (the org picked in a page's tree)

TEST(Within, InsideTheScopeBecomesThatSubtree) {
  EXPECT_EQ(allScope().within("/1/4/").subtreePaths, std::set<std::string>{"/1/4/"});
  EXPECT_EQ(subtree({"/1/"}).within("/1/4/27/").subtreePaths, std::set<std::string>{"/1/4/27/"});
  EXPECT_FALSE(subtree({"/1/"}).within("/1/4/27/").all);
}

TEST(Within, AroundTheScopeKeepsTheScopesPartsBelowIt) {
  DataScope s = subtree({"/1/4/27/", "/1/4/28/", "/1/5/"});
  s.exactPaths = {"/1/4/", "/1/6/"};
  const DataScope w = s.within("/1/4/");
  EXPECT_EQ(w.subtreePaths, (std::set<std::string>{"/1/4/27/", "/1/4/28/"}));
  EXPECT_EQ(w.exactPaths, std::set<std::string>{"/1/4/"});
}

TEST(Within, ElsewhereGrantsNothing) {
  EXPECT_TRUE(subtree({"/1/4/"}).within("/1/5/").empty());
  EXPECT_TRUE(exact({"/1/4/"}).within("/1/40/").empty());
}

TEST(Within, SeesExactlyTheScopeAndTheSubtreeTogether) {
  DataScope s = subtree({"/1/4/27/", "/1/5/"});
  s.exactPaths = {"/1/4/", "/1/6/"};
  for (const std::string at : {"/1/", "/1/4/", "/1/4/27/", "/1/5/", "/1/6/", "/2/"}) {
    const DataScope w = s.within(at);
    for (const std::string p : {"/1/", "/1/4/", "/1/4/9/", "/1/4/27/", "/1/4/27/1/", "/1/40/", "/1/5/", "/1/5/1/", "/1/6/",
                                "/1/6/1/", "/2/"})
      EXPECT_EQ(w.coversOrg(p), s.coversOrg(p) && isPathPrefix(at, p)) << at << " " << p;
  }
}

TEST(Within, DoesNotCarryRecordsICreated) {
  DataScope s = selfScope(7);
  s.subtreePaths.insert("/1/");
  const DataScope w = s.within("/1/4/");
  EXPECT_FALSE(w.self);
  EXPECT_EQ(w.subtreePaths, std::set<std::string>{"/1/4/"});
}
