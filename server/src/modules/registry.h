#pragma once
// The composition of the modules: the services one module calls on another's behalf are built once
// here and shared; every module adds its routes to the router. The composition root (app/commands)
// builds Shared and calls registerAll().
#include "app/context.h"
#include "core/clock.h"
#include "http/router.h"
#include "modules/approval/approval_service.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/credentials_service.h"
#include "modules/calendar/calendar_service.h"
#include "modules/certificates/certificate_cases.h"
#include "modules/exam/exam_service.h"
#include "modules/exam/payment_service.h"
#include "modules/exam/registration_status.h"
#include "modules/background/background_check_service.h"
#include "modules/files/file_service.h"
#include "modules/industry/company_service.h"
#include "modules/industry/real_name.h"
#include "modules/industry/unit_filings.h"
#include "modules/licences/licence_service.h"
#include "modules/system/user_service.h"

namespace baoan::exam {
class RegistrationService;
}

namespace baoan::modules {

// A module reaches another only through that module's service, taken from here.
struct Shared {
  explicit Shared(app::Context& ctx)
      : auth(ctx),
        credentials(ctx),
        files(ctx),
        users(ctx, credentials),
        calendar(ctx),
        background(ctx),
        licences(std::make_shared<licences::LicenceService>(ctx, &files)),
        companyLicensing(users),
        unitFilings(users),
        approval(std::make_shared<approval::ApprovalService>(ctx, files, calendar, background, licences, companyLicensing, unitFilings)),
        exams(std::make_shared<exam::ExamService>(ctx, &files)),
        payments(std::make_shared<exam::PaymentService>(ctx)) {}
  auth::AuthService auth;
  auth::CredentialsService credentials;
  files::FileService files;
  system::UserService users;  // officer accounts, and the portal accounts of units
  calendar::CalendarService calendar;  // the working calendar in force (current()), for the approval clock
  background::BackgroundCheckService background;  // 背景审查: run the police-database checks, read the results
  std::shared_ptr<licences::LicenceService> licences;  // the approval engine's grant issues licences
  industry::CompanyLicensing companyLicensing;  // … and records the licensed company in the registry
  industry::UnitFilings unitFilings;  // … and the other types' effects (branches, filings, reports, training units, changes)
  // The approval engine: its routes, and the modules that open cases on the server's initiative
  // (exam registrations, 制证审批).
  std::shared_ptr<approval::ApprovalService> approval;
  std::shared_ptr<exam::ExamService> exams;  // §6.2 exams and scores; onScoresNotified feeds the certificates
  std::shared_ptr<exam::PaymentService> payments;  // 考试缴费: fees, orders, the gateway; refunds via exam::refundIfPaid
};

void registerHealthRoutes(http::Router& r, app::Context& ctx);
void registerAuthRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerReferenceRoutes(http::Router& r, app::Context& ctx);
void registerOrgRoutes(http::Router& r, app::Context& ctx);
void registerRoleRoutes(http::Router& r, app::Context& ctx);
void registerUserRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerAuditRoutes(http::Router& r, app::Context& ctx);
void registerIndustryRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerFileRoutes(http::Router& r, files::FileService& files);
void registerApprovalRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerCalendarRoutes(http::Router& r, calendar::CalendarService& calendar);
void registerWatchListRoutes(http::Router& r, app::Context& ctx);
void registerLicenceRoutes(http::Router& r, const std::shared_ptr<licences::LicenceService>& svc);
void registerExamRoutes(http::Router& r, const std::shared_ptr<exam::ExamService>& svc);
std::shared_ptr<exam::RegistrationService> registerExamRegistrationRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerPaymentRoutes(http::Router& r, const std::shared_ptr<exam::PaymentService>& svc);
// registrations.onCancelled → exam::refundIfPaid (payment_routes.cpp).
void wirePaymentRefunds(exam::RegistrationService& registrations);
void registerCertificateRoutes(http::Router& r, app::Context& ctx, Shared& shared);
// §9.1 监督检查情况管理 (modules/supervision/inspection_*).
void registerInspectionRoutes(http::Router& r, app::Context& ctx, Shared& shared);
// 市民投诉建议 (§9.2): the public page's API and the police side (modules/supervision/feedback_*).
void registerFeedbackRoutes(http::Router& r, app::Context& ctx, Shared& shared);
// 地图可视化 (§7): map outlines, 一键搜, guard and company statistics (modules/map).
void registerMapRoutes(http::Router& r, app::Context& ctx);
// 任务中心, the portal's 任务管理 and 紧急任务 (§7.4–7.5, modules/tasks).
void registerTaskRoutes(http::Router& r, app::Context& ctx);
// §9.3 问题人员 and GET /api/v1/screening/status (modules/supervision/flagged_*).
void registerFlaggedRoutes(http::Router& r, app::Context& ctx, Shared& shared);
// 统计管理 (§8): /stats/approvals, /stats/exam-registrations, /stats/companies/initialization, /stats/guards/analysis.
void registerStatisticsRoutes(http::Router& r, app::Context& ctx, Shared& shared);

// Every form whose text fields are declared as a core::FormSpec (`baoan forms`).
std::vector<const core::FormSpec*> allForms();

inline void registerAll(http::Router& r, app::Context& ctx, Shared& shared) {
  // A person account's first sign-in makes the guard of its ID number App 初始化 (industry/real_name.h).
  shared.auth.onFirstSignIn = [](db::Conn& c, const std::string& account) { industry::personAccountChanged(c, account); };
  // So does an officer's disable, enable or rename of a person account (system/users): 实名认证 needs it enabled, under the name.
  shared.users.onAccountChanged = [](db::Conn& c, const std::string& account) { industry::personAccountChanged(c, account); };
  registerHealthRoutes(r, ctx);
  registerAuthRoutes(r, ctx, shared);
  registerReferenceRoutes(r, ctx);
  registerOrgRoutes(r, ctx);
  registerRoleRoutes(r, ctx);
  registerUserRoutes(r, ctx, shared);
  registerAuditRoutes(r, ctx);
  registerIndustryRoutes(r, ctx, shared);
  registerFileRoutes(r, shared.files);
  registerApprovalRoutes(r, ctx, shared);
  registerCalendarRoutes(r, shared.calendar);
  registerWatchListRoutes(r, ctx);
  registerLicenceRoutes(r, shared.licences);
  registerExamRoutes(r, shared.exams);
  auto registrations = registerExamRegistrationRoutes(r, ctx, shared);
  // A cancelled registration's order: closed when unpaid, refunded when paid (exam::refundIfPaid).
  wirePaymentRefunds(*registrations);
  registerPaymentRoutes(r, shared.payments);
  // A registration that reaches 待缴费 gets its order at once (a free resit moves on by itself).
  exam::setPendingPaymentHook([provider = shared.payments->settings().provider](db::Conn& c, long long registrationId) {
    exam::PaymentService::openOrder(c, registrationId, provider, core::nowMs());
  });
  registerCertificateRoutes(r, ctx, shared);
  registerInspectionRoutes(r, ctx, shared);
  registerFeedbackRoutes(r, ctx, shared);
  registerMapRoutes(r, ctx);
  registerStatisticsRoutes(r, ctx, shared);
  registerTaskRoutes(r, ctx);
  registerFlaggedRoutes(r, ctx, shared);
  // 通知成绩: every candidate who passed gets a 制证审批 case in the city's 待办.
  shared.exams->onScoresNotified = [approvals = shared.approval](db::Conn& c, const core::Actor& a, const std::vector<long long>& ids) {
    certificates::openCertificateCases(*approvals, c, a, ids);
  };
}

}  // namespace baoan::modules
