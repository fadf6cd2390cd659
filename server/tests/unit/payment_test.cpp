// The payment adapter and the exam-fee service (DOMAIN.md "Exam fee and payment"): the signature of the gateway's
// protocol, the replay window, the fee rule (one free resit), the gateway provider against a local HTTP
// server (signed answers, a forged answer, a slow one), and the service on SQLite: a callback applied
// once however often it comes, forged and late callbacks and a wrong amount changing nothing,
// reconciliation and refunds.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "adapters/payment/payment_provider.h"
#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "core/clock.h"
#include "db/db.h"
#include "db/migrations.h"
#include "local_http_server.h"
#include "modules/exam/payment_rules.h"
#include "modules/exam/payment_service.h"

using namespace baoan;
using db::Query;
using nlohmann::json;

namespace {

const std::string kSecret = "0123456789abcdef-secret";

payment::GatewaySettings gatewaySettings(const std::string& url = "http://127.0.0.1:9") {
  payment::GatewaySettings g;
  g.url = url;
  g.secret = kSecret;
  g.merchantId = "M001";
  g.notifyUrl = "http://127.0.0.1:8080/api/v1/payments/callback";
  return g;
}

std::map<std::string, std::string> signedHeaders(const std::string& body, long long ts, const std::string& nonce,
                                                 const std::string& secret = kSecret) {
  return {{"x-timestamp", std::to_string(ts)}, {"x-nonce", nonce}, {"x-signature", payment::sign(secret, std::to_string(ts), nonce, body)}};
}

}  // namespace

// ---- signature and replay window ----

TEST(PaymentSignature, HmacSha256OverTimestampNonceAndBody) {
  // Computed independently: python3 hmac.new(secret, b'1765000000\nabc123\n{"orderNo":"KS1-1"}', sha256).
  EXPECT_EQ(payment::sign(kSecret, "1765000000", "abc123", R"({"orderNo":"KS1-1"})"),
            "5609c8440a81a301ca53658ec9a3fb9d90c1d22844643a316e2e716a30f138db");
}

TEST(PaymentSignature, VerifyAcceptsTheRightSignatureWithinTheWindowOnly) {
  const auto g = gatewaySettings();
  const std::string body = R"({"orderNo":"KS1-1","amount":100})";
  const long long now = 1765000000;
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now, "n1"), body, now, 300), payment::Verdict::ok);
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now - 299, "n1"), body, now, 300), payment::Verdict::ok);
  // Upper-case hex is the same signature.
  auto upper = signedHeaders(body, now, "n1");
  for (char& ch : upper["x-signature"]) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(payment::verify(g, upper, body, now, 300), payment::Verdict::ok);
  // Late or early beyond the window: stale, even when correctly signed.
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now - 301, "n1"), body, now, 300), payment::Verdict::stale);
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now + 301, "n1"), body, now, 300), payment::Verdict::stale);
  // A changed body, another secret, a changed nonce or timestamp: bad signature.
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now, "n1"), R"({"orderNo":"KS1-1","amount":1})", now, 300),
            payment::Verdict::badSignature);
  EXPECT_EQ(payment::verify(g, signedHeaders(body, now, "n1", "another-secret-0000"), body, now, 300), payment::Verdict::badSignature);
  auto h = signedHeaders(body, now, "n1");
  h["x-nonce"] = "n2";
  EXPECT_EQ(payment::verify(g, h, body, now, 300), payment::Verdict::badSignature);
  h = signedHeaders(body, now, "n1");
  h["x-timestamp"] = std::to_string(now - 1);
  EXPECT_EQ(payment::verify(g, h, body, now, 300), payment::Verdict::badSignature);
  // Missing headers or a timestamp that is not a number: not signed.
  h = signedHeaders(body, now, "n1");
  h.erase("x-signature");
  EXPECT_EQ(payment::verify(g, h, body, now, 300), payment::Verdict::unsigned_);
  h = signedHeaders(body, now, "n1");
  h["x-timestamp"] = "12a";
  EXPECT_EQ(payment::verify(g, h, body, now, 300), payment::Verdict::unsigned_);
}

