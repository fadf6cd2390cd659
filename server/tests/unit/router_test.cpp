// The router refuses, at start-up, a route that names a permission outside the catalog: such a route
// could be called by nobody (or by whoever later gets a catalog entry with that name by accident).
#include <gtest/gtest.h>

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
