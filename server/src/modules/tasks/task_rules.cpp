#include "modules/tasks/task_rules.h"

#include <algorithm>
#include <cmath>

namespace baoan::tasks {

namespace {
constexpr double kEarthKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
}  // namespace

double distanceKm(double lng1, double lat1, double lng2, double lat2) {
  const double dLat = rad(lat2 - lat1), dLng = rad(lng2 - lng1);
  const double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::sin(dLng / 2) * std::sin(dLng / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

Box boxAround(double lng, double lat, double km) {
  const double dLat = km / (kEarthKm * kPi / 180.0);
  // At the box's edge nearest the pole a degree of longitude is shortest: widen by that latitude.
  const double edgeLat = std::min(89.0, std::abs(lat) + dLat);
  const double dLng = km / (kEarthKm * kPi / 180.0 * std::cos(rad(edgeLat)));
  return {lng - dLng, lng + dLng, lat - dLat, lat + dLat};
}

std::string taskStatus(long long startAt, long long endAt, bool cancelled, long long now) {
  if (cancelled) return "cancelled";
  if (now < startAt) return "pending";
  if (now < endAt) return "running";
  return "ended";
}

std::string taskStatusName(const std::string& status) {
  if (status == "pending") return "未开始";
  if (status == "running") return "进行中";
  if (status == "ended") return "已结束";
  if (status == "cancelled") return "已取消";
  return status;
}

std::optional<std::string> coordinatesProblem(double lng, double lat) {
  if (!std::isfinite(lng) || !std::isfinite(lat)) return "坐标应为数字";
  if (lng < 73.5 || lng > 135.1) return "经度应在中国境内(73.5 到 135.1 之间)";
  if (lat < 18.1 || lat > 53.6) return "纬度应在中国境内(18.1 到 53.6 之间)";
  return std::nullopt;
}

std::optional<Place> locateGuard(const GuardWhereabouts& w) {
  if (w.runningTask) return w.runningTask;
  if (w.lastCheckIn && w.lastCheckIn->since > w.lastTaskEnd) return w.lastCheckIn;
  if (w.employer) return w.employer;
  return w.lastCheckIn;
}

}  // namespace baoan::tasks