TEST(PaymentSettings, ValidateNamesTheProblem) {
  payment::Settings s;
  EXPECT_NO_THROW(payment::validate(s));
  s.provider = "cash";
  EXPECT_THROW(payment::validate(s), std::invalid_argument);
  s.provider = "gateway";
  try {
    payment::validate(s);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("gateway.url"), std::string::npos);
  }
  s.gateway = gatewaySettings();
  EXPECT_NO_THROW(payment::validate(s));
  s.gateway.secret = "short";
  EXPECT_THROW(payment::validate(s), std::invalid_argument);
}

// ---- the fee rule ----

TEST(FeeRule, FirstAttemptPaysBothParts) {
  const auto d = exam::decideFee({8000, 4000}, 1, std::nullopt, false);
  EXPECT_FALSE(d.freeResit);
  EXPECT_EQ(d.theoryFen, 8000);
  EXPECT_EQ(d.skillsFen, 4000);
  EXPECT_EQ(d.amountFen, 12000);
}

TEST(FeeRule, OneFreeResitAfterAFailedSitting) {
  const exam::CityFee fee{8000, 4000};
  const auto free = exam::decideFee(fee, 2, exam::PreviousAttempt{"failed", false}, false);
  EXPECT_TRUE(free.freeResit);
  EXPECT_EQ(free.amountFen, 0);
  // The free resit used once: the next resit pays.
  EXPECT_EQ(exam::decideFee(fee, 3, exam::PreviousAttempt{"failed", false}, true).amountFen, 12000);
  // 缺考 is not 不合格: an absence gives no free resit.
  EXPECT_FALSE(exam::decideFee(fee, 2, exam::PreviousAttempt{"failed", true}, false).freeResit);
  // A registration again after a pass (a certificate lost and revoked, say) is no resit.
  EXPECT_FALSE(exam::decideFee(fee, 2, exam::PreviousAttempt{"certified", false}, false).freeResit);
  // attempt 1 is never a resit, whatever came before; attempt 2 without any result is none either.
  EXPECT_FALSE(exam::decideFee(fee, 1, exam::PreviousAttempt{"failed", false}, false).freeResit);
  EXPECT_FALSE(exam::decideFee(fee, 2, std::nullopt, false).freeResit);
}

TEST(FeeRule, Yuan) {
  EXPECT_EQ(exam::yuan(12000), "120.00");
  EXPECT_EQ(exam::yuan(5), "0.05");
  EXPECT_EQ(exam::yuan(0), "0.00");
  EXPECT_EQ(exam::yuan(123456), "1234.56");
}

// ---- the gateway provider over HTTP ----

namespace {
test_http::Answer signedAnswer(const json& body, const std::string& secret = kSecret, long long ts = 0) {
  test_http::Answer a;
  a.body = body.dump();
  const std::string t = std::to_string(ts ? ts : static_cast<long long>(std::time(nullptr)));
  a.headers = {{"X-Timestamp", t}, {"X-Nonce", "srv1"}, {"X-Signature", payment::sign(secret, t, "srv1", a.body)}};
  return a;
}

payment::Settings gatewayProviderSettings(const test_http::LocalHttpServer& srv) {
  payment::Settings s;
  s.provider = "gateway";
  s.gateway = gatewaySettings(srv.url(""));
  s.timeoutMs = 500;
  s.connectTimeoutMs = 300;
  return s;
}
}  // namespace

TEST(GatewayProvider, CreatesASignedOrderAndReadsTheSignedAnswer) {
  test_http::LocalHttpServer srv([](const test_http::Request& r) {
    // The platform checks our signature as we check its.
    const auto v = payment::verify(gatewaySettings(), r.headers, r.body, std::time(nullptr), 300);
    if (v != payment::Verdict::ok) return test_http::Answer{401, R"({"code":"401","message":"bad signature"})"};
    const json b = json::parse(r.body);
    return signedAnswer({{"code", "0"}, {"payUrl", "https://pay.example/c/" + b["orderNo"].get<std::string>()}, {"tradeNo", "T1"}});
  });
  auto p = payment::makeGatewayProvider(gatewayProviderSettings(srv));
  const auto c = p->create({"KS7-1", 12000, "保安员资格考试费-张三"});
  ASSERT_TRUE(c.ok) << c.error;
  EXPECT_EQ(c.payUrl, "https://pay.example/c/KS7-1");
  EXPECT_EQ(c.tradeNo, "T1");
  const auto reqs = srv.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/orders");
  const json sent = json::parse(reqs[0].body);
  EXPECT_EQ(sent["merchantId"], "M001");
  EXPECT_EQ(sent["amount"], 12000);
  EXPECT_EQ(sent["notifyUrl"], "http://127.0.0.1:8080/api/v1/payments/callback");
}

