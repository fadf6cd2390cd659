#include "modules/exam/payment_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/clock.h"
#include "core/error.h"
#include "core/regions.h"
#include "db/db.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/exam/registration_status.h"

namespace baoan::exam {

using nlohmann::json;

namespace {

constexpr long long kMaxFeeFen = 100'000'000;  // ¥1,000,000

const char* orderStatusName(const std::string& s) {
  if (s == "unpaid") return "待支付";
  if (s == "paid") return "已支付";
  if (s == "refunded") return "已退款";
  if (s == "cancelled") return "已取消";
  return "";
}

const char* methodName(const std::string& m) {
  if (m == "window") return "现场缴费";
  if (m == "online") return "网上支付";
  if (m == "free") return "免费补考";
  return "";
}

const char* refundStateName(const std::string& s) {
  if (s == "pending") return "退款处理中";
  if (s == "done") return "已退款";
  if (s == "failed") return "退款失败";
  return "";
}

std::string cityName(const std::string& code) {
  const auto* r = core::RegionTable::instance().find(code);
  return r ? r->name : code;
}

// A principal for what the server does on its own (the gateway's callback, the timer), so that the
// operation log says who: 支付平台 / 系统, in the registration's org.
core::Principal systemPrincipal(const std::string& name, const std::string& orgPath) {
  core::Principal p;
  p.account = "system";
  p.name = name;
  p.kind = "system";
  p.orgPath = orgPath;
  return p;
}

bool hasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
}

std::optional<long long> fenField(const json& body, const char* key, const char* label, FieldErrors& errors) {
  if (!body.contains(key) || body.at(key).is_null()) {
    errors.add(key, std::string("请填写") + label);
    return std::nullopt;
  }
  const json& v = body.at(key);
  if (!v.is_number_integer()) {
    errors.addTypeError(key, std::string(label) + "应为整数(单位:分)");
    return std::nullopt;
  }
  const long long n = v.get<long long>();
  if (n < 0 || n > kMaxFeeFen) {
    errors.add(key, std::string(label) + "应在 0 到 100000000 分之间");
    return std::nullopt;
  }
  return n;
}

std::string newOrderNo(db::Conn& c, long long registrationId) {
  const long long n = c.scalar(db::Query("SELECT COUNT(*) FROM payment_orders WHERE registration_id = ?", registrationId));
  return "KS" + std::to_string(registrationId) + "-" + std::to_string(n + 1);
}

}  // namespace

PaymentService::PaymentService(app::Context& ctx)
    : PaymentService(ctx, std::shared_ptr<payment::Provider>(payment::makeProvider(ctx.config.payment))) {}

PaymentService::PaymentService(app::Context& ctx, std::shared_ptr<payment::Provider> provider)
    : ctx_(ctx), provider_(std::move(provider)) {}

const payment::Settings& PaymentService::settings() const { return ctx_.config.payment; }

json PaymentService::orderJson(const OrderRow& o) {
  json refund = nullptr;
  if (o.status == "refunded")
    refund = {{"state", o.refundState}, {"stateName", refundStateName(o.refundState)}, {"refundNo", o.refundNo},
              {"reason", o.refundReason}, {"at", modules::isoOrNull(o.refundedAt)}, {"attempts", o.refundAttempts},
              {"error", o.refundError.empty() ? json(nullptr) : json(o.refundError)}};
  return {{"id", o.id},
          {"orderNo", o.orderNo},
          {"registrationId", o.registrationId},
          {"status", o.status},
          {"statusName", orderStatusName(o.status)},
          {"provider", o.provider},
          {"method", o.method.empty() ? json(nullptr) : json(o.method)},
          {"methodName", o.method.empty() ? json(nullptr) : json(methodName(o.method))},
          {"cityCode", o.cityCode},
          {"theory", o.theoryFen},
          {"skills", o.skillsFen},
          {"amount", o.amountFen},
          {"amountYuan", yuan(o.amountFen)},
          {"freeResit", o.freeResit},
          {"receiptNo", o.receiptNo.empty() ? json(nullptr) : json(o.receiptNo)},
          {"tradeNo", o.tradeNo.empty() ? json(nullptr) : json(o.tradeNo)},
          {"payUrl", o.payUrl.empty() ? json(nullptr) : json(o.payUrl)},
          {"paidAt", modules::isoOrNull(o.paidAt)},
          {"paidBy", o.paidByName.empty() ? json(nullptr) : json(o.paidByName)},
          {"refund", refund},
          {"createdAt", core::toIso(o.createdAt)},
          {"updatedAt", core::toIso(o.updatedAt)}};
}

