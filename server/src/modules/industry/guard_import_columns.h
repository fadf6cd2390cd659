#pragma once
// The columns of the guard import (a company's 保安员 spreadsheet), declared once for the import
// (guard_import.cpp) and for the fuzz target that drives the same path (server/fuzz).
#include <cstddef>
#include <string>
#include <vector>

#include "io/import_table.h"

namespace baoan::industry {

constexpr std::size_t kGuardImportMaxRows = 20000;

inline const std::vector<io::ImportColumn>& guardImportColumns() {
  static const std::vector<io::ImportColumn> cols = {
      {"name", "姓名", true, false},           {"idNo", "身份证号", true, true},        {"mobile", "手机号", true, true},
      {"hiredOn", "入职日期", true, false},    {"ethnicity", "民族", false, false},     {"education", "学历", false, false},
      {"householdAddress", "户籍地址", false, false}, {"currentAddress", "现住址", false, false},
      {"certificateNo", "保安员证编号", false, true}, {"certificateDate", "发证日期", false, false},
      // Not in the template, but in the company's roster export: a row with a 离职日期 is someone who
      // left, and importing the roster again must not hire them back.
      {"leftOn", "离职日期", false, false}};
  return cols;
}

// The template's example row, which an import skips when it is left in.
inline std::vector<io::Cell> guardImportExampleRow() {
  return {std::string("张伟"), std::string("11010519491231002X"), std::string("13800000000"), io::Date{"2025-01-01"},
          std::string("汉族"), std::string("高中"), std::string("陕西省咸阳市渭城区某村"), std::string("咸阳市渭城区人民路1号"),
          std::monostate{}, std::monostate{}};
}

}  // namespace baoan::industry
