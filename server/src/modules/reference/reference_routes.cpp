// Reference data every form needs: GB/T 2260 regions, the permission catalog, approval posts,
// org types, dictionaries. Readable by any signed-in user.
#include "core/catalog.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/permissions.h"
#include "core/regions.h"
#include "modules/registry.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
json regionJson(const core::Region& r, const core::RegionTable& t) {
  return {{"code", r.code}, {"name", r.name}, {"level", r.level}, {"parent", r.parent}, {"hasChildren", t.hasChildren(r.code)}};
}
}  // namespace

void registerReferenceRoutes(http::Router& r, app::Context&) {
  r.get("/api/v1/regions", [](Ctx& c) {
    const auto& table = core::RegionTable::instance();
    json items = json::array();
    const std::string parent = c.req.q("parent");
    if (parent.empty()) {
      if (auto top = table.find("610000")) items.push_back(regionJson(*top, table));
    } else {
      if (!table.find(parent)) throw notFound("行政区划代码不存在");
      for (const auto* child : table.children(parent)) items.push_back(regionJson(*child, table));
    }
    return Response::json({{"items", items}});
  });

  r.get("/api/v1/regions/{code}", [](Ctx& c) {
    const auto& table = core::RegionTable::instance();
    const auto* region = table.find(c.req.params.at("code"));
    if (!region) throw notFound("行政区划代码不存在");
    json path = json::array();
    for (const auto* p : table.path(region->code)) path.push_back({{"code", p->code}, {"name", p->name}});
    json j = regionJson(*region, table);
    j["path"] = path;
    return Response::json(j);
  });

  r.get("/api/v1/permissions", [](Ctx&) {
    json modules = json::array();
    for (const auto& m : core::permissionModules()) {
      json actions = json::array();
      for (auto a : m.actions) actions.push_back({{"code", a}, {"name", core::actionName(a)}});
      modules.push_back({{"code", m.code}, {"name", m.name}, {"group", m.group}, {"actions", actions}});
    }
    return Response::json({{"modules", modules}});
  });

  r.get("/api/v1/approval-posts", [](Ctx&) {
    json types = json::array();
    for (const auto& t : core::businessTypes()) {
      json posts = json::array();
      for (auto code : t.posts) {
        const auto* p = core::findApprovalPost(code);
        posts.push_back({{"code", p->code}, {"name", p->name}, {"level", p->level}});
      }
      types.push_back({{"code", t.code}, {"name", t.name}, {"posts", posts}});
    }
    return Response::json({{"businessTypes", types}});
  });

  // Every dictionary: {"<key>": [{"code", "name", "tag"}…]}.
  r.get("/api/v1/dictionaries", [](Ctx&) {
    json out = json::object();
    for (const auto& d : core::dictionaries()) {
      json items = json::array();
      for (const auto& i : d.items) items.push_back({{"code", i.code}, {"name", i.name}, {"tag", i.tag}});
      out[std::string(d.key)] = items;
    }
    return Response::json(out);
  });

  r.get("/api/v1/org-types", [](Ctx&) {
    json items = json::array();
    for (const auto& t : core::orgTypes()) items.push_back({{"code", t.code}, {"name", t.name}});
    return Response::json({{"items", items}});
  });
}

}  // namespace baoan::modules