// ---- fees ----

json PaymentService::fees(const core::Principal& p) {
  return ctx_.db.read([&](db::Conn& c) {
    std::map<std::string, FeeRow> set;
    for (auto& f : store_.fees(c)) set[f.cityCode] = f;
    json items = json::array();
    for (const auto& [code, path] : store_.cityBureaus(c)) {
      bool works = p.scope.all || p.scope.coversOrg(path);
      for (const auto& s : p.scope.subtreePaths) works = works || core::isPathPrefix(path, s);
      for (const auto& s : p.scope.exactPaths) works = works || core::isPathPrefix(path, s);
      if (!works) continue;
      const auto it = set.find(code);
      const bool configured = it != set.end();
      const long long theory = configured ? it->second.theoryFen : 0, skills = configured ? it->second.skillsFen : 0;
      items.push_back({{"cityCode", code},
                       {"cityName", cityName(code)},
                       {"configured", configured},
                       {"theory", configured ? json(theory) : json(nullptr)},
                       {"skills", configured ? json(skills) : json(nullptr)},
                       {"amount", configured ? json(theory + skills) : json(nullptr)},
                       {"amountYuan", configured ? json(yuan(theory + skills)) : json(nullptr)},
                       {"editable", p.scope.coversOrg(path) && p.has("exam_fee:update")},
                       {"updatedAt", configured ? modules::isoOrNull(it->second.updatedAt) : json(nullptr)}});
    }
    return json{{"items", items}};
  });
}

json PaymentService::setFee(const core::Actor& a, const json& body) {
  const std::string cityCode = body.contains("cityCode") && body.at("cityCode").is_string() ? body.at("cityCode").get<std::string>() : "";
  if (cityCode.empty()) {
    if (body.contains("cityCode") && !body.at("cityCode").is_null()) throw AppError(400, "bad_request", "城市代码(cityCode)应为文本", {{"cityCode", "城市代码应为文本"}});
    throw invalidField("cityCode", "请选择城市");
  }
  return ctx_.db.write([&](db::Conn& c) {
    std::string path;
    for (const auto& [code, p] : store_.cityBureaus(c))
      if (code == cityCode) path = p;
    // A city whose bureau the caller's scope does not cover does not exist for them.
    if (path.empty() || !a.who.scope.coversOrg(path)) throw notFound("城市不存在或不在您的管辖范围内");
    FieldErrors errors;
    const auto theory = fenField(body, "theory", "理论考试费用", errors);
    const auto skills = fenField(body, "skills", "技能考试费用", errors);
    errors.throwIfAny();
    const long long now = core::nowMs();
    store_.upsertFee(c, cityCode, *theory, *skills, a.who.userId, now);
    audit::record(c, a, "update", "exam_fee", cityCode,
                  cityName(cityCode) + "考试收费标准: 理论 " + yuan(*theory) + " 元, 技能 " + yuan(*skills) + " 元");
    return json{{"cityCode", cityCode}, {"cityName", cityName(cityCode)}, {"configured", true}, {"theory", *theory},
                {"skills", *skills}, {"amount", *theory + *skills}, {"amountYuan", yuan(*theory + *skills)}, {"editable", true},
                {"updatedAt", core::toIso(now)}};
  });
}

// ---- orders ----

