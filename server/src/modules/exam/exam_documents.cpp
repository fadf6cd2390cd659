// 准考证 (PDF, two to an A4 page) and the candidate list of a room (xlsx) (exam_service.h).
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "io/pdf.h"
#include "modules/audit/audit_log.h"
#include "modules/exam/exam_rules.h"
#include "modules/exam/exam_service.h"

namespace baoan::exam {

using nlohmann::json;

namespace {
constexpr const char* kRules[] = {
    "1. 考生凭本准考证和本人居民身份证,于考试开始前 30 分钟进入考场,对号入座。",
    "2. 考试开始 15 分钟后不得入场;考试期间不得提前交卷离场。",
    "3. 除黑色签字笔等规定用品外,不得携带通讯工具、电子设备及书籍资料进入考场。",
    "4. 服从监考人员管理,违反考场纪律者按有关规定处理,取消考试成绩。",
};

std::string timeRange(long long from, long long to) {
  const std::string a = core::toIso(from), b = core::toIso(to);  // China time (+08:00)
  return a.substr(0, 10) + " " + a.substr(11, 5) + " 至 " + (b.substr(0, 10) == a.substr(0, 10) ? "" : b.substr(0, 10) + " ") +
         b.substr(11, 5);
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One ticket in the half page starting at `top`.
void drawTicket(io::pdf::Document& d, double top, const ExamRow& e, const CandidateRow& k, const std::string& photo) {
  using namespace io::pdf;
  const double W = d.pageWidth(), x = 18, w = W - 36, h = 130;
  d.box(x, top, w, h, 0.6);
  d.textAt(x, top + 6, w, "保安员资格考试准考证", TextStyle{Family::serif, 20, true, Align::center, kBlack, 1.0, 4});
  d.textAt(x, top + 16, w, e.name, TextStyle{Family::sans, 11, false, Align::center});
  const TextStyle label{Family::sans, 11, true};
  const TextStyle value{Family::sans, 11};
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"准考证号", k.ticketNo.value_or("")},
      {"姓    名", k.name},
      {"身份证号", core::maskIdNumber(k.idNo)},
      {"考    场", k.roomName},
      {"座 位 号", std::to_string(k.seat.value_or(0)) + " 号"},
      {"考试时间", timeRange(e.startAt, e.endAt)},
      {"考试地点", e.place},
  };
  double y = top + 26;
  for (const auto& [l, v] : rows) {
    d.textAt(x + 6, y, 0, l, label);
    const double used = std::max(d.textAt(x + 30, y, w - 75, v, value), 5.0);
    d.line(x + 30, y + used + 0.8, x + w - 45, y + used + 0.8, 0.2);
    y += used + 3.2;
  }
  // The photo (358×441 px, 一寸: 25×35 mm at the right).
  const double px = x + w - 37, py = top + 26, pw = 27, ph = 35;
  d.box(px, py, pw, ph, 0.3);
  bool drawn = false;
  if (!photo.empty()) {
    try {
      d.image(px + 0.5, py + 0.5, pw - 1, ph - 1, photo);
      drawn = true;
    } catch (const std::exception& err) {
      spdlog::warn("exam ticket: photo of registration {} not drawn: {}", k.registrationId, err.what());
    }
  }
  if (!drawn) d.textAt(px, py + ph / 2 - 2, pw, "照片", TextStyle{Family::sans, 10, false, Align::center, {0.5, 0.5, 0.5}});
  d.textAt(x + 6, y + 1, 0, "考场规则", TextStyle{Family::sans, 10, true});
  y += 6;
  for (const char* r : kRules) y += d.textAt(x + 6, y, w - 12, r, TextStyle{Family::sans, 9}) + 0.8;
}
}  // namespace

