#pragma once
// Export of any list to xlsx (API.md: GET /things/export with the list's filters): rows are
// streamed into a workbook in a private work file (io/work_dir.h), which the server sends and deletes.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "io/xlsx_writer.h"

namespace baoan::modules {

struct ExportColumn {
  std::string key;  // JSON key of the list item; arrays are joined with "、"
  std::string header;
  io::ColumnKind kind = io::ColumnKind::text;
  double width = 16;
};

// Calls produce(sink) which feeds every row as the list's JSON item; returns the file response
// (Content-Disposition with the Chinese file name "<title>_YYYYMMDD.xlsx") and the row count.
std::pair<http::Response, std::size_t> exportXlsx(const std::string& title, const std::vector<ExportColumn>& columns,
                                                  const std::function<void(const std::function<void(const nlohmann::json&)>&)>& produce);

// A new private file (0600, in the work folder of io/work_dir.h) the server writes and then sends.
std::string tempFilePath(const std::string& suffix);
// Content-Disposition (RFC 6266 / 5987) with a Chinese file name: an ASCII fallback plus the
// percent-encoded UTF-8 name; `disposition` is "attachment" (download) or "inline" (view).
std::string contentDisposition(const std::string& disposition, const std::string& utf8Name);
inline std::string attachmentHeader(const std::string& utf8Name) { return contentDisposition("attachment", utf8Name); }

}  // namespace baoan::modules