std::optional<OrderRow> PaymentService::openOrder(db::Conn& c, long long registrationId, const std::string& provider, long long now) {
  PaymentStore store;
  if (auto live = store.liveOrder(c, registrationId)) return live;
  const auto reg = store.registration(c, registrationId);
  if (!reg || reg->status != "pending_payment") return std::nullopt;
  const auto previous = store.previousAttempt(c, reg->idNo, reg->id);
  const bool used = store.freeResitUsed(c, reg->idNo, reg->id);
  const auto fee = store.fee(c, reg->cityCode);
  const FeeDecision d = decideFee(fee ? CityFee{fee->theoryFen, fee->skillsFen} : CityFee{}, reg->attempt, previous, used);
  if (!d.freeResit && !fee) return std::nullopt;
  NewOrder o{newOrderNo(c, reg->id), &*reg, d, d.freeResit ? std::string("local") : provider};
  const long long id = store.insert(c, o, now);
  if (d.freeResit) {
    store.markPaid(c, id, "free", std::nullopt, std::nullopt, std::nullopt, "", now);
    moveRegistration(c, reg->id, {"pending_payment"}, "pending_exam", now);
    const core::Principal sys = systemPrincipal("系统", reg->orgPath);
    audit::record(c, core::Actor{sys, "", ""}, "pay", "exam_registration", std::to_string(reg->id),
                  "免费补考(第 " + std::to_string(reg->attempt) + " 次报名): " + reg->name + ", 转入待安排考试");
  }
  return store.byId(c, id);
}

json PaymentService::officerOrders(const core::Principal& p, long long registrationId) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, p.scope, registrationId)) throw notFound("报名记录不存在");
    json items = json::array();
    for (const auto& o : store_.orders(c, registrationId)) items.push_back(orderJson(o));
    return json{{"items", items}};
  });
}

json PaymentService::payAtWindow(const core::Actor& a, long long registrationId, const json& body) {
  try {
    return ctx_.db.write([&](db::Conn& c) {
      if (!store_.visible(c, a.who.scope, registrationId)) throw notFound("报名记录不存在");
      FieldErrors errors;
      if (!body.contains("method") || !body.at("method").is_string()) {
        if (body.contains("method") && !body.at("method").is_null()) errors.addTypeError("method", "缴费方式(method)应为文本");
        else errors.add("method", "请填写缴费方式");
      } else if (body.at("method").get<std::string>() != "window") {
        errors.add("method", "缴费方式只能为现场缴费(window)");
      }
      std::optional<long long> amount;
      if (!body.contains("amount") || body.at("amount").is_null()) errors.add("amount", "请填写缴费金额");
      else if (!body.at("amount").is_number_integer()) errors.addTypeError("amount", "缴费金额应为整数(单位:分)");
      else amount = body.at("amount").get<long long>();
      std::string receipt;
      if (!body.contains("receiptNo") || body.at("receiptNo").is_null()) errors.add("receiptNo", "请填写收据号");
      else if (!body.at("receiptNo").is_string()) errors.addTypeError("receiptNo", "收据号应为文本");
      else {
        receipt = body.at("receiptNo").get<std::string>();
        receipt.erase(0, receipt.find_first_not_of(" \t"));
        receipt.erase(receipt.find_last_not_of(" \t") + 1);
        if (receipt.empty()) errors.add("receiptNo", "请填写收据号");
        else if (receipt.size() > 40 || hasControl(receipt)) errors.add("receiptNo", "收据号不能超过 40 个字符,且不能含控制字符");
      }
      errors.throwIfAny();
      const auto reg = store_.registration(c, registrationId);
      if (reg->status != "pending_payment")
        throw conflict("该报名当前状态为" + registrationStatusName(reg->status) + ",不能缴费");
      const long long now = core::nowMs();
      const auto order = openOrder(c, registrationId, provider_->name(), now);
      if (!order) throw conflict(cityName(reg->cityCode) + "尚未设置考试收费标准,请先在考试收费标准中设置");
      if (order->status != "unpaid") throw conflict("该报名已缴费(" + std::string(methodName(order->method)) + "),无需再次缴费");
      if (*amount != order->amountFen)
        throw invalidField("amount", "缴费金额应为 " + yuan(order->amountFen) + " 元(" + std::to_string(order->amountFen) + " 分)");
      if (store_.receiptTaken(c, receipt)) throw invalidField("receiptNo", "收据号已被使用");
      if (!store_.markPaid(c, order->id, "window", receipt, std::nullopt, a.who.userId, a.who.name, now))
        throw conflict("该订单已支付");
      if (!moveRegistration(c, registrationId, {"pending_payment"}, "pending_exam", now)) throw conflict("报名状态已变化,请刷新后重试");
      audit::record(c, a, "pay", "exam_registration", std::to_string(registrationId),
                    "现场缴费: " + reg->name + " " + yuan(order->amountFen) + " 元, 收据号 " + receipt);
      json out = orderJson(*store_.byId(c, order->id));
      out["registrationStatus"] = "pending_exam";
      return out;
    });
  } catch (const db::Error& e) {
    // Two windows recording the same receipt at once: the unique index refuses the second.
    if (db::isUniqueViolation(e)) throw invalidField("receiptNo", "收据号已被使用");
    throw;
  }
}

