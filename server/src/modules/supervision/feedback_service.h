#pragma once
// 市民投诉建议 (manual §9.2, issue 15). The public side (no sign-in): an SMS code proves the citizen's
// mobile, the feedback goes to the bureau of its region and answers with a 查询码; the citizen reads the
// state and the reply with 查询码 + mobile. Bounded per client address and per mobile (auth::RateLimiter,
// the sign-in and certificate-verify machinery), the SMS code's 60-second interval (as sign-up), text
// and body sizes (the routes' body limits answer 413 before the body is read). The police side: the
// list in scope with the handling clock's marks (the approvals' working-day calendar), 分派, 回复, 办结.
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/auth/auth_service.h"
#include "modules/calendar/calendar_service.h"
#include "modules/files/file_service.h"
#include "modules/supervision/feedback_store.h"
#include "modules/supervision/inspection_store.h"

namespace baoan::supervision {

struct FeedbackQuery {
  std::string type, state, companyName;
  std::optional<long long> companyId;
  std::optional<long long> from, to;
};

class FeedbackService {
 public:
  static constexpr int kMaxPhotos = 3;
  static constexpr std::size_t kMaxPhotoBytes = 2u << 20;
  static constexpr int kPerAddressPerMinute = 120;   // writes of one client address (codes, submissions, photos)
  static constexpr int kReadsPerAddressPerMinute = 120;  // lookups and company searches of one address
  static constexpr int kPerMobilePerMinute = 10;    // submissions naming one mobile

  FeedbackService(app::Context& ctx, calendar::CalendarService& calendar, files::FileService& files);

  // Public.
  void sendCode(const std::string& ip, const nlohmann::json& body);
  nlohmann::json submit(const std::string& ip, const nlohmann::json& body);  // → {"code"}
  nlohmann::json lookup(const std::string& ip, const std::string& code, const std::string& mobile);
  nlohmann::json searchCompanies(const std::string& ip, const std::string& name);
  nlohmann::json uploadPhoto(const std::string& ip, const std::string& fileNameHeader, const std::string& bytes);

  // Police.
  nlohmann::json list(const core::Principal& p, const FeedbackQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json assign(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json reply(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json close(const core::Actor& a, long long id);
  nlohmann::json settings();
  nlohmann::json updateSettings(const core::Actor& a, const nlohmann::json& body);

 private:
  nlohmann::json toJson(db::Conn& c, const FeedbackRow& f, const core::Principal& p, bool detail);
  FeedbackRow visibleOr404(db::Conn& c, const core::Principal& p, long long id);
  // The inspections opened from a complaint (转检查) in the caller's scope, and the handling record
  // (the stored events): the officers' view and the citizen's (no officer names, no inspection details).
  nlohmann::json inspectionsOf(db::Conn& c, const FeedbackRow& f, const core::Principal& p) const;
  static nlohmann::json historyOf(const std::vector<FeedbackEvent>& events, const nlohmann::json& inspections);
  static nlohmann::json publicHistoryOf(const std::vector<FeedbackEvent>& events);

  app::Context& ctx_;
  calendar::CalendarService& calendar_;
  files::FileService& files_;
  FeedbackStore store_;
  InspectionStore inspections_;
  auth::RateLimiter writesPerAddress_;
  auth::RateLimiter readsPerAddress_;
  auth::RateLimiter perMobile_;
};

}  // namespace baoan::supervision
