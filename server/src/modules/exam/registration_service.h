#pragma once
// 保安员资格证考试报名 (manual §6.1, issue 13): a person registers themself on the portal, an employer
// or training unit registers its people, or an officer registers a person at the window. The service
// checks who the person is (the facts derived from the ID number, never typed twice), whether they may
// register (条例 arts. 16–17, one open registration, the resit count), checks the photo, and opens the
// engine case at the 户籍地派出所; the case's final 同意 moves the registration to 待缴费
// (types/exam_registration.cpp).
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/approval_service.h"
#include "modules/exam/registration_store.h"
#include "modules/export_util.h"
#include "modules/files/file_service.h"

namespace baoan::exam {

class RegistrationService {
 public:
  RegistrationService(app::Context& ctx, files::FileService& files, std::shared_ptr<approval::ApprovalService> approval)
      : ctx_(ctx), files_(files), approval_(std::move(approval)) {}

  // POST /exam-registrations: 201 {"id", "caseNo", "status", …}.
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  // GET /exam-registrations: officers see their scope; portal accounts what they registered.
  nlohmann::json list(const core::Actor& a, const RegistrationFilter& f, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  // 取消: before 受理 the case is withdrawn; 待缴费 / 待安排考试 end as cancelled (a paid one refunded
  // through onCancelled). Later states cannot be cancelled.
  nlohmann::json cancel(const core::Actor& a, long long id, const nlohmann::json& body);
  // 改派: an officer moves a registration waiting at a 派出所 to another station of the same city.
  nlohmann::json reroute(const core::Actor& a, long long id, const nlohmann::json& body);
  // 批量报名 (registration_import.cpp): the xlsx template, and the import (all rows or none; the
  // report of every bad row). `status` is 200 when registered, 422 with the report.
  modules::ExportFile importTemplate();
  nlohmann::json importRegistrations(const core::Actor& a, const std::string& xlsx, int& status);
  // 派出所设置: the station that takes the registrations of a county's towns no station covers.
  nlohmann::json stationRoutes(const core::Principal& p);
  nlohmann::json setStationRoute(const core::Actor& a, const std::string& countyCode, const nlohmann::json& body);

  // Called inside the cancel's transaction for a registration that was past 待缴费's order (the
  // payment module refunds what was paid). Empty: nothing to refund.
  std::function<void(db::Conn&, const core::Actor&, long long registrationId)> onCancelled;

 private:
  // Who registers ("person", "company", …, "officer"); 403 for anyone else.
  std::string registrant(const core::Principal& p);
  // The person and the photo against 条例 art. 16 and the card's rules (errors under prefix + key).
  void checkPerson(const core::Principal& p, const std::string& kind, const nlohmann::json& values, FieldErrors& errors,
                   const std::string& prefix);
  // What the database says of the registration: the person's history and the station it goes to, or
  // what stands against it (an open one: a conflict; art. 17, no station, outside the officer's area:
  // the form key and the message).
  struct Problem {
    std::string field, message;
    bool conflict = false;
  };
  struct Admission {
    PersonHistory history;
    std::optional<std::pair<long long, std::string>> station;  // id, path
    std::optional<Problem> problem;
  };
  Admission admit(db::Conn& c, const core::Principal& p, const std::string& kind, const nlohmann::json& values);
  // Opens the case and records the registration, in the caller's transaction.
  nlohmann::json registerIn(db::Conn& c, const core::Actor& a, const std::string& kind, const nlohmann::json& values,
                            const std::vector<std::string>& fileIds);
  RegistrationRow loadVisible(db::Conn& c, const core::Principal& p, long long id);
  void setOrgPathAndLog(db::Conn& c, const core::Actor& a, const RegistrationRow& r, const std::string& path);
  nlohmann::json toJson(db::Conn& c, const core::Actor& a, const RegistrationRow& r, bool detail);
  void addOutcomes(db::Conn& c, const core::Principal& p, const RegistrationRow& r, nlohmann::json& j);

  app::Context& ctx_;
  files::FileService& files_;
  std::shared_ptr<approval::ApprovalService> approval_;
  RegistrationStore store_;
  approval::ApprovalStore stations_;  // where a town's registrations go (orgAtLevel "station")
};

}  // namespace baoan::exam
