// The router refuses, at start-up, a route that names a permission outside the catalog: such a route
// could be called by nobody (or by whoever later gets a catalog entry with that name by accident).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "http/router.h"

using baoan::http::Ctx;
using baoan::http::Response;
using baoan::http::Router;

namespace {
Response ok(Ctx&) { return Response::noContent(); }
}  // namespace

TEST(Router, AcceptsCatalogAndPortalPermissions) {
  Router r;
  EXPECT_NO_THROW(r.get("/api/v1/users", ok, {.permission = "user:view"}));
  EXPECT_NO_THROW(r.post("/api/v1/users/{id}/unlock", ok, {.permission = "user:update"}));
  EXPECT_NO_THROW(r.get("/api/v1/portal/guards", ok, {.permission = "portal:guard"}));
  EXPECT_NO_THROW(r.get("/api/v1/auth/me", ok));
  EXPECT_NO_THROW(r.get("/api/v1/health", ok, {.isPublic = true}));
  EXPECT_EQ(r.routes().size(), 5u);
}

TEST(Router, RefusesAPermissionThatIsNotInTheCatalog) {
  Router r;
  EXPECT_THROW(r.post("/api/v1/users/{id}/unlock", ok, {.permission = "user:unlock"}), std::logic_error);
  EXPECT_THROW(r.get("/api/v1/users", ok, {.permission = "users:view"}), std::logic_error);
  EXPECT_THROW(r.get("/api/v1/portal/x", ok, {.permission = "portal:anything"}), std::logic_error);
  EXPECT_THROW(r.get("/api/v1/x", ok, {.isPublic = true, .permission = "user:view"}), std::logic_error);
  EXPECT_TRUE(r.routes().empty());
}

TEST(Router, LiteralSegmentsWinOverParameters) {
  Router r;
  r.get("/api/v1/roles/{id}", ok, {.permission = "role:view"});
  r.get("/api/v1/roles/assignable", ok, {.permission = "role:view"});
  auto m = r.match("GET", "/api/v1/roles/assignable");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/roles/assignable");
  auto byId = r.match("GET", "/api/v1/roles/42");
  ASSERT_NE(byId.route, nullptr);
  EXPECT_EQ(byId.params.at("id"), "42");
  EXPECT_TRUE(r.match("POST", "/api/v1/roles/42").pathExists);
}

TEST(Router, LongWorkAndChangesRunOnTheWorkerPool) {
  Router r;
  r.get("/api/v1/guards", ok, {.permission = "guard:view"});
  r.get("/api/v1/guards/export", ok, {.permission = "guard:export"});
  r.get("/api/v1/portal/guards/import-template", ok, {.permission = "portal:guard"});
  r.get("/api/v1/guards/{id}/card", ok, {.permission = "guard:view", .blocking = true});
  r.post("/api/v1/guards", ok, {.permission = "association:create"});
  r.put("/api/v1/guards/{id}", ok, {.permission = "association:update"});
  r.del("/api/v1/guards/{id}", ok, {.permission = "association:delete"});
  std::map<std::string, bool> onPool;
  for (const auto& route : r.routes()) onPool[route->method + " " + route->pattern] = route->onPool;
  EXPECT_FALSE(onPool.at("GET /api/v1/guards"));
  EXPECT_TRUE(onPool.at("GET /api/v1/guards/export"));
  EXPECT_TRUE(onPool.at("GET /api/v1/portal/guards/import-template"));
  EXPECT_TRUE(onPool.at("GET /api/v1/guards/{id}/card"));
  EXPECT_TRUE(onPool.at("POST /api/v1/guards"));
  EXPECT_TRUE(onPool.at("PUT /api/v1/guards/{id}"));
  EXPECT_TRUE(onPool.at("DELETE /api/v1/guards/{id}"));
}

TEST(Router, ParametersAndLongPaths) {
  Router r;
  r.get("/api/v1/a/{x}/b/{y}/c/d/e/f/g/h/i/j/k/l/m", ok, {.permission = "guard:view"});
  auto m = r.match("GET", "/api/v1/a/1/b/2/c/d/e/f/g/h/i/j/k/l/m");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("x"), "1");
  EXPECT_EQ(m.params.at("y"), "2");
  EXPECT_EQ(r.match("GET", "/api/v1/a//b/2/c/d/e/f/g/h/i/j/k/l/m").route, nullptr);  // an empty parameter
  EXPECT_EQ(r.match("GET", "/api/v1/a/1/b/2/c/d/e/f/g/h/i/j/k/l").route, nullptr);
}

