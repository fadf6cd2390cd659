#include "modules/map/map_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "core/validation.h"
#include "modules/dto_util.h"
#include "modules/industry/guard_flags.h"
#include "modules/industry/guard_service.h"

namespace baoan::map {

using nlohmann::json;

namespace {
constexpr int kDefaultSize = 10;
constexpr int kMaxSize = 50;
constexpr std::size_t kMaxText = 50;

struct RankedGuard {
  int rank;
  industry::GuardRow row;
};

// Guards by 姓名 (a prefix of the name index), 身份证号 or 手机号 (whole: an equality; part: the list's
// index of pieces / trigrams), through the guard list's own plans.
std::vector<RankedGuard> findGuards(db::Conn& c, const core::Principal& p, const SearchText& q, int size, bool& full) {
  std::vector<industry::GuardFilter> filters;
  if (q.digitsX) {
    if (q.upper.size() == 18 || q.upper.size() >= 3) {
      industry::GuardFilter f;
      f.idNo = q.upper;
      filters.push_back(f);
    }
    if (q.upper.find('X') == std::string::npos && q.upper.size() >= 3 && q.upper.size() <= 11) {
      industry::GuardFilter f;
      f.mobile = q.upper;
      filters.push_back(f);
    }
  } else {
    industry::GuardFilter f;
    f.name = q.text;
    filters.push_back(f);
  }
  std::map<long long, RankedGuard> byId;
  const core::PageRequest page{1, size};
  for (const auto& f : filters) {
    auto found = industry::GuardService::find(c, p, f, page);
    full = found.fullPersonal;
    for (auto& g : found.rows) {
      const int rank = searchRank(q, {g.person.idNo, g.person.mobile}, {g.person.name});
      byId.emplace(g.id, RankedGuard{rank, std::move(g)});
    }
  }
  std::vector<RankedGuard> out;
  for (auto& [id, g] : byId) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const RankedGuard& a, const RankedGuard& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.row.person.name < b.row.person.name;
  });
  if (out.size() > static_cast<std::size_t>(size)) out.resize(static_cast<std::size_t>(size));
  return out;
}

int readSize(const std::string& size) {
  if (size.empty()) return kDefaultSize;
  if (size.size() > 3 || size.find_first_not_of("0123456789") != std::string::npos) throw invalidField("size", "每组条数应为1~50的整数");
  const int n = std::stoi(size);
  if (n < 1 || n > kMaxSize) throw invalidField("size", "每组条数应为1~50的整数");
  return n;
}
}  // namespace

json MapService::search(const core::Principal& p, const std::string& rawQ, const std::string& rawSize) {
  const SearchText q = readSearchText(rawQ);
  if (q.text.empty()) throw invalidField("q", "请输入搜索内容(姓名、身份证号、手机号、公司名称、信用代码、地址或任务名称)");
  if (q.text.size() > kMaxText * 3) throw invalidField("q", "搜索内容不能超过50个字");
  if (std::any_of(q.text.begin(), q.text.end(), [](char ch) { return (ch >= 0 && ch < 0x20) || ch == 0x7f; }))
    throw invalidField("q", "搜索内容不能包含控制字符");
  const int size = readSize(rawSize);
  return ctx_.db.read([&](db::Conn& c) {
    json guards = json::array();
    bool full = p.has("guard:pii");
    auto found = findGuards(c, p, q, size, full);
    std::vector<industry::GuardRow> foundRows;
    for (const auto& g : found) foundRows.push_back(g.row);
    const std::set<long long> flagged = industry::flaggedGuards(c, foundRows);  // §9.3: the 问题人员 mark in the hits
    for (auto& g : found) {
      json j = json::object();
      j["id"] = g.row.id;
      j["name"] = g.row.person.name;
      j["idNo"] = full ? g.row.person.idNo : core::maskIdNumber(g.row.person.idNo);
      j["mobile"] = full ? g.row.person.mobile : core::maskMobile(g.row.person.mobile);
      j["employerName"] = g.row.employerName;
      j["employerKind"] = g.row.employerKind;
      j["employerId"] = g.row.employerId;
      j["employed"] = g.row.employed;
      j["orgId"] = g.row.orgId;
      j["flagged"] = flagged.count(g.row.id) > 0;
      guards.push_back(std::move(j));
    }
    json companies = json::array();
    for (auto& h : store_.searchCompanies(c, p.scope, q, size)) {
      json j = json::object();
      j["id"] = h.id;
      j["name"] = h.name;
      j["creditCode"] = h.creditCode;
      j["address"] = h.regAddress;
      j["regionCode"] = h.regionCode;
      j["lng"] = h.lng ? json(*h.lng) : json(nullptr);
      j["lat"] = h.lat ? json(*h.lat) : json(nullptr);
      j["orgId"] = h.orgId;
      companies.push_back(std::move(j));
    }
    json tasks = json::array();
    for (auto& t : store_.searchTasks(c, p.scope, q, size))
      tasks.push_back({{"id", t.id}, {"name", t.name}, {"place", t.place}, {"kind", t.kind}, {"orgId", t.orgId}});
    return json{{"guards", std::move(guards)}, {"companies", std::move(companies)}, {"tasks", std::move(tasks)}};
  });
}

}  // namespace baoan::map
