#pragma once
// Export of any list to xlsx (API.md: GET /things/export with the list's filters): rows are
// streamed into a workbook in a private work file (io/work_dir.h), which the server sends and deletes.
// Services build the file and return an ExportFile; the route turns it into the response
// (route_util.h: fileResponse), so that no service needs an HTTP type.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/xlsx_writer.h"

namespace baoan::modules {

struct ExportColumn {
  std::string key;  // JSON key of the list item; arrays are joined with "、"
  std::string header;
  io::ColumnKind kind = io::ColumnKind::text;
  double width = 16;
};

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A file the server wrote for one download: a private work file, removed once it has been sent.
struct ExportFile {
  std::string path;
  std::string fileName;  // the name the browser saves it under (Chinese)
  std::size_t rows = 0;  // data rows written (what the audit entry counts)
  std::string contentType = kXlsxContentType;
};

// Calls produce(sink) which feeds every row as the list's JSON item; returns the file, named
// "<title>_YYYYMMDD.xlsx", and its row count.
ExportFile exportXlsx(const std::string& title, const std::vector<ExportColumn>& columns,
                      const std::function<void(const std::function<void(const nlohmann::json&)>&)>& produce);

// A new private file (0600, in the work folder of io/work_dir.h) the server writes and then sends.
std::string tempFilePath(const std::string& suffix);
// Content-Disposition (RFC 6266 / 5987) with a Chinese file name: an ASCII fallback plus the
// percent-encoded UTF-8 name; `disposition` is "attachment" (download) or "inline" (view).
std::string contentDisposition(const std::string& disposition, const std::string& utf8Name);
inline std::string attachmentHeader(const std::string& utf8Name) { return contentDisposition("attachment", utf8Name); }

}  // namespace baoan::modules