PayRegistration PaymentService::ownRegistration(db::Conn& c, const core::Principal& p, long long registrationId) {
  const auto reg = store_.registration(c, registrationId);
  if (!reg || p.userId == 0 || (reg->personUserId != p.userId && reg->registeredBy != p.userId)) throw notFound("报名记录不存在");
  return *reg;
}

json PaymentService::portalOrder(const core::Actor& a, long long registrationId, bool open) {
  if (!open) {
    return ctx_.db.read([&](db::Conn& c) {
      const auto reg = ownRegistration(c, a.who, registrationId);
      const auto o = store_.liveOrder(c, registrationId);
      return json{{"registrationId", registrationId}, {"registrationStatus", reg.status},
                  {"order", o ? orderJson(*o) : json(nullptr)}, {"provider", provider_->name()}};
    });
  }
  const long long now = core::nowMs();
  OrderRow o = ctx_.db.write([&](db::Conn& c) {
    const auto reg = ownRegistration(c, a.who, registrationId);
    if (auto live = store_.liveOrder(c, registrationId); live && live->status == "paid") return *live;
    if (reg.status != "pending_payment") throw conflict("该报名当前状态为" + registrationStatusName(reg.status) + ",无需缴费");
    auto order = openOrder(c, registrationId, provider_->name(), now);
    if (!order) throw conflict(cityName(reg.cityCode) + "尚未设置考试收费标准,请联系公安机关");
    if (order->status == "unpaid" && order->provider != provider_->name()) {
      store_.setProvider(c, order->id, provider_->name(), now);
      order = store_.byId(c, order->id);
    }
    return *order;
  });
  if (o.status == "unpaid" && o.provider == "gateway" && provider_->remote() && o.payUrl.empty()) {
    // Outside any transaction: the platform may take seconds (or not answer at all).
    const auto reg = ctx_.db.read([&](db::Conn& c) { return store_.registration(c, registrationId); });
    const payment::Created created = provider_->create({o.orderNo, o.amountFen, "保安员资格考试费-" + reg->name});
    if (!created.ok) {
      spdlog::warn("payment: order {} not created at the gateway: {}", o.orderNo, created.error);
      throw AppError(503, "payment_gateway_unavailable", "支付平台暂时无法创建订单(" + created.error + "),请稍后重试");
    }
    ctx_.db.write([&](db::Conn& c) { store_.setCreated(c, o.id, created.payUrl, created.tradeNo, core::nowMs()); });
    o = ctx_.db.read([&](db::Conn& c) { return *store_.byId(c, o.id); });
  }
  return json{{"registrationId", registrationId}, {"registrationStatus", o.status == "paid" ? "pending_exam" : "pending_payment"},
              {"order", orderJson(o)}, {"provider", provider_->name()}};
}

