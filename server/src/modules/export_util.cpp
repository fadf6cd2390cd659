#include "modules/export_util.h"

#include <filesystem>

#include "core/clock.h"
#include "io/work_dir.h"

namespace baoan::modules {

using nlohmann::json;

std::string tempFilePath(const std::string& suffix) { return io::newWorkFile(suffix); }

std::string contentDisposition(const std::string& disposition, const std::string& utf8Name) {
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : utf8Name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  // The fallback keeps the extension, so that an old client still opens the file with the right program.
  const auto dot = utf8Name.rfind('.');
  std::string ext = dot == std::string::npos ? "" : utf8Name.substr(dot);
  if (ext.size() > 8 || ext.find_first_not_of(".abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos) ext = "";
  const std::string fallback = (ext == ".xlsx" ? "export" : "file") + ext;
  return disposition + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

namespace {
io::Cell cellOf(const json& v, io::ColumnKind kind) {
  if (v.is_null()) return std::monostate{};
  if (v.is_array()) {
    std::string joined;
    for (const auto& x : v) joined += (joined.empty() ? "" : "、") + (x.is_string() ? x.get<std::string>() : x.dump());
    return joined;
  }
  if (v.is_boolean()) return std::string(v.get<bool>() ? "是" : "否");
  switch (kind) {
    case io::ColumnKind::date: return io::Date{v.is_string() ? v.get<std::string>() : v.dump()};
    case io::ColumnKind::datetime: {
      if (!v.is_string()) return std::monostate{};
      auto t = core::parseTime(v.get<std::string>());
      return t ? io::Cell(io::DateTime{*t}) : io::Cell(v.get<std::string>());
    }
    case io::ColumnKind::integer:
      if (v.is_number_integer()) return static_cast<std::int64_t>(v.get<long long>());
      break;
    case io::ColumnKind::decimal:
      if (v.is_number()) return v.get<double>();
      break;
    default: break;
  }
  return v.is_string() ? io::Cell(v.get<std::string>()) : io::Cell(v.dump());
}
}  // namespace

ExportFile exportXlsx(const std::string& title, const std::vector<ExportColumn>& columns,
                                                  const std::function<void(const std::function<void(const json&)>&)>& produce) {
  const std::string path = tempFilePath(".xlsx");
  std::size_t rows = 0;
  try {
    io::XlsxWriter w(path, title);
    std::vector<io::Column> cols;
    for (const auto& c : columns) cols.push_back({c.header, c.kind, c.width});
    w.setColumns(cols);
    std::vector<io::Cell> cells(columns.size());
    produce([&](const json& item) {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto it = item.find(columns[i].key);
        cells[i] = it != item.end() ? cellOf(*it, columns[i].kind) : io::Cell(std::monostate{});
      }
      w.addRow(cells);
    });
    rows = w.close();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw;
  }
  const std::string day = core::toChinaDate(core::nowMs());
  return {path, title + "_" + day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2) + ".xlsx", rows};
}

}  // namespace baoan::modules
