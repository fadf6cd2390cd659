#include "app/seed_real_name.h"

#include <string>
#include <vector>

#include "app/demo_cases.h"
#include "core/clock.h"
#include "modules/industry/real_name.h"
#include "modules/system/user_store.h"

namespace baoan::app {

using db::Query;

namespace {
// Bounded, so that the province-scale data of bench/generate.sh does not pay for 300 000 accounts.
constexpr int kMaxAccounts = 1200;
}  // namespace

RealNameSummary seedDemoRealName(db::Database& db) {
  RealNameSummary s;
  db.write([&](db::Conn& c) {
    struct Person {
      std::string idNo, name, mobile, orgPath;
      long long orgId;
    };
    std::vector<Person> people;
    // Every third guard, former ones too; an ID number that is an account already (the exam's demo
    // person, a legal person) keeps its own.
    for (const auto& r : c.query(Query("SELECT g.id_no, g.name, g.mobile, g.org_id, g.org_path FROM guards g WHERE g.id % 3 = 0 "
                                       "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.account = g.id_no) ORDER BY g.id LIMIT ?",
                                       static_cast<long long>(kMaxAccounts))))
      people.push_back({r.str("id_no"), r.str("name"), r.str("mobile"), r.str("org_path"), r.i64("org_id")});
    system::UserStore users;
    const long long now = core::nowMs();
    std::vector<std::string> idNos;
    for (std::size_t i = 0; i < people.size(); ++i) {
      const Person& p = people[i];
      // Under the guard's supervising org (a sign-up takes the ID number's county: the generator draws
      // a guard's ID number in the employer's county, so the two agree but for a 派出所).
      const long long id = users.insertApplicantAccount(c, {0, p.idNo, p.name, p.idNo, p.mobile, p.orgId, p.orgPath}, demoApplicantHash());
      c.exec(Query("UPDATE users SET unit_kind = 'person' WHERE id = ?", id));
      // Every other one has signed in to the app once, some days ago.
      if (i % 2 == 0) {
        c.exec(Query("UPDATE users SET login_count = 1, last_login_at = ? WHERE id = ?",
                     now - static_cast<long long>(1 + i % 90) * 86400000LL, id));
        ++s.signedIn;
      }
      idNos.push_back(p.idNo);
    }
    industry::personAccountsChanged(c, idNos);
    s.accounts = static_cast<long long>(idNos.size());
  });
  return s;
}

}  // namespace baoan::app