json PaymentService::portalPay(const core::Actor& a, long long registrationId) {
  if (provider_->remote()) {
    // Ownership first: a registration that is not the caller's does not exist for them.
    ctx_.db.read([&](db::Conn& c) { return ownRegistration(c, a.who, registrationId); });
    throw conflict("网上支付请通过支付平台完成(打开订单的支付地址)");
  }
  return ctx_.db.write([&](db::Conn& c) {
    const auto reg = ownRegistration(c, a.who, registrationId);
    if (reg.status != "pending_payment") throw conflict("该报名当前状态为" + registrationStatusName(reg.status) + ",无需缴费");
    const long long now = core::nowMs();
    auto order = openOrder(c, registrationId, provider_->name(), now);
    if (!order) throw conflict(cityName(reg.cityCode) + "尚未设置考试收费标准,请联系公安机关");
    if (order->status == "unpaid") {
      if (!store_.markPaid(c, order->id, "online", std::nullopt, "LOCAL-" + order->orderNo, a.who.userId, a.who.name, now))
        throw conflict("该订单已支付");
      if (!moveRegistration(c, registrationId, {"pending_payment"}, "pending_exam", now)) throw conflict("报名状态已变化,请刷新后重试");
      audit::record(c, a, "pay", "exam_registration", std::to_string(registrationId),
                    "网上支付(本地支付): " + reg.name + " " + yuan(order->amountFen) + " 元, 订单 " + order->orderNo);
    }
    return json{{"registrationId", registrationId}, {"registrationStatus", "pending_exam"},
                {"order", orderJson(*store_.byId(c, order->id))}, {"provider", provider_->name()}};
  });
}

// ---- the gateway ----

std::string PaymentService::settleOnline(db::Conn& c, const OrderRow& o, const std::string& tradeNo, long long now,
                                         const std::string& via) {
  const core::Principal sys = systemPrincipal("支付平台", o.orgPath);
  const core::Actor actor{sys, "", ""};
  if (o.status != "unpaid") return o.status == "paid" ? "duplicate" : "order_closed";
  if (!store_.markPaid(c, o.id, "online", std::nullopt, tradeNo.empty() ? std::nullopt : std::optional<std::string>(tradeNo),
                       std::nullopt, "支付平台", now))
    return "duplicate";
  if (!moveRegistration(c, o.registrationId, {"pending_payment"}, "pending_exam", now)) {
    // Paid after the registration stopped waiting for it (cancelled): the money goes back.
    store_.startRefund(c, o.id, "RF" + o.orderNo, "报名已不在待缴费状态,支付后自动退款", "pending", now);
    audit::record(c, actor, "refund", "exam_registration", std::to_string(o.registrationId),
                  "网上支付到账时报名已不在待缴费状态, 订单 " + o.orderNo + " 自动退款");
    return "refund_started";
  }
  audit::record(c, actor, "pay", "exam_registration", std::to_string(o.registrationId),
                "网上支付到账(" + via + "): " + yuan(o.amountFen) + " 元, 订单 " + o.orderNo);
  return "paid";
}

