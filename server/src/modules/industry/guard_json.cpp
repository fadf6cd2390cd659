#include "modules/industry/guard_json.h"

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/validation.h"
#include "http/json_write.h"

namespace baoan::industry {

namespace {

using http::appendJsonInt;
using http::appendJsonString;

void key(std::string& out, const char* k) {
  out += '"';
  out += k;
  out += "\":";
}

void text(std::string& out, const std::optional<std::string>& v) {
  if (v) appendJsonString(out, *v);
  else out += "null";
}

void boolean(std::string& out, bool v) { out += v ? "true" : "false"; }

void iso(std::string& out, long long ms) {
  out += '"';
  core::appendIso(out, ms);
  out += '"';
}

// The fields of GuardService::toJson in nlohmann's (sorted) order.
void appendGuard(std::string& out, const GuardRow& g, bool full, const std::optional<std::set<long long>>& flagged) {
  const GuardPerson& p = g.person;
  out += '{';
  key(out, "appInitialized"), boolean(out, g.appInitialized);
  out += ',', key(out, "birthDate"), appendJsonString(out, p.birthDate);
  out += ',', key(out, "certificateDate"), text(out, p.certificateDate);
  out += ',', key(out, "certificateNo"), text(out, p.certificateNo);
  out += ',', key(out, "createdAt"), iso(out, g.createdAt);
  out += ',', key(out, "currentAddress"), text(out, p.currentAddress);
  out += ',', key(out, "education"), text(out, p.education);
  out += ',', key(out, "educationName");
  if (p.education) appendJsonString(out, core::dictName("educations", *p.education));
  else out += "null";
  out += ',', key(out, "employed"), boolean(out, g.employed);
  out += ',', key(out, "employerId"), appendJsonInt(out, g.employerId);
  out += ',', key(out, "employerKind"), appendJsonString(out, g.employerKind);
  out += ',', key(out, "employerName"), appendJsonString(out, g.employerName);
  out += ',', key(out, "ethnicity"), text(out, p.ethnicity);
  if (flagged) out += ',', key(out, "flagged"), boolean(out, flagged->count(g.id) > 0);
  out += ',', key(out, "gender"), appendJsonString(out, p.gender);
  out += ',', key(out, "genderName"), appendJsonString(out, p.gender == "male" ? "男" : "女");
  out += ',', key(out, "hiredOn"), text(out, g.hiredOn);
  out += ',', key(out, "householdAddress"), text(out, p.householdAddress);
  out += ',', key(out, "id"), appendJsonInt(out, g.id);
  out += ',', key(out, "idNo"), appendJsonString(out, full ? p.idNo : core::maskIdNumber(p.idNo));
  out += ',', key(out, "leftOn"), text(out, g.leftOn);
  out += ',', key(out, "mobile"), appendJsonString(out, full ? p.mobile : core::maskMobile(p.mobile));
  out += ',', key(out, "name"), appendJsonString(out, p.name);
  out += ',', key(out, "orgId"), appendJsonInt(out, g.orgId);
  out += ',', key(out, "orgName"), appendJsonString(out, g.orgName);
  out += ',', key(out, "photoFileId"), text(out, p.photoFileId);
  out += ',', key(out, "realNameVerified"), boolean(out, g.realNameVerified);
  out += ',', key(out, "updatedAt"), iso(out, g.updatedAt);
  out += '}';
}

}  // namespace

std::string guardPageJson(const GuardPage& page) {
  std::string out;
  out.reserve(64 + page.rows.size() * 720);
  out += "{\"items\":[";
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    if (i) out += ',';
    appendGuard(out, page.rows[i], page.fullPersonal, page.flagged);
  }
  out += "],\"page\":";
  appendJsonInt(out, page.page.page);
  out += ",\"size\":";
  appendJsonInt(out, page.page.size);
  out += ",\"total\":";
  appendJsonInt(out, page.total);
  out += '}';
  return out;
}

}  // namespace baoan::industry