// Routes are looked up by segment count and third segment: a parameter in that place, a short path
// and a path of another resource must still be found (or not) as by a scan of every route.
TEST(Router, ParametersInTheThirdSegmentAndShortPaths) {
  Router r;
  r.get("/verify/licence/{token}", ok, {.isPublic = true});
  r.get("/api/{version}/status", ok, {.isPublic = true});
  r.get("/api/v1/status", ok, {.isPublic = true});
  r.get("/api", ok, {.isPublic = true});
  r.get("/api/v1/guards", ok, {.permission = "guard:view"});
  auto token = r.match("GET", "/verify/licence/abc");
  ASSERT_NE(token.route, nullptr);
  EXPECT_EQ(token.params.at("token"), "abc");
  EXPECT_EQ(r.match("GET", "/api/v1/status").route->pattern, "/api/v1/status");  // the literal wins
  auto v2 = r.match("GET", "/api/v2/status");
  ASSERT_NE(v2.route, nullptr);
  EXPECT_EQ(v2.params.at("version"), "v2");
  EXPECT_EQ(r.match("GET", "/api").route->pattern, "/api");
  EXPECT_EQ(r.match("GET", "/api/v1/guard").route, nullptr);
  EXPECT_TRUE(r.match("DELETE", "/api/v1/guards").pathExists);
  EXPECT_FALSE(r.match("DELETE", "/api/v1/orgs").pathExists);
}

// Of two routes that match a path equally well, the one registered first serves it.
TEST(Router, TheFirstOfEqualMatchesWins) {
  Router r;
  r.get("/api/{a}/x", ok, {.isPublic = true});
  r.get("/api/v1/{b}", ok, {.isPublic = true});
  EXPECT_EQ(r.match("GET", "/api/v1/x").route->pattern, "/api/{a}/x");
  Router reversed;
  reversed.get("/api/v1/{b}", ok, {.isPublic = true});
  reversed.get("/api/{a}/x", ok, {.isPublic = true});
  EXPECT_EQ(reversed.match("GET", "/api/v1/x").route->pattern, "/api/v1/{b}");
}

// The server times each query shape of a route on its own (a slow shape leaves its I/O thread, the
// route's other shapes stay): GET /guards?page=2 must not share an average with ?companyName=秦.
TEST(Router, QueryShapesAreTheParametersSetNotTheirValues) {
  using baoan::http::queryShape;
  using baoan::http::Request;
  auto shape = [](std::map<std::string, std::string> q) {
    Request r;
    r.query = std::move(q);
    return queryShape(r);
  };
  const auto plain = shape({});
  EXPECT_EQ(plain, shape({{"page", "7"}, {"size", "50"}}));
  EXPECT_EQ(plain, shape({{"name", ""}, {"page", "1"}}));  // an empty filter filters nothing
  const auto company = shape({{"companyName", "秦"}, {"page", "3"}});
  EXPECT_NE(plain, company);
  EXPECT_EQ(company, shape({{"companyName", "安"}}));
  EXPECT_NE(company, shape({{"companyName", "秦"}, {"employed", "true"}}));
  EXPECT_NE(shape({{"name", "李"}}), shape({{"idNo", "1234"}}));
  EXPECT_NE(shape({{"ab", "1"}}), shape({{"a", "1"}, {"b", "1"}}));

  baoan::http::RouteTiming timing;
  auto& a = timing.of(plain);
  auto& b = timing.of(company);
  EXPECT_NE(&a, &b);
  EXPECT_EQ(&a, &timing.of(plain));
  b.slow = true;
  EXPECT_FALSE(timing.of(plain).slow);
  // More shapes than slots: every one still gets a slot (the last is shared), none is lost.
  for (std::uint64_t k = 1; k < 100; ++k) timing.of(k * 7919);
  EXPECT_EQ(&a, &timing.of(plain));
  EXPECT_TRUE(timing.of(company).slow);
}

// The public pages' plain HTML forms (the 保安员证 page's ID check) post
// application/x-www-form-urlencoded bodies.
TEST(RequestTest, FormFieldsAreDecodedByName) {
  baoan::http::Request req;
  req.body = "a=1&idNo=61010419900101123X&note=%E4%BF%9D%E5%AE%89+%E5%91%98&empty=&flag";
  EXPECT_EQ(req.formField("idNo"), "61010419900101123X");
  EXPECT_EQ(req.formField("note"), "保安 员");  // %XX and '+' as a space
  EXPECT_EQ(req.formField("empty"), "");
  EXPECT_EQ(req.formField("flag"), "");
  EXPECT_EQ(req.formField("missing"), "");
  req.body = "id%4Eo=x&idNo=first&idNo=second";  // an encoded name; the first of two
  EXPECT_EQ(req.formField("idNo"), "x");
}

TEST(RequestTest, UrlDecodeKeepsPlusInPathsAndBadEscapesAsTyped) {
  EXPECT_EQ(baoan::http::urlDecode("/a+b/%E4%BF%9D", false), "/a+b/保");
  EXPECT_EQ(baoan::http::urlDecode("a+b", true), "a b");
  EXPECT_EQ(baoan::http::urlDecode("100%", true), "100%");
  EXPECT_EQ(baoan::http::urlDecode("%zz%4", true), "%zz%4");
}
