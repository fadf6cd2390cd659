#include "app/seed_flagged.h"

#include "adapters/sms/sms_gateway.h"
#include "core/clock.h"
#include "modules/background/watch_list_store.h"
#include "modules/industry/guard_store.h"
#include "modules/registry.h"
#include "modules/supervision/flagged_store.h"
#include "modules/supervision/screening_service.h"

namespace baoan::app {

using db::Query;

FlaggedSummary seedDemoFlagged(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  modules::Shared shared(ctx);
  FlaggedSummary out;
  const long long now = core::nowMs();
  db.write([&](db::Conn& c) {
    const auto province = c.queryOne(Query("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1"));
    const auto admin = c.queryOne(Query("SELECT id FROM users WHERE account = 'admin'"));
    if (!province || !admin) return;
    auto code = [&](const std::string& preferred) {
      return background_check::findDatabase(cfg.backgroundCheck, preferred) ? preferred : cfg.backgroundCheck.databases.front().code;
    };
    struct Entry {
      int offset;
      std::string database, situation, source;
    };
    const std::vector<Entry> more = {{40, "key_person", "涉恐涉稳重点人员", "陕西省公安厅"},
                                     {60, "criminal", "因故意犯罪受过刑事处罚(2018年 故意伤害罪)", "秦都分局"}};
    const background::WatchListStore watch;
    for (const auto& e : more) {
      auto g = c.queryOne(Query("SELECT id_no, name FROM guards ORDER BY id LIMIT 1 OFFSET ?", e.offset));
      if (!g || watch.taken(c, g->str("id_no"), code(e.database), 0)) continue;
      watch.insert(c, {g->str("id_no"), g->str("name"), code(e.database), e.situation, e.source}, province->i64("id"),
                   province->str("path"), now, admin->i64("id"));
    }
    // Every watch-listed guard's record as a change to screen (the demo's guards came in by the generator).
    c.exec(Query("INSERT INTO guard_changes (guard_id, change, at, by_user) SELECT g.id, 'create', CAST(? AS BIGINT), NULL FROM guards g "
                 "WHERE g.id_no IN (SELECT id_no FROM watch_list)",
                 now));
  });
  supervision::ScreeningService screening(ctx, shared.background);
  const auto s = screening.screenAllDue();
  out.screened = s.screened;
  out.flagged = s.flagged;
  // Opinions of the city's officer on the first two: 责令辞退 and 继续观察.
  db.write([&](db::Conn& c) {
    const supervision::FlaggedStore store;
    const auto officer = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'xy_jb'"));
    const std::vector<std::pair<std::string, std::string>> opinions = {
        {"dismiss", "经核查属实,依据《保安服务管理条例》第十七条,责令所在公司辞退"},
        {"observe", "情节轻微,已谈话教育,继续观察三个月"}};
    std::size_t i = 0;
    for (const auto& r : c.query(Query("SELECT id FROM flagged_persons ORDER BY id LIMIT 2"))) {
      if (i >= opinions.size()) break;
      const auto& [action, opinion] = opinions[i++];
      const std::string by = officer ? officer->str("name") : "监管民警";
      store.setOpinion(c, r.i64("id"), action, opinion, by, now);
      store.addOpinion(c, r.i64("id"), action, opinion, "web", std::nullopt,
                       officer ? std::optional<long long>(officer->i64("id")) : std::nullopt, by, now);
      ++out.opinions;
    }
  });
  return out;
}

long long queueDemoGuardsForScreening(db::Database& db) {
  return db.write([&](db::Conn& c) {
    const auto admin = c.queryOne(Query("SELECT id FROM users WHERE account = 'admin'"));
    const long long by = admin ? admin->i64("id") : 0;
    std::vector<long long> ids;
    for (const auto& r : c.query(Query("SELECT g.id FROM guards g WHERE NOT EXISTS (SELECT 1 FROM guard_changes ch "
                                       "WHERE ch.guard_id = g.id AND ch.change IN ('create', 'update', 'rehire')) ORDER BY g.id")))
      ids.push_back(r.i64("id"));
    industry::GuardStore guards;
    for (const long long id : ids) guards.logChange(c, id, "create", by);
    return static_cast<long long>(ids.size());
  });
}

}  // namespace baoan::app
