#include "app/seed_certificates.h"

#include <deque>
#include <stdexcept>

#include "adapters/sms/sms_gateway.h"
#include "core/clock.h"
#include "modules/approval/approval_service.h"
#include "modules/auth/auth_store.h"
#include "modules/certificates/certificate_cases.h"
#include "modules/certificates/certificate_service.h"
#include "modules/registry.h"

namespace baoan::app {

using db::Query;
using nlohmann::json;

CertificatesSummary seedDemoCertificates(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  modules::Shared shared(ctx);
  approval::ApprovalService& approvals = *shared.approval;
  certificates::CertificateService certs(ctx, shared.files);
  auth::AuthStore auth;
  std::deque<core::Principal> principals;  // an Actor refers to its Principal
  auto actor = [&](const std::string& account) {
    auto p = db.read([&](db::Conn& c) {
      return auth.loadPrincipal(c, c.scalar(Query("SELECT id FROM users WHERE account = ?", account)));
    });
    principals.push_back(*p);
    return core::Actor{principals.back(), "127.0.0.1", "seed-demo"};
  };

  CertificatesSummary out;
  const std::vector<long long> passed = db.read([](db::Conn& c) {
    std::vector<long long> ids;
    for (const auto& r : c.query(Query("SELECT id FROM exam_registrations WHERE status = 'passed' AND city_code LIKE '6104%' ORDER BY id")))
      ids.push_back(r.i64("id"));
    return ids;
  });
  if (passed.empty()) return out;
  const core::Actor jb = actor("xy_jb"), bac = actor("xy_bac");
  const std::vector<long long> cases = db.write([&](db::Conn& c) { return certificates::openCertificateCases(approvals, c, jb, passed); });

  const std::size_t n = cases.size();
  const std::size_t atJb = std::min<std::size_t>(4, n), atBac = std::min<std::size_t>(atJb + 1, n);
  out.pending = static_cast<long long>(atBac);
  if (atJb == n) return out;
  // 批量审批 as the officers do it in 待办: one opinion, many candidates.
  auto batch = [&](const core::Actor& a, std::size_t from, const char* opinion) {
    json ids = json::array();
    for (std::size_t i = from; i < n; ++i) ids.push_back(cases[i]);
    const json res = approvals.batchApprove(a, {{"ids", ids}, {"opinion", opinion}});
    if (!res.at("failed").empty()) throw std::runtime_error("demo 制证审批 not approved: " + res.at("failed").dump());
  };
  batch(jb, atJb, "考试合格,材料齐全,同意制证。");
  if (atBac == n) return out;
  batch(bac, atBac, "同意制证。");

  std::vector<certificates::CertificateRow> issued;
  for (std::size_t i = atBac; i < n; ++i)
    if (auto r = certs.ofRegistration(passed[i])) issued.push_back(*r);
  const std::size_t unprinted = std::min<std::size_t>(2, issued.size());
  out.certifying = static_cast<long long>(unprinted);
  if (unprinted == issued.size()) return out;
  const std::vector<certificates::CertificateRow> printed(issued.begin() + static_cast<long>(unprinted), issued.end());
  certs.recordPrints(jb, printed);
  out.certified = static_cast<long long>(printed.size());
  const std::string today = core::toChinaDate(core::nowMs());
  for (const auto& r : printed) {
    certs.handover(jb, r.id, {{"receiverName", r.name}, {"at", today}});
    ++out.handedOver;
  }
  certs.revoke(jb, printed.back().id,
               {{"decisionNo", "咸公(治)行罚决字〔" + today.substr(0, 4) + "〕7号"},
                {"reason", "在保安服务中违反规定限制他人人身自由,依照《保安服务管理条例》第四十五条吊销保安员证"},
                {"revokedOn", today}});
  out.revoked = 1;
  return out;
}

}  // namespace baoan::app