TEST(GatewayProvider, AForgedAnswerIsNotBelieved) {
  test_http::LocalHttpServer srv([](const test_http::Request&) {
    return signedAnswer({{"code", "0"}, {"status", "paid"}, {"amount", 12000}}, "not-the-shared-secret");
  });
  auto p = payment::makeGatewayProvider(gatewayProviderSettings(srv));
  const auto st = p->query("KS7-1");
  EXPECT_EQ(st.state, payment::Status::State::error);
  EXPECT_NE(st.error.find("签名"), std::string::npos);
  // An unsigned answer neither.
  test_http::LocalHttpServer bare([](const test_http::Request&) { return test_http::Answer{200, R"({"code":"0","status":"paid","amount":12000})"}; });
  EXPECT_EQ(payment::makeGatewayProvider(gatewayProviderSettings(bare))->query("KS7-1").state, payment::Status::State::error);
}

TEST(GatewayProvider, ASlowPlatformIsATimeoutToTryAgain) {
  test_http::LocalHttpServer srv([](const test_http::Request&) {
    auto a = signedAnswer({{"code", "0"}, {"payUrl", "https://pay.example/x"}});
    a.delayMs = 1500;
    return a;
  });
  auto p = payment::makeGatewayProvider(gatewayProviderSettings(srv));
  const auto c = p->create({"KS7-1", 12000, "x"});
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.error, "支付平台超时未应答");
  const auto r = p->refund({"KS7-1", "RFKS7-1", 12000, "报名取消"});
  EXPECT_EQ(r.state, payment::RefundResult::State::retry);
}

TEST(GatewayProvider, QueryAndRefundAnswers) {
  test_http::LocalHttpServer srv([](const test_http::Request& r) {
    if (r.target == "/orders/query") return signedAnswer({{"code", "0"}, {"status", "paid"}, {"amount", 12000}, {"tradeNo", "T9"}, {"paidAt", 1765000000}});
    return signedAnswer({{"code", "E_REFUND"}, {"message", "原订单不可退"}});
  });
  auto p = payment::makeGatewayProvider(gatewayProviderSettings(srv));
  const auto st = p->query("KS7-1");
  EXPECT_EQ(st.state, payment::Status::State::paid);
  EXPECT_EQ(st.amountFen, 12000);
  EXPECT_EQ(st.tradeNo, "T9");
  EXPECT_EQ(st.paidAtMs, 1765000000000LL);
  const auto r = p->refund({"KS7-1", "RFKS7-1", 12000, "报名取消"});
  EXPECT_EQ(r.state, payment::RefundResult::State::refused);
  EXPECT_NE(r.error.find("原订单不可退"), std::string::npos);
}

// ---- the service on SQLite ----

