#include "app/industry_generator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "core/clock.h"
#include "core/regions.h"
#include "core/validation.h"
#include "db/batch_insert.h"
#include "db/scope_sql.h"

namespace baoan::app {

namespace {

using db::Query;
using db::Value;

// Surnames weighted roughly by their share of the population, so that the generated names collide
// the way real ones do.
const std::vector<std::pair<const char*, int>> kSurnames = {
    {"王", 72}, {"李", 71}, {"张", 68}, {"刘", 54}, {"陈", 46}, {"杨", 32}, {"赵", 20}, {"黄", 19}, {"周", 18},
    {"吴", 18}, {"徐", 13}, {"孙", 12}, {"胡", 10}, {"朱", 10}, {"高", 10}, {"林", 9},  {"何", 9},  {"郭", 9},
    {"马", 9},  {"罗", 7},  {"梁", 7},  {"宋", 6},  {"郑", 6},  {"谢", 5},  {"韩", 5},  {"唐", 5},  {"冯", 5},
    {"于", 5},  {"董", 5},  {"萧", 4},  {"程", 4},  {"曹", 4},  {"袁", 4},  {"邓", 4},  {"许", 4},  {"傅", 4},
    {"沈", 4},  {"曾", 4},  {"彭", 4},  {"吕", 4},  {"苏", 4},  {"卢", 4},  {"蒋", 4},  {"蔡", 4},  {"贾", 3},
    {"丁", 3},  {"魏", 3},  {"薛", 3},  {"叶", 3},  {"阎", 3},  {"雷", 3},  {"侯", 3},  {"田", 3},  {"白", 3}};
const std::vector<const char*> kGivenMale = {"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉",
                                             "鹏", "华", "飞", "鑫", "波", "宁", "建国", "建军", "志强", "海涛",
                                             "国庆", "文博", "晓东", "立新", "振华", "卫东", "小龙", "俊杰"};
const std::vector<const char*> kGivenFemale = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "燕", "婷", "雪",
                                               "秀英", "桂英", "晓燕", "丽娟", "海燕", "春梅", "小红", "雅琴"};
const std::vector<const char*> kCompanyWords = {"安泰", "鼎盛", "恒安", "卫士", "金盾", "长城", "平安", "泰和", "华安",
                                                "盛世", "神盾", "中安", "天诚", "正和", "永安", "秦安", "宏达", "信诚",
                                                "锦华", "兴盛", "瑞安", "安邦", "万达", "国信", "昌盛", "新星"};
const std::vector<const char*> kEthnicities = {"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族"};
const std::vector<const char*> kEducations = {"junior", "junior", "senior", "senior", "senior", "secondary_vocational",
                                              "college", "bachelor"};
const char* kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

struct Place {
  long long orgId;
  std::string orgPath;
  std::string regionCode;  // county
  std::string regionName;
  double lng, lat;
  std::vector<std::pair<long long, std::string>> stations;  // its 派出所 (id, path)
};

// Approximate centres of the districts of 咸阳 (from the offline outline) and of the cities of 陕西.
const std::map<std::string, std::pair<double, double>> kCentres = {
    {"610402", {108.706, 34.330}}, {"610403", {108.085, 34.272}}, {"610404", {108.737, 34.362}},
    {"610422", {108.941, 34.617}}, {"610423", {108.843, 34.527}}, {"610424", {108.239, 34.528}},
    {"610425", {108.425, 34.482}}, {"610426", {108.142, 34.692}}, {"610428", {107.799, 35.206}},
    {"610482", {108.078, 35.044}}, {"610429", {108.334, 35.112}}, {"610430", {108.581, 34.799}},
    {"610431", {108.200, 34.260}}, {"610481", {108.490, 34.299}}, {"610100", {108.948, 34.263}},
    {"610200", {108.980, 34.917}}, {"610300", {107.145, 34.369}}, {"610400", {108.705, 34.333}},
    {"610500", {109.503, 34.499}}, {"610600", {109.491, 36.597}}, {"610700", {107.029, 33.078}},
    {"610800", {109.741, 38.290}}, {"610900", {109.029, 32.690}}, {"611000", {109.940, 33.868}}};

class Generator {
 public:
  struct Company {
    long long id;
    std::string name;
    Place place;
  };
  struct Employed {
    long long guardId, companyId;
    std::string orgPath;
  };

