// Writes the seed files of the fuzz corpus that our own code produces (server/fuzz/make_corpus.sh
// runs it): the guard import template (io::writeTemplate, as GET /portal/guards/import-template) and
// a guard roster export (io::XlsxWriter, the columns of GET /portal/guards/export) with a few rows.
//
//   baoan_fuzz_seeds <folder>
#include <cstdio>
#include <string>
#include <vector>

#include "io/xlsx_writer.h"

using namespace baoan::io;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <folder>\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];

  // guard_import.cpp: templateColumns(), exampleRow().
  writeTemplate(dir + "/template.xlsx", "保安员导入",
                {{"姓名", ColumnKind::text, 10, true, "必填,2-20个字"},
                 {"身份证号", ColumnKind::text, 22, true, "必填,18位公民身份号码,请保持文本格式"},
                 {"手机号", ColumnKind::text, 14, true, "必填,11位手机号码,请保持文本格式"},
                 {"入职日期", ColumnKind::date, 12, true, "必填,日期,不晚于今天"},
                 {"民族", ColumnKind::text, 8, false, "如:汉族"},
                 {"学历", ColumnKind::text, 10, false, "初中、高中、中专、大专、本科、硕士研究生、博士研究生"},
                 {"户籍地址", ColumnKind::text, 36, false, "选填"},
                 {"现住址", ColumnKind::text, 36, false, "选填"},
                 {"保安员证编号", ColumnKind::text, 18, false, "选填"},
                 {"发证日期", ColumnKind::date, 12, false, "选填,日期"}},
                {std::string("张伟"), std::string("11010519491231002X"), std::string("13800000000"), Date{"2025-01-01"},
                 std::string("汉族"), std::string("高中"), std::string("陕西省咸阳市渭城区某村"),
                 std::string("咸阳市渭城区人民路1号"), std::monostate{}, std::monostate{}});

  // guard_service.cpp: the roster export's columns.
  XlsxWriter w(dir + "/export.xlsx", "保安员");
  w.setColumns({{"姓名", ColumnKind::text, 10},       {"性别", ColumnKind::text, 6},
                {"身份证号", ColumnKind::text, 22},   {"出生日期", ColumnKind::date, 12},
                {"民族", ColumnKind::text, 8},        {"学历", ColumnKind::text, 10},
                {"手机号", ColumnKind::text, 14},     {"所在单位", ColumnKind::text, 30},
                {"在职", ColumnKind::text, 6},        {"入职日期", ColumnKind::date, 12},
                {"离职日期", ColumnKind::date, 12},   {"保安员证编号", ColumnKind::text, 18},
                {"发证日期", ColumnKind::date, 12},   {"实名认证", ColumnKind::text, 8},
                {"App已初始化", ColumnKind::text, 10}, {"户籍地址", ColumnKind::text, 36},
                {"现住址", ColumnKind::text, 36},     {"监管单位", ColumnKind::text, 16}});
  w.addRow({std::string("王小明"), std::string("男"), std::string("610102198505203216"), Date{"1985-05-20"},
            std::string("汉族"), std::string("高中"), std::string("13912345678"), std::string("咸阳平安保安服务有限公司"),
            std::string("是"), Date{"2024-03-01"}, std::monostate{}, std::string("SX2024000123"), Date{"2024-04-15"},
            std::string("是"), std::string("否"), std::string("陕西省咸阳市秦都区人民路_x000D_2号"),
            std::string("咸阳市渭城区文汇路8号\n3单元"), std::string("渭城分局")});
  w.addRow({std::string("李娜"), std::string("女"), std::string("61040419900101123X"), Date{"1990-01-01"},
            std::string("回族"), std::string("大专"), std::string("13800138000"), std::string("咸阳平安保安服务有限公司"),
            std::string("否"), Date{"2021-07-01"}, Date{"2023-12-31"}, std::monostate{}, std::monostate{},
            std::string("否"), std::string("否"), std::string("A&B <公司> \"宿舍\""), std::monostate{},
            std::string("渭城分局")});
  w.addRow({std::string("赵六"), std::string("男"), std::string("610526199212310023"), Date{"1992-12-31"},
            std::string("汉族"), std::string("本科"), std::string("+86 139-0013-9000"), std::string("咸阳平安保安服务有限公司"),
            std::string("是"), Date{"2025-01-02"}, std::monostate{}, std::monostate{}, std::monostate{},
            std::string("是"), std::string("是"), std::string(""), std::string("咸阳"), std::string("渭城分局")});
  w.close();
  return 0;
}