namespace {

// A gateway whose answers the test decides.
class FakeGateway : public payment::Provider {
 public:
  const char* name() const override { return "gateway"; }
  bool remote() const override { return true; }
  payment::Created create(const payment::OrderRequest& r) override {
    ++creates;
    return {true, "https://pay.example/c/" + r.orderNo, "T-" + r.orderNo, ""};
  }
  payment::Status query(const std::string&) override {
    ++queries;
    return status;
  }
  payment::RefundResult refund(const payment::RefundRequest& r) override {
    refunded.push_back(r.refundNo);
    return refundAnswer;
  }
  int creates = 0, queries = 0;
  payment::Status status;
  payment::RefundResult refundAnswer{payment::RefundResult::State::done, ""};
  std::vector<std::string> refunded;
};

class PaymentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() / ("baoan_pay_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
    removeFiles();
    db_ = std::make_unique<db::Database>("sqlite3://db=" + path_.string(), 2);
    db::migrate(*db_);
    cfg_.payment.provider = "gateway";
    cfg_.payment.gateway = gatewaySettings();
    cfg_.payment.reconcileAfterSeconds = 60;
    cfg_.payment.refundBackoffSeconds = {10, 20};
    cfg_.payment.refundMaxAttempts = 3;
    sms_ = sms::makeLocalGateway();
    ctx_ = std::make_unique<app::Context>(app::Context{*db_, *sms_, cfg_});
    gateway_ = std::make_shared<FakeGateway>();
    svc_ = std::make_unique<exam::PaymentService>(*ctx_, gateway_);
    spdlog::set_level(spdlog::level::off);
    db_->write([&](db::Conn& c) {
      const long long city = c.insert(Query("INSERT INTO orgs (path, level, name, region_code, type, created_at, updated_at) "
                                            "VALUES ('/tmp/', 1, '咸阳市公安局', '610400', 'city_bureau', 0, 0)"));
      cityPath_ = "/" + std::to_string(city) + "/";
      c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", cityPath_, city));
      user_ = c.insert(Query("INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, "
                             "birth_date, mobile, org_id, org_path, created_at, updated_at) VALUES ('p1', 'x', 0, 'applicant', '张三', 0, "
                             "'610404199001011234', 'male', '1990-01-01', '13900000002', ?, ?, 0, 0)",
                             city, cityPath_));
      workflow_ = c.insert(Query("INSERT INTO workflow_versions (business_type, version, steps, created_at) VALUES ('exam_registration', 99, '[]', 0)"));
      c.exec(Query("INSERT INTO exam_fees (city_code, theory_fen, skills_fen, updated_at) VALUES ('610400', 8000, 4000, 0)"));
    });
  }
  void TearDown() override {
    spdlog::set_level(spdlog::level::info);
    svc_.reset();
    ctx_.reset();
    db_.reset();
    removeFiles();
  }
  void removeFiles() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  long long registration(const std::string& status, int attempt = 1, const std::string& idNo = "610404199001011234") {
    return db_->write([&](db::Conn& c) {
      const long long app = c.insert(Query(
          "INSERT INTO applications (business_type, workflow_version_id, status, applicant_user_id, applicant_name, applicant_code, "
          "region_code, form, org_path, created_at, updated_at) VALUES ('exam_registration', ?, 'approved', ?, '张三', ?, '610404', '{}', ?, 0, 0)",
          workflow_, user_, idNo, cityPath_));
      return c.insert(Query(
          "INSERT INTO exam_registrations (application_id, status, attempt, id_no, name, gender, birth_date, ethnicity, education, "
          "household_region, household_address, current_address, mobile, photo_file_id, city_code, registered_by_user_id, "
          "registered_by_kind, person_user_id, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, '张三', 'male', '1990-01-01', '汉族', "
          "'高中', '610404001000', '地址', '地址', '13900000002', 'f', '610400', ?, 'person', ?, ?, 0, 0)",
          app, status, attempt, idNo, user_, user_, cityPath_));
    });
  }
  std::string status(long long reg) {
    return db_->read([&](db::Conn& c) {
      return c.queryOne(Query("SELECT status FROM exam_registrations WHERE id = ?", reg))->str("status");
    });
  }
  exam::OrderRow order(long long reg) {
    return db_->read([&](db::Conn& c) { return exam::PaymentStore().orders(c, reg).back(); });
  }
  exam::OrderRow open(long long reg) {
    return *db_->write([&](db::Conn& c) { return exam::PaymentService::openOrder(c, reg, "gateway", core::nowMs()); });
  }
  long long audits(const std::string& action) {
    return db_->read([&](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM audit_logs WHERE action = ?", action)); });
  }
  exam::CallbackAnswer callback(const json& body, const std::string& nonce, long long ts = 0, const std::string& secret = kSecret) {
    const std::string text = body.dump();
    return svc_->callback(signedHeaders(text, ts ? ts : core::nowMs() / 1000, nonce, secret), text, "127.0.0.1");
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  app::Config cfg_;
  std::unique_ptr<sms::Gateway> sms_;
  std::unique_ptr<app::Context> ctx_;
  std::shared_ptr<FakeGateway> gateway_;
  std::unique_ptr<exam::PaymentService> svc_;
  std::string cityPath_;
  long long user_ = 0, workflow_ = 0;
};

}  // namespace

TEST_F(PaymentServiceTest, AnOrderTakesTheCityFeeAndNeedsOne) {
  const long long reg = registration("pending_payment");
  const auto o = open(reg);
  EXPECT_EQ(o.amountFen, 12000);
  EXPECT_EQ(o.theoryFen, 8000);
  EXPECT_EQ(o.status, "unpaid");
  EXPECT_EQ(open(reg).id, o.id);  // one live order
  db_->write([](db::Conn& c) { c.exec(Query("DELETE FROM exam_fees")); });
  const long long other = registration("pending_payment", 1, "610404199001015678");
  EXPECT_FALSE(db_->write([&](db::Conn& c) { return exam::PaymentService::openOrder(c, other, "gateway", core::nowMs()); }));
}

TEST_F(PaymentServiceTest, TheFreeResitIsPaidAtOnceAndOnlyOnce) {
  registration("failed", 1);
  const long long second = registration("pending_payment", 2);
  const auto o = open(second);
  EXPECT_TRUE(o.freeResit);
  EXPECT_EQ(o.amountFen, 0);
  EXPECT_EQ(o.status, "paid");
  EXPECT_EQ(o.method, "free");
  EXPECT_EQ(status(second), "pending_exam");
  db_->write([&](db::Conn& c) { c.exec(Query("UPDATE exam_registrations SET status = 'failed' WHERE id = ?", second)); });
  const long long third = registration("pending_payment", 3);
  const auto paid = open(third);
  EXPECT_FALSE(paid.freeResit);
  EXPECT_EQ(paid.amountFen, 12000);
  EXPECT_EQ(status(third), "pending_payment");
}

TEST_F(PaymentServiceTest, TheCallbackPaysOnceHoweverOftenItComes) {
  const long long reg = registration("pending_payment");
  const auto o = open(reg);
  const json body = {{"merchantId", "M001"}, {"orderNo", o.orderNo}, {"tradeNo", "T77"}, {"amount", 12000}, {"status", "paid"}};
  auto a = callback(body, "nonce-1");
  EXPECT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(order(reg).status, "paid");
  EXPECT_EQ(order(reg).tradeNo, "T77");
  EXPECT_EQ(status(reg), "pending_exam");
  // The very same callback (a replay): acknowledged, nothing more.
  a = callback(body, "nonce-1");
  EXPECT_EQ(a.status, 200);
  // The platform repeating its notice with a fresh nonce: acknowledged, paid once.
  a = callback(body, "nonce-2");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(audits("pay"), 1);
  EXPECT_EQ(db_->read([](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM payment_orders WHERE status = 'paid'")); }), 1);
}

TEST_F(PaymentServiceTest, ForgedLateAndWrongCallbacksChangeNothing) {
  const long long reg = registration("pending_payment");
  const auto o = open(reg);
  const json body = {{"orderNo", o.orderNo}, {"amount", 12000}, {"status", "paid"}};
  EXPECT_EQ(callback(body, "f1", 0, "forged-secret-0000000").status, 401);
  EXPECT_EQ(callback(body, "f2", core::nowMs() / 1000 - 3600).status, 400);  // late (outside the window)
  auto wrong = body;
  wrong["amount"] = 1;
  const auto a = callback(wrong, "f3");
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body["error"]["code"], "amount_mismatch");
  EXPECT_EQ(order(reg).status, "unpaid");
  EXPECT_EQ(status(reg), "pending_payment");
  // The refusal is logged: the callbacks table and the operation log.
  EXPECT_EQ(db_->read([](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM payment_callbacks WHERE outcome = 'amount_mismatch'")); }), 1);
  EXPECT_EQ(audits("payment_refused"), 1);
  // Unknown order.
  EXPECT_EQ(callback({{"orderNo", "KS999-1"}, {"amount", 1}, {"status", "paid"}}, "f4").status, 400);
}

TEST_F(PaymentServiceTest, ReconciliationSettlesWhatTheGatewaySaysIsPaid) {
  const long long reg = registration("pending_payment");
  // Opened only here: never created at the platform, it is not asked about.
  open(reg);
  EXPECT_EQ(svc_->reconcileOnce(core::nowMs() + 61'000).checked, 0);
  // The candidate opens it on the portal: created at the platform, with its payUrl.
  core::Principal person;
  person.userId = user_;
  const json portal = svc_->portalOrder(core::Actor{person, "", ""}, reg, true);
  EXPECT_EQ(portal["order"]["payUrl"], "https://pay.example/c/" + portal["order"]["orderNo"].get<std::string>());
  EXPECT_EQ(gateway_->creates, 1);
  const auto o = order(reg);
  // Too young to ask about.
  auto s = svc_->reconcileOnce(core::nowMs());
  EXPECT_EQ(s.checked, 0);
  gateway_->status.state = payment::Status::State::paid;
  gateway_->status.amountFen = 99;  // the platform's amount disagrees: not settled
  s = svc_->reconcileOnce(core::nowMs() + 61'000);
  EXPECT_EQ(s.checked, 1);
  EXPECT_EQ(order(reg).status, "unpaid");
  gateway_->status.amountFen = 12000;
  s = svc_->reconcileOnce(core::nowMs() + 200'000);
  EXPECT_EQ(s.settled, 1);
  EXPECT_EQ(order(reg).status, "paid");
  EXPECT_EQ(status(reg), "pending_exam");
  EXPECT_EQ(o.id, order(reg).id);
}

TEST_F(PaymentServiceTest, ReconciliationOpensMissingOrders) {
  registration("failed", 1);
  const long long free = registration("pending_payment", 2);
  const auto s = svc_->reconcileOnce(core::nowMs());
  EXPECT_EQ(s.opened, 1);
  EXPECT_EQ(status(free), "pending_exam");
}

TEST_F(PaymentServiceTest, ACancelledPaidRegistrationIsRefundedThroughTheGatewayWithRetries) {
  const long long reg = registration("pending_payment");
  const auto o = open(reg);
  ASSERT_EQ(callback({{"orderNo", o.orderNo}, {"amount", 12000}, {"status", "paid"}}, "r1").status, 200);
  core::Principal officer;
  officer.userId = user_;
  officer.name = "officer";
  const bool refunded = db_->write([&](db::Conn& c) { return exam::refundIfPaid(c, core::Actor{officer, "", ""}, reg, "本人申请取消"); });
  EXPECT_TRUE(refunded);
  EXPECT_EQ(order(reg).status, "refunded");
  EXPECT_EQ(order(reg).refundState, "pending");
  const long long now = core::nowMs();
  gateway_->refundAnswer = {payment::RefundResult::State::retry, "支付平台超时未应答"};
  svc_->reconcileOnce(now);
  EXPECT_EQ(order(reg).refundState, "pending");
  EXPECT_EQ(order(reg).refundAttempts, 1);
  svc_->reconcileOnce(now + 1000);  // not due yet (10 s backoff)
  EXPECT_EQ(gateway_->refunded.size(), 1u);
  gateway_->refundAnswer = {payment::RefundResult::State::done, ""};
  svc_->reconcileOnce(now + 11'000);
  EXPECT_EQ(order(reg).refundState, "done");
  EXPECT_EQ(gateway_->refunded.size(), 2u);
  // Nothing to refund twice.
  EXPECT_FALSE(db_->write([&](db::Conn& c) { return exam::refundIfPaid(c, core::Actor{officer, "", ""}, reg, "again"); }));
}

TEST_F(PaymentServiceTest, ACancelledFreeResitGivesTheResitBack) {
  registration("failed", 1);
  const long long second = registration("pending_payment", 2);
  ASSERT_TRUE(open(second).freeResit);
  core::Principal officer;
  db_->write([&](db::Conn& c) {
    exam::refundIfPaid(c, core::Actor{officer, "", ""}, second, "取消");
    c.exec(Query("UPDATE exam_registrations SET status = 'cancelled' WHERE id = ?", second));
  });
  EXPECT_EQ(order(second).refundState, "done");
  const long long third = registration("pending_payment", 2);
  EXPECT_TRUE(open(third).freeResit);
}

TEST_F(PaymentServiceTest, AnUnpaidOrderOfACancelledRegistrationIsClosed) {
  const long long reg = registration("pending_payment");
  open(reg);
  core::Principal officer;
  EXPECT_FALSE(db_->write([&](db::Conn& c) { return exam::refundIfPaid(c, core::Actor{officer, "", ""}, reg, "取消"); }));
  EXPECT_EQ(order(reg).status, "cancelled");
}