CallbackAnswer PaymentService::callback(const std::map<std::string, std::string>& headers, const std::string& body,
                                        const std::string& ip) {
  const auto& s = settings();
  if (!provider_->remote()) return {404, {{"error", {{"code", "not_found"}, {"message", "未启用支付平台"}}}}};
  const long long nowMs = core::nowMs();
  const payment::Verdict v = payment::verify(s.gateway, headers, body, nowMs / 1000, s.callbackWindowSeconds);
  if (v == payment::Verdict::unsigned_ || v == payment::Verdict::badSignature) {
    spdlog::warn("payment: callback from {} refused: {}", ip, v == payment::Verdict::unsigned_ ? "not signed" : "bad signature");
    return {401, {{"error", {{"code", "invalid_signature"}, {"message", "签名无效"}}}}};
  }
  if (v == payment::Verdict::stale) {
    spdlog::warn("payment: callback from {} refused: timestamp outside the window", ip);
    return {400, {{"error", {{"code", "stale"}, {"message", "时间戳超出允许范围"}}}}};
  }
  const json j = json::parse(body, nullptr, false);
  auto text = [&](const char* k) {
    if (!j.is_object() || !j.contains(k)) return std::string();
    if (j.at(k).is_string()) return j.at(k).get<std::string>();
    if (j.at(k).is_number_integer()) return std::to_string(j.at(k).get<long long>());
    return std::string();
  };
  const std::string orderNo = text("orderNo"), status = text("status"), tradeNo = text("tradeNo");
  const bool amountOk = j.is_object() && j.contains("amount") && j.at("amount").is_number_integer();
  if (orderNo.empty() || status.empty() || !amountOk || orderNo.size() > 64 || tradeNo.size() > 64)
    return {400, {{"error", {{"code", "bad_request"}, {"message", "通知内容不完整(orderNo, status, amount)"}}}}};
  const long long amount = j.at("amount").get<long long>();
  const std::string nonce = payment::headerOf(headers, s.gateway.nonceHeader);

  return ctx_.db.write([&](db::Conn& c) -> CallbackAnswer {
    if (!store_.rememberNonce(c, nonce, orderNo, "received", "", nowMs)) {
      // The same notice again (a replay, or the platform repeating itself): acknowledged, nothing changes.
      return {200, {{"code", "0"}, {"message", "重复通知,已处理"}}};
    }
    const auto o = store_.byNo(c, orderNo);
    if (!o) {
      store_.setCallbackOutcome(c, nonce, "unknown_order", "");
      spdlog::warn("payment: callback for unknown order {}", orderNo);
      return {400, {{"error", {{"code", "unknown_order"}, {"message", "订单不存在"}}}}};
    }
    if (status != "paid") {
      store_.setCallbackOutcome(c, nonce, "ignored", "status=" + status.substr(0, 20));
      return {200, {{"code", "0"}, {"message", "已收到"}}};
    }
    if (amount != o->amountFen) {
      const std::string detail = "通知金额 " + std::to_string(amount) + " 分, 订单金额 " + std::to_string(o->amountFen) + " 分";
      store_.setCallbackOutcome(c, nonce, "amount_mismatch", detail);
      spdlog::warn("payment: callback for order {} refused: amount {} != {}", orderNo, amount, o->amountFen);
      const core::Principal sys = systemPrincipal("支付平台", o->orgPath);
      audit::record(c, core::Actor{sys, ip, ""}, "payment_refused", "exam_registration", std::to_string(o->registrationId),
                    "支付通知金额不符, 未入账: 订单 " + orderNo + ", " + detail);
      return {400, {{"error", {{"code", "amount_mismatch"}, {"message", "金额与订单不符"}}}}};
    }
    const std::string outcome = settleOnline(c, *o, tradeNo, nowMs, "支付通知");
    store_.setCallbackOutcome(c, nonce, outcome, "");
    return {200, {{"code", "0"}, {"message", outcome == "paid" ? "成功" : "已处理"}}};
  });
}