  Generator(db::Conn& c, const IndustryOptions& o, std::string hash) : c_(c), o_(o), hash_(std::move(hash)), rng_(o.seed) {
    for (const auto& [s, w] : kSurnames) surnameWeights_.push_back(w);
    // Numbers already in the database must not be generated again.
    for (const auto& r : c_.query(Query("SELECT id_no FROM guards"))) usedIds_.insert(r.str(0));
    for (const auto& r : c_.query(Query("SELECT credit_code FROM companies UNION SELECT code FROM inhouse_units")))
      usedCodes_.insert(r.str(0));
  }

  IndustrySummary run() {
    if (o_.wholeProvince) createProvinceOrgs();
    loadPlaces();
    IndustrySummary s;
    companies(s);
    inhouseUnits(s);
    trainingUnits(s);
    associations(s);
    guards(s);
    goodDeeds(s);
    if (o_.bigCompanyGuards > 0) bigCompany(s);
    return s;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  // A coordinate within ~3 km, to 4 decimals as a person would type it (the nearest double of
  // 108.0687, not 108.06869999999999).
  double near(double degrees) { return std::round(degrees * 10000 + uniform(-300, 300)) / 10000; }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))]; }
  const Place& pickPlace() {
    // Urban districts hold more companies than the rural counties.
    return places_[std::discrete_distribution<std::size_t>(placeWeights_.begin(), placeWeights_.end())(rng_)];
  }

  std::string date(int fromYear, int toYear) {
    char buf[11];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", uniform(fromYear, toYear), uniform(1, 12), uniform(1, 28));
    return buf;
  }

  std::string personName(bool male) {
    std::string s = kSurnames[std::discrete_distribution<std::size_t>(surnameWeights_.begin(), surnameWeights_.end())(rng_)].first;
    const auto& given = male ? kGivenMale : kGivenFemale;
    s += pick(given);
    if (chance(0.35) && std::string(s).size() <= 6) s += pick(given);  // some three-character names
    return s;
  }

  std::string idNumber(const std::string& region, const std::string& birth, bool male) {
    char seq[4];
    int n = uniform(0, 499) * 2 + (male ? 1 : 0);
    std::snprintf(seq, sizeof seq, "%03d", n);
    std::string first17 = region.substr(0, 6) + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2) + seq;
    return first17 + core::idNumberCheckChar(first17);
  }

  std::string uniqueIdNumber(const std::string& region, bool male, int fromYear, int toYear) {
    for (;;) {
      std::string id = idNumber(region, date(fromYear, toYear), male);
      if (usedIds_.insert(id).second) return id;
    }
  }

  std::string mobile() {
    static const char* prefixes[] = {"133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
                                     "177", "180", "181", "186", "187", "189", "199"};
    char buf[12];
    std::snprintf(buf, sizeof buf, "%s%08d", prefixes[uniform(0, 18)], uniform(0, 99999999));
    return buf;
  }

  std::string creditCode(const std::string& region) {
    for (;;) {
      std::string first17 = "91" + region.substr(0, 6);
      for (int i = 0; i < 9; ++i) first17 += kCreditAlphabet[uniform(0, 30)];
      std::string code = first17 + core::creditCodeCheckChar(first17);
      if (usedCodes_.insert(code).second) return code;
    }
  }

  long long nextId(const std::string& table) { return c_.scalar(Query("SELECT COALESCE(MAX(id), 0) FROM " + table)) + 1; }

  long long insertOrg(long long parent, const std::string& parentPath, int level, const std::string& name,
                      const std::string& region, const std::string& type) {
    const long long now = core::nowMs();
    const long long id = c_.insert(Query(
        "INSERT INTO orgs (parent_id, path, level, name, region_code, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        parent, parentPath + "g" + std::to_string(now) + "-" + name + "/", level, name, region, type, now, now));
    c_.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", parentPath + std::to_string(id) + "/", id));
    return id;
  }

  void createProvinceOrgs() {
    auto top = c_.queryOne(Query("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1"));
    const auto& regions = core::RegionTable::instance();
    for (const auto* city : regions.children("610000")) {
      if (c_.scalar(Query("SELECT COUNT(*) FROM orgs WHERE region_code = ? AND type = 'city_bureau'", city->code)) > 0) continue;
      const long long cityId = insertOrg(top->i64(0), top->str(1), 2, city->name + "公安局", city->code, "city_bureau");
      const std::string cityPath = top->str(1) + std::to_string(cityId) + "/";
      for (const auto* county : regions.children(city->code)) {
        const bool district = county->name.size() > 3 && county->name.compare(county->name.size() - 3, 3, "区") == 0;
        const std::string name = district ? county->name.substr(0, county->name.size() - 3) + "分局" : county->name + "公安局";
        const long long b = insertOrg(cityId, cityPath, 3, name, county->code, district ? "district_bureau" : "county_bureau");
        int stations = 0;
        for (const auto* town : regions.children(county->code)) {
          if (++stations > 3) break;
          insertOrg(b, cityPath + std::to_string(b) + "/", 4, town->name + "派出所", town->code, "police_station");
        }
      }
    }
  }

  void loadPlaces() {
    const auto& regions = core::RegionTable::instance();
    for (const auto& r : c_.query(Query(
             "SELECT id, path, region_code FROM orgs WHERE type IN ('district_bureau', 'county_bureau') ORDER BY id"))) {
      const std::string region = r.str(2);
      const auto* reg = regions.find(region);
      if (!reg) continue;
      auto centre = kCentres.count(region) ? kCentres.at(region) : kCentres.count(reg->parent) ? kCentres.at(reg->parent)
                                                                                                 : std::make_pair(108.9, 34.3);
      places_.push_back({r.i64(0), r.str(1), region, reg->name, centre.first, centre.second});
      const bool urban = reg->name.size() > 3 && reg->name.compare(reg->name.size() - 3, 3, "区") == 0;
      placeWeights_.push_back(urban ? 3.0 : 1.0);
    }
    if (places_.empty()) throw std::runtime_error("no 分局/县局 to place the industry under: seed the orgs first");
    std::map<long long, Place*> byOrg;
    for (auto& p : places_) byOrg[p.orgId] = &p;
    for (const auto& r : c_.query(Query("SELECT id, path, parent_id FROM orgs WHERE type = 'police_station' ORDER BY id")))
      if (byOrg.count(r.i64(2))) byOrg[r.i64(2)]->stations.emplace_back(r.i64(0), r.str(1));
  }

  void companies(IndustrySummary& s) {
    long long id = nextId("companies");
    long long userId = nextId("users");
    const long long now = core::nowMs();
    db::BatchInsert rows(c_, "companies",
                         {"id", "name", "credit_code", "reg_address", "region_code", "biz_address", "reg_capital", "founded_on",
                          "service_scope", "licence_no", "contact_name", "contact_phone", "lng", "lat", "legal_name",
                          "legal_id_no", "legal_mobile", "status", "initialized", "initialized_at", "org_id", "org_path",
                          "created_at", "updated_at"});
    db::BatchInsert accounts(c_, "users",
                             {"id", "account", "password_hash", "must_change_password", "kind", "name", "is_police", "id_no",
                              "gender", "birth_date", "mobile", "org_id", "org_path", "company_id", "created_at", "updated_at"});
    std::set<std::string> names;
    for (int i = 0; i < o_.companies; ++i, ++id, ++userId) {
      Place p = pickPlace();
      // A third of the companies are overseen day to day by the 派出所 of their area.
      if (!p.stations.empty() && chance(0.3)) std::tie(p.orgId, p.orgPath) = pick(p.stations);
      std::string name;
      do {
        const std::string city = core::RegionTable::instance().find(core::RegionTable::instance().find(p.regionCode)->parent)->name;
        const std::string prefix = chance(0.5) ? city.substr(0, city.size() - 3) : p.regionName.substr(0, p.regionName.size() - 3);
        name = prefix + pick(kCompanyWords) + (names.size() >= kCompanyWords.size() * 3 ? std::to_string(i) : "") + "保安服务有限公司";
      } while (!names.insert(name).second);
      const bool male = chance(0.8);
      const std::string legalId = uniqueIdNumber(p.regionCode, male, 1960, 1990);
      core::IdNumberInfo info;
      core::checkIdNumber(legalId, &info);
      const std::string code = creditCode(p.regionCode);
      if (s.sampleCompanyAccount.empty()) s.sampleCompanyAccount = code;
      const std::string legalMobile = mobile();
      const bool initialized = chance(0.7);
      char licence[20];
      std::snprintf(licence, sizeof licence, "陕%s%05d", p.regionCode.substr(2, 2).c_str(), static_cast<int>(id));
      const std::string scope = std::string("door,patrol") + (chance(0.5) ? ",guarding" : "") + (chance(0.2) ? ",escort" : "") +
                                (chance(0.3) ? ",technical" : "");
      rows.add({id, name, code, core::RegionTable::instance().fullName(p.regionCode) + "人民路" + std::to_string(uniform(1, 300)) + "号",
                p.regionCode, Value(std::monostate{}), static_cast<long long>(uniform(1, 50) * 100), date(2000, 2024), scope,
                std::string(licence), personName(chance(0.5)), mobile(), near(p.lng), near(p.lat), personName(male), legalId, legalMobile, std::string("active"),
                static_cast<long long>(initialized), initialized ? Value(now) : Value(std::monostate{}), p.orgId, p.orgPath, now, now});
      // Every company's portal account shares one hash of the initial password: all must change it at first sign-in.
      accounts.add({userId, code, hash_, 1LL, std::string("company"), name, 0LL, legalId, info.gender, info.birthDate, legalMobile,
                    p.orgId, p.orgPath, id, now, now});
      companies_.push_back({id, name, p});
    }
    rows.flush();
    accounts.flush();
    db::syncIdentity(c_, "companies");
    db::syncIdentity(c_, "users");
    s.companies = o_.companies;
  }

  void inhouseUnits(IndustrySummary& s) {
    static const char* names[] = {"人民医院", "职业技术学院", "热电厂", "自来水公司", "汽车客运站", "国际机场物业", "商业银行分行", "中心医院"};
    const long long now = core::nowMs();
    for (int i = 0; i < o_.inhouseUnits; ++i) {
      const Place& p = pickPlace();
      const bool male = chance(0.7);
      const std::string name = p.regionName.substr(0, p.regionName.size() - 3) + names[i % 8] + (i >= 8 ? std::to_string(i) : "");
      const long long unitId = c_.insert(Query(
          "INSERT INTO inhouse_units (code, name, region_code, address, phone, legal_name, legal_id_no, legal_mobile, dept_name, "
          "dept_head, dept_head_mobile, guard_count, principal_name, principal_id_no, principal_mobile, org_id, org_path, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '保卫处', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          creditCode(p.regionCode), name, p.regionCode, core::RegionTable::instance().fullName(p.regionCode) + "文林路" + std::to_string(uniform(1, 99)) + "号",
          "029-3" + std::to_string(uniform(1000000, 9999999)), personName(male), uniqueIdNumber(p.regionCode, male, 1960, 1985),
          mobile(), personName(true), mobile(), static_cast<long long>(uniform(5, 40)), personName(male),
          uniqueIdNumber(p.regionCode, male, 1965, 1990), mobile(), p.orgId, p.orgPath, now, now));
      inhouse_.push_back({unitId, name, p});
    }
    s.inhouseUnits = o_.inhouseUnits;
  }

  void trainingUnits(IndustrySummary& s) {
    const long long now = core::nowMs();
    for (int i = 0; i < o_.trainingUnits; ++i) {
      const Place& p = pickPlace();
      const std::string city = core::RegionTable::instance().find(core::RegionTable::instance().find(p.regionCode)->parent)->name;
      c_.exec(Query(
          "INSERT INTO training_units (code, name, cross_region, reg_address, leader_mobile, principal_id_no, principal_name, "
          "principal_mobile, reg_capital, licence_no, issuer_code, issuer_name, issued_on, org_id, org_path, created_at, updated_at) "
          "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, '610000', '陕西省公安厅', ?, ?, ?, ?, ?)",
          "PX" + p.regionCode + std::to_string(100 + i), city.substr(0, city.size() - 3) + pick(kCompanyWords) + "保安培训学校" + (i ? std::to_string(i) : ""),
          core::RegionTable::instance().fullName(p.regionCode) + "育才路" + std::to_string(uniform(1, 99)) + "号", mobile(),
          uniqueIdNumber(p.regionCode, true, 1960, 1985), personName(true), mobile(), static_cast<long long>(uniform(50, 500)),
          "陕公保培" + std::to_string(2015 + i) + std::to_string(uniform(100, 999)), date(2012, 2024), p.orgId, p.orgPath, now, now));
    }
    s.trainingUnits = o_.trainingUnits;
  }

  void associations(IndustrySummary& s) {
    const long long now = core::nowMs();
    auto cityOrg = c_.queryOne(Query("SELECT id, path, region_code, name FROM orgs WHERE type = 'city_bureau' ORDER BY id LIMIT 1"));
    for (int i = 0; i < o_.associations && cityOrg; ++i) {
      const std::string region = i == 0 ? cityOrg->str(2) : pickPlace().regionCode;
      const auto* reg = core::RegionTable::instance().find(region);
      c_.exec(Query(
          "INSERT INTO associations (name, president_name, president_id_no, founded_on, phone, address, region_code, member_count, "
          "org_id, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          reg->name + "保安协会", personName(true), uniqueIdNumber(region, true, 1955, 1975), date(2005, 2018),
          "029-3" + std::to_string(uniform(1000000, 9999999)), core::RegionTable::instance().fullName(region) + "统一路1号", region,
          static_cast<long long>(uniform(10, 80)), cityOrg->i64(0), cityOrg->str(1), now, now));
    }
    s.associations = o_.associations;
  }

  void guards(IndustrySummary& s) {
    long long id = nextId("guards");
    const long long now = core::nowMs();
    db::BatchInsert rows(c_, "guards",
                         {"id", "id_no", "name", "gender", "birth_date", "ethnicity", "education", "household_address",
                          "current_address", "mobile", "certificate_no", "certificate_date", "real_name_verified", "app_initialized",
                          "employer_kind", "employer_id", "employer_name", "employed", "hired_on", "left_on", "org_id", "org_path",
                          "org_l1", "org_l2", "org_l3", "org_l4", "org_l5", "created_at", "updated_at"},
                         100);
    db::BatchInsert jobs(c_, "employments",
                         {"guard_id", "employer_kind", "employer_id", "employer_name", "hired_on", "left_on", "created_at"}, 300);
    for (int i = 0; i < o_.guards; ++i, ++id) {
      // One guard in twenty works for an in-house unit (a hospital's or a college's own guards).
      const bool inhouse = !inhouse_.empty() && chance(0.05);
      const auto& co = inhouse ? inhouse_[static_cast<std::size_t>(uniform(0, static_cast<int>(inhouse_.size()) - 1))]
                               : companies_[static_cast<std::size_t>(uniform(0, static_cast<int>(companies_.size()) - 1))];
      addGuard(rows, jobs, id, co, inhouse ? "inhouse" : "company", now, 0.1);
    }
    rows.flush();
    jobs.flush();
    db::syncIdentity(c_, "guards");
    s.guards = o_.guards;
  }

  // 实名认证 / App 初始化 are a projection of person accounts (modules/industry/real_name.h). At province
  // scale (bench) the generator sets the columns directly, for speed, without the accounts behind them;
  // the demo leaves them 0 and seedDemoRealName opens person accounts that set them. Drawn either way,
  // so that the same seed gives the same data.
  long long realName(bool drawn) const { return o_.wholeProvince && drawn ? 1 : 0; }

  // One guard of employer co (drawn in the order the generator always drew them: same seed, same data).
  void addGuard(db::BatchInsert& rows, db::BatchInsert& jobs, long long id, const Company& co, const std::string& kind,
                long long now, double leftChance) {
    const bool inhouse = kind == "inhouse";
    const bool male = chance(0.85);
    const std::string idNo = uniqueIdNumber(co.place.regionCode, male, 1966, 2004);
    core::IdNumberInfo info;
    core::checkIdNumber(idNo, &info);
    // Hired over the past eleven years and, for those who left, left within the past eleven months (never
    // before the hire): relative to today, so that §8.5's "last 12 months" always shows hires and leavers.
    const int hiredDaysAgo = uniform(0, 11 * 365);
    const std::string hired = core::toChinaDate(now - hiredDaysAgo * core::kDayMs);
    const bool left = chance(leftChance);
    const int leftDaysAgo = std::min(uniform(0, 330), hiredDaysAgo / 2);
    const Value leftOn = left ? Value(core::toChinaDate(now - leftDaysAgo * core::kDayMs)) : Value(std::monostate{});
    const bool certified = chance(0.8);
    char cert[16];
    std::snprintf(cert, sizeof cert, "61%012lld", id);
    auto levels = db::orgLevels(co.place.orgPath);
    std::vector<Value> l(5, std::monostate{});
    for (std::size_t k = 0; k < levels.size() && k < 5; ++k) l[k] = levels[k];
    // Spread creation times over the past years, so that "newest first" means something.
    const long long created = now - static_cast<long long>(uniform(0, 5 * 365)) * 86400000LL - uniform(0, 86399) * 1000LL;
    rows.add({id, idNo, personName(male), info.gender, info.birthDate, std::string(pick(kEthnicities)),
              std::string(pick(kEducations)), core::RegionTable::instance().fullName(co.place.regionCode) + "某村" + std::to_string(uniform(1, 30)) + "组",
              co.place.regionName + "建设路" + std::to_string(uniform(1, 500)) + "号", mobile(),
              certified ? Value(std::string(cert)) : Value(std::monostate{}), certified ? Value(date(2016, 2025)) : Value(std::monostate{}),
              realName(chance(0.75)), realName(chance(0.6)), kind, co.id, co.name,
              static_cast<long long>(!left), hired, leftOn, co.place.orgId, co.place.orgPath, l[0], l[1], l[2], l[3], l[4], created, created});
    jobs.add({id, kind, co.id, co.name, hired, leftOn, created});
    // Good deeds are recorded by companies about their own guards.
    if (!left && !inhouse) employed_.push_back({id, co.id, co.place.orgPath});
  }

  // One company with o_.bigCompanyGuards guards (a big company after importing its roster; issue 10
  // measured 60 000): 秦安保安服务集团有限公司 in 秦都区, so that the police side's company-name filter
  // "秦" finds it among the others. Drawn after everything else, so the rest of the data is the same as
  // without it.
  void bigCompany(IndustrySummary& s) {
    const Place* place = &places_.front();
    for (const auto& p : places_)
      if (p.regionCode == "610402") place = &p;
    const long long id = nextId("companies");
    const long long userId = nextId("users");
    const long long now = core::nowMs();
    const std::string name = "秦安保安服务集团有限公司";
    const bool male = true;
    const std::string legalId = uniqueIdNumber(place->regionCode, male, 1960, 1990);
    core::IdNumberInfo info;
    core::checkIdNumber(legalId, &info);
    const std::string code = creditCode(place->regionCode);
    const std::string legalMobile = mobile();
    c_.exec(Query(
        "INSERT INTO companies (id, name, credit_code, reg_address, region_code, reg_capital, founded_on, service_scope, "
        "licence_no, contact_name, contact_phone, lng, lat, legal_name, legal_id_no, legal_mobile, status, initialized, "
        "initialized_at, org_id, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "'active', 1, ?, ?, ?, ?, ?)",
        id, name, code, core::RegionTable::instance().fullName(place->regionCode) + "世纪大道1号", place->regionCode, 5000LL,
        std::string("2005-06-01"), std::string("door,patrol,guarding,escort,technical"), std::string("陕04") + std::to_string(id),
        personName(true), mobile(), near(place->lng), near(place->lat), personName(male), legalId, legalMobile, now,
        place->orgId, place->orgPath, now, now));
    c_.exec(Query(
        "INSERT INTO users (id, account, password_hash, must_change_password, kind, name, is_police, id_no, gender, "
        "birth_date, mobile, org_id, org_path, company_id, created_at, updated_at) VALUES (?, ?, ?, 1, 'company', ?, 0, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)",
        userId, code, hash_, name, legalId, info.gender, info.birthDate, legalMobile, place->orgId, place->orgPath, id, now, now));
    db::syncIdentity(c_, "companies");
    db::syncIdentity(c_, "users");
    const Company co{id, name, *place};
    db::BatchInsert rows(c_, "guards",
                         {"id", "id_no", "name", "gender", "birth_date", "ethnicity", "education", "household_address",
                          "current_address", "mobile", "certificate_no", "certificate_date", "real_name_verified", "app_initialized",
                          "employer_kind", "employer_id", "employer_name", "employed", "hired_on", "left_on", "org_id", "org_path",
                          "org_l1", "org_l2", "org_l3", "org_l4", "org_l5", "created_at", "updated_at"},
                         100);
    db::BatchInsert jobs(c_, "employments",
                         {"guard_id", "employer_kind", "employer_id", "employer_name", "hired_on", "left_on", "created_at"}, 300);
    long long guardId = nextId("guards");
    for (int i = 0; i < o_.bigCompanyGuards; ++i, ++guardId) addGuard(rows, jobs, guardId, co, "company", now, 0.1);
    rows.flush();
    jobs.flush();
    db::syncIdentity(c_, "guards");
    s.companies += 1;
    s.guards += o_.bigCompanyGuards;
    s.bigCompanyAccount = code;
  }

  void goodDeeds(IndustrySummary& s) {
    static const std::vector<std::pair<const char*, const char*>> deeds = {
        {"拾金不昧", "在岗巡逻时拾到市民遗失的钱包,内有现金及证件,第一时间联系失主归还。"},
        {"协助抓获盗窃嫌疑人", "值守期间发现可疑人员撬盗电动车,及时报警并协助民警将嫌疑人抓获。"},
        {"救助突发疾病老人", "发现一名老人晕倒在小区门口,立即施救并拨打120,为抢救赢得时间。"},
        {"火情先期处置", "巡逻中发现配电箱冒烟,迅速切断电源并使用灭火器扑灭初起火情。"},
        {"帮助走失儿童回家", "在商场发现一名走失儿童,耐心安抚并通过广播找到其家人。"}};
    const long long now = core::nowMs();
    db::BatchInsert rows(c_, "good_deeds", {"guard_id", "company_id", "title", "content", "occurred_on", "place", "org_path", "created_at", "updated_at"});
    for (int i = 0; i < o_.goodDeeds && !employed_.empty(); ++i) {
      const auto& g = employed_[static_cast<std::size_t>(uniform(0, static_cast<int>(employed_.size()) - 1))];
      const auto& d = pick(deeds);
      rows.add({g.guardId, g.companyId, std::string(d.first), std::string(d.second), date(2023, 2025), std::string("服务区域内"), g.orgPath, now, now});
    }
    rows.flush();
    s.goodDeeds = o_.goodDeeds;
  }

  db::Conn& c_;
  const IndustryOptions& o_;
  std::string hash_;
  std::mt19937 rng_;
  std::vector<int> surnameWeights_;
  std::vector<Place> places_;
  std::vector<double> placeWeights_;
  std::vector<Company> companies_;
  std::vector<Company> inhouse_;  // in-house units, as employers
  std::vector<Employed> employed_;
  std::set<std::string> usedIds_, usedCodes_;
};

}  // namespace

IndustrySummary generateIndustry(db::Database& db, const IndustryOptions& o, const std::string& initialPasswordHash) {
  return db.write([&](db::Conn& c) {
    Generator g(c, o, initialPasswordHash);
    return g.run();
  });
}

}  // namespace baoan::app
