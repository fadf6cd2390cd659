#pragma once
// The pure rules of tasks and emergency tasks (issue 14), unit-tested without a database:
// distances on the earth, the box a radius query reads through an index, a task's status from its
// dates, the coordinates a place may have, and where a guard is (the location rule).
#include <optional>
#include <string>
#include <vector>

namespace baoan::tasks {

// Great-circle distance in km between two WGS-84 points (haversine, mean earth radius 6371.0088 km).
double distanceKm(double lng1, double lat1, double lng2, double lat2);

// The lat/lng box that holds every point within `km` of (lng, lat): radius queries read the box
// through a (lat, lng) index, then keep the points whose distanceKm is within `km`.
struct Box {
  double minLng, maxLng, minLat, maxLat;
  bool contains(double lng, double lat) const { return lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat; }
};
Box boxAround(double lng, double lat, double km);

// 未开始 pending (now before the start), 进行中 running (start ≤ now < end), 已结束 ended (end ≤ now),
// 已取消 cancelled (stored, whatever the dates). The SQL of TaskStore::statusExpr says the same.
std::string taskStatus(long long startAt, long long endAt, bool cancelled, long long now);
std::string taskStatusName(const std::string& status);

// A place's coordinates: within China's extent (lng 73.5–135.1, lat 18.1–53.6); nullopt when fine,
// else the message for the field.
std::optional<std::string> coordinatesProblem(double lng, double lat);

// Where a guard is, by DOMAIN.md/issue 14: on a running task, at the task's place; otherwise at their
// last check-in when it is newer than the end of their last task, else at the employer's place.
struct Place {
  double lng = 0, lat = 0;
  std::string source;  // "task" | "check_in" | "employer"
  long long since = 0;  // when the guard got there (the task's start, the check-in's time; 0 for the employer)
};
struct GuardWhereabouts {
  std::optional<Place> runningTask;   // a task (start ≤ now < end, not cancelled) the guard is on
  std::optional<Place> lastCheckIn;   // the latest check-in
  long long lastTaskEnd = 0;          // the end of the guard's latest finished task (0 none)
  std::optional<Place> employer;      // the employer's coordinates, when known
};
std::optional<Place> locateGuard(const GuardWhereabouts& w);

}  // namespace baoan::tasks