std::string ExamService::render(const ExamRow& e, const std::vector<CandidateRow>& people, const core::Principal& p) const {
  using namespace io::pdf;
  Document d(Margins{0, 0, 0, 0});
  d.setTitle(e.name + " 准考证");
  d.setAuthor(e.orgName);
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i > 0 && i % 2 == 0) d.newPage();
    std::string photo;
    if (files_ && !people[i].photoFileId.empty()) {
      try {
        auto f = files_->open(p, people[i].photoFileId);
        photo = f.path.empty() ? std::move(f.bytes) : readAll(f.path);
      } catch (const AppError&) {
        // not readable by this officer, or gone: the ticket says 照片 instead
      }
    }
    drawTicket(d, i % 2 == 0 ? 12 : 155, e, people[i], photo);
    if (i % 2 == 0) d.line(10, 148.5, d.pageWidth() - 10, 148.5, 0.2, {0.6, 0.6, 0.6});
  }
  return d.finish();
}

namespace {
// The room of ?room= (its id or its name); nullopt for every room.
std::optional<RoomRow> pickRoom(const std::vector<RoomRow>& rooms, const std::string& room) {
  if (room.empty()) return std::nullopt;
  for (const auto& m : rooms)
    if (std::to_string(m.id) == room || m.name == room) return m;
  throw notFound("考场不存在");
}
}  // namespace

PdfFile ExamService::tickets(const core::Actor& a, long long id, const TicketQuery& q) {
  auto [e, people] = ctx_.db.read([&](db::Conn& c) {
    ExamRow e = load(c, a.who, id);
    const auto room = pickRoom(store_.rooms(c, id), q.room);
    std::vector<CandidateRow> people;
    if (q.registrationId) {
      auto k = store_.candidate(c, id, *q.registrationId);
      if (!k) throw notFound("该考生不在本场考试中");
      people.push_back(*k);
    } else {
      people = room ? store_.candidatesOfRoom(c, id, room->id) : store_.candidates(c, id);
    }
    return std::make_pair(e, people);
  });
  std::erase_if(people, [](const CandidateRow& k) { return !k.ticketNo; });
  if (people.empty()) throw conflict("没有已编排考场的考生,请先进行考场编排");
  PdfFile out{render(e, people, a.who), e.name + "_准考证" + (q.registrationId ? "_" + people.front().name : q.room.empty() ? "" : "_" + people.front().roomName) + ".pdf"};
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "print", "exam", std::to_string(id), "打印准考证 " + e.name + " " + std::to_string(people.size()) + " 份");
  });
  return out;
}

PdfFile ExamService::ticketOf(const core::Actor& a, long long examId, long long registrationId) {
  auto [e, k] = ctx_.db.read([&](db::Conn& c) {
    auto e = store_.find(c, examId);
    auto k = e ? store_.candidate(c, examId, registrationId) : std::nullopt;
    if (!e || !k) throw notFound("准考证不存在");
    return std::make_pair(*e, *k);
  });
  if (!k.ticketNo) throw conflict("考场尚未编排,准考证还不能下载");
  return {render(e, {k}, a.who), e.name + "_准考证_" + k.name + ".pdf"};
}

modules::ExportFile ExamService::roomList(const core::Actor& a, long long id, const std::string& room) {
  auto [e, people] = ctx_.db.read([&](db::Conn& c) {
    ExamRow e = load(c, a.who, id);
    const auto r = pickRoom(store_.rooms(c, id), room);
    return std::make_pair(e, r ? store_.candidatesOfRoom(c, id, r->id) : store_.candidates(c, id));
  });
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"roomName", "考场", ColumnKind::text, 14}, {"seat", "座位号", ColumnKind::integer, 8},   {"ticketNo", "准考证号", ColumnKind::text, 20},
      {"name", "姓名", ColumnKind::text, 12},     {"gender", "性别", ColumnKind::text, 6},     {"idNo", "身份证号", ColumnKind::text, 22},
      {"signature", "考生签名", ColumnKind::text, 14}};
  auto file = modules::exportXlsx("考场名单", columns, [&](const auto& sink) {
    for (const auto& k : people) sink(candidateJson(k));
  });
  file.fileName = e.name + "_考场名单" + (room.empty() || people.empty() ? "" : "_" + people.front().roomName) + ".xlsx";
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "exam", std::to_string(id), "导出考场名单 " + e.name + " " + std::to_string(file.rows) + " 人");
  });
  return file;
}

}  // namespace baoan::exam
