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
