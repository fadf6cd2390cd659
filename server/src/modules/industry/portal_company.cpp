// The company's own details in the portal, and the first-login guide (初始化) after which the company
// counts as 已初始化 in the statistics of §8.4.
#include "core/clock.h"
#include "core/error.h"
#include "modules/audit/audit_log.h"
#include "modules/industry/industry.h"

namespace baoan::industry {

using nlohmann::json;

namespace {
// What a company may maintain itself; name, credit code, legal person and region are the police's.
const std::vector<std::string> kSelfEditable = {"bizAddress", "contactName", "contactPhone", "serviceScope", "lng", "lat"};
}  // namespace

json portalCompany(app::Context& ctx, RegistryService& companies, const core::Principal& p) {
  return ctx.db.read([&](db::Conn& c) {
    auto r = c.queryOne(db::Query(companies.selectSql() + " WHERE t.id = ?", p.companyId));
    if (!r) throw notFound("公司不存在");
    json j = companies.rowJson(*r, true);
    j["selfEditable"] = kSelfEditable;
    return j;
  });
}

json portalUpdateCompany(app::Context& ctx, RegistryService& companies, const core::Actor& a, const json& body, bool initialize) {
  // Start from the stored record (in full) and take over only the fields the company may change, so
  // that the generic validation of the registry applies unchanged.
  json merged = portalCompany(ctx, companies, a.who);
  if (!initialize && !merged["initialized"].get<bool>()) throw conflict("请先完成企业初始化");
  if (initialize && merged["initialized"].get<bool>()) throw conflict("企业已完成初始化");
  for (const auto& key : kSelfEditable)
    if (body.contains(key)) merged[key] = body.at(key);
  merged.erase("orgId");  // the supervising org stays as it is
  // The company acts through the registry's rules, but as itself: a principal whose scope is its own
  // supervising org, for this one record.
  core::Principal self = a.who;
  self.scope = core::DataScope{};
  self.scope.exactPaths.insert(ctx.db.read([&](db::Conn& c) {
    return c.queryOne(db::Query("SELECT org_path FROM companies WHERE id = ?", a.who.companyId))->str(0);
  }));
  core::Actor actor{self, a.ip, a.requestId};
  json updated = companies.update(actor, a.who.companyId, merged);
  if (initialize) {
    ctx.db.write([&](db::Conn& c) {
      c.exec(db::Query("UPDATE companies SET initialized = 1, initialized_at = ? WHERE id = ?", core::nowMs(), a.who.companyId));
      audit::record(c, a, "initialize", "company", std::to_string(a.who.companyId), "企业完成初始化:" + updated["name"].get<std::string>());
    });
  }
  return portalCompany(ctx, companies, a.who);
}

}  // namespace baoan::industry
