#pragma once
// Errors the API reports to clients. Services throw AppError; the HTTP pipeline turns it into the JSON
// error body of API.md. Anything else that escapes a handler is a bug and answers 500.
#include <map>
#include <stdexcept>
#include <vector>
#include <string>

namespace baoan {

struct AppError : std::runtime_error {
  int status;
  std::string code;
  std::map<std::string, std::string> fields;  // field name (camelCase) → Chinese message
  AppError(int status_, std::string code_, const std::string& message,
           std::map<std::string, std::string> fields_ = {})
      : std::runtime_error(message), status(status_), code(std::move(code_)), fields(std::move(fields_)) {}
};

inline AppError badRequest(const std::string& m) { return {400, "bad_request", m}; }
inline AppError unauthenticated(const std::string& m = "未登录或登录已过期,请重新登录") {
  return {401, "unauthenticated", m};
}
inline AppError forbidden(const std::string& m = "没有执行此操作的权限") { return {403, "forbidden", m}; }
inline AppError notFound(const std::string& m = "记录不存在") { return {404, "not_found", m}; }
inline AppError conflict(const std::string& m) { return {409, "conflict", m}; }
inline AppError tooLarge(const std::string& m = "请求内容过大") { return {413, "too_large", m}; }
inline AppError locked(const std::string& m) { return {423, "locked", m}; }
inline AppError rateLimited(const std::string& m = "请求过于频繁,请稍后再试") { return {429, "rate_limited", m}; }
inline AppError invalidField(const std::string& field, const std::string& m) {
  return {422, "validation_failed", m, {{field, m}}};
}

// Collects per-field problems of one form so that the user sees all of them at once.
class FieldErrors {
 public:
  void add(const std::string& field, const std::string& message) {
    if (!fields_.count(field)) order_.push_back(field);
    fields_.emplace(field, message);
  }
  // A value of the wrong JSON type: the request is malformed (400), not merely invalid (422).
  void addTypeError(const std::string& field, const std::string& message) {
    add(field, message);
    malformed_ = true;
  }
  bool empty() const { return fields_.empty(); }
  bool has(const std::string& field) const { return fields_.count(field) > 0; }
  bool malformed() const { return malformed_; }
  // Field → message, in the order they were found (a nested form's errors taken into its parent's).
  std::vector<std::pair<std::string, std::string>> all() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : order_) out.emplace_back(f, fields_.at(f));
    return out;
  }
  void throwIfAny() const {
    if (fields_.empty()) return;
    if (malformed_) throw AppError(400, "bad_request", fields_.at(order_.front()), fields_);
    throw AppError(422, "validation_failed", fields_.at(order_.front()), fields_);
  }

 private:
  std::map<std::string, std::string> fields_;
  std::vector<std::string> order_;
  bool malformed_ = false;
};

}  // namespace baoan