ReconcileSummary PaymentService::reconcileOnce(long long nowMs) {
  ReconcileSummary sum;
  const auto& s = settings();
  // 1. Registrations waiting for payment without an order (free resits are paid here at once).
  const auto waiting = ctx_.db.read([&](db::Conn& c) { return store_.withoutOrder(c, 200); });
  for (long long id : waiting) {
    const bool opened = ctx_.db.write([&](db::Conn& c) {
      if (store_.liveOrder(c, id)) return false;
      return openOrder(c, id, provider_->name(), nowMs).has_value();
    });
    sum.opened += opened ? 1 : 0;
  }
  // 2. The gateway's unpaid orders: asked once they are reconcile_after_seconds old, then as often.
  if (provider_->remote()) {
    const long long before = nowMs - static_cast<long long>(s.reconcileAfterSeconds) * 1000;
    const auto due = ctx_.db.read([&](db::Conn& c) { return store_.unpaidDue(c, "gateway", before, 100); });
    for (const auto& o : due) {
      ctx_.db.write([&](db::Conn& c) { store_.markChecked(c, o.id, nowMs); });
      const payment::Status st = provider_->query(o.orderNo);  // outside any transaction
      ++sum.checked;
      if (st.state == payment::Status::State::paid) {
        if (st.amountFen != o.amountFen) {
          spdlog::warn("payment: gateway says order {} is paid with {} fen, the order is {} fen: not settled", o.orderNo,
                       st.amountFen, o.amountFen);
          continue;
        }
        const std::string outcome = ctx_.db.write([&](db::Conn& c) {
          const auto fresh = store_.byId(c, o.id);
          return settleOnline(c, *fresh, st.tradeNo, nowMs, "对账");
        });
        if (outcome == "paid") ++sum.settled;
      } else if (st.state == payment::Status::State::closed) {
        // Closed at the platform (expired): a new order is opened when the candidate pays again.
        ctx_.db.write([&](db::Conn& c) { store_.cancel(c, o.id, nowMs); });
      } else if (st.state == payment::Status::State::error) {
        spdlog::warn("payment: reconciliation of order {}: {}", o.orderNo, st.error);
      }
    }
  }
  // 3. Refunds to send (gateway orders paid online).
  const auto refunds = ctx_.db.read([&](db::Conn& c) { return store_.refundsDue(c, provider_->name(), nowMs, 50); });
  for (const auto& o : refunds) {
    const payment::RefundResult r = provider_->refund({o.orderNo, o.refundNo, o.amountFen, o.refundReason});
    ++sum.refunds;
    const int attempts = o.refundAttempts + 1;
    ctx_.db.write([&](db::Conn& c) {
      if (r.state == payment::RefundResult::State::done) {
        store_.refundOutcome(c, o.id, "done", attempts, std::nullopt, "", nowMs);
      } else if (r.state == payment::RefundResult::State::refused || attempts >= s.refundMaxAttempts) {
        spdlog::warn("payment: refund of order {} failed: {}", o.orderNo, r.error);
        store_.refundOutcome(c, o.id, "failed", attempts, std::nullopt, r.error, nowMs);
      } else {
        const auto& b = s.refundBackoffSeconds;
        const long long wait = b[std::min<std::size_t>(static_cast<std::size_t>(attempts - 1), b.size() - 1)];
        store_.refundOutcome(c, o.id, "pending", attempts, nowMs + wait * 1000, r.error, nowMs);
      }
    });
  }
  // 4. Nonces past twice the window cannot be replayed any more (the timestamp check refuses them).
  ctx_.db.write([&](db::Conn& c) { store_.purgeNonces(c, nowMs - 2LL * s.callbackWindowSeconds * 1000); });
  return sum;
}

bool refundIfPaid(db::Conn& c, const core::Actor& a, long long registrationId, const std::string& reason) {
  PaymentStore store;
  const auto o = store.liveOrder(c, registrationId);
  if (!o) return false;
  const long long now = core::nowMs();
  if (o->status == "unpaid") {
    store.cancel(c, o->id, now);
    audit::record(c, a, "cancel", "exam_registration", std::to_string(registrationId), "报名取消, 未支付订单 " + o->orderNo + " 已关闭");
    return false;
  }
  // Online payments through the gateway are sent back there (by the timer, retried); the window's cash,
  // the local provider's payments and a free resit are recorded as refunded at once.
  const bool send = o->provider == "gateway" && o->method == "online" && o->amountFen > 0;
  if (!store.startRefund(c, o->id, "RF" + o->orderNo, reason.empty() ? std::string("报名取消") : reason, send ? "pending" : "done", now))
    return false;
  audit::record(c, a, "refund", "exam_registration", std::to_string(registrationId),
                "报名取消退款: 订单 " + o->orderNo + ", " + yuan(o->amountFen) + " 元" + (send ? "(已提交支付平台)" : "") +
                    (reason.empty() ? std::string() : ", 原因: " + reason));
  return true;
}

}  // namespace baoan::exam
