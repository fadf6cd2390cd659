#!/usr/bin/env bash
# Rebuilds the committed seed corpus server/fuzz/corpus/ of the xlsx import fuzz target. Run by hand
# when what we write or read changes; run.sh never writes to it (it fuzzes a copy).
#
# Seeds (a few small real files, < 200 KB together):
#   our_template.xlsx     the guard import template, written by io::writeTemplate
#   our_export.xlsx       a guard roster export, written by io::XlsxWriter (inline strings, dates)
#   excel_style.xlsx      tests/fixtures: Excel-like, shared strings with rich and phonetic runs,
#                         built-in and custom date formats, formulas, errors, _x000D_
#   wps_style.xlsx        tests/fixtures: WPS-like, inline strings, numbers for IDs, gaps, 2 sheets
#   libreoffice_csv.xlsx  LibreOffice Calc: a CSV roster converted (shared strings, dates recognised
#                         and date-styled, an ID typed as a number)
#   libreoffice_template.xlsx  our template opened and saved again by LibreOffice Calc
# Needs the fuzz build (clang) for our writer and soffice (libreoffice-calc-nogui).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT=server/fuzz/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target baoan_fuzz_seeds -j2 >/dev/null
build/fuzz/server/baoan_fuzz_seeds "$TMP"

mkdir -p "$OUT"
rm -f "$OUT"/*
cp "$TMP/template.xlsx" "$OUT/our_template.xlsx"
cp "$TMP/export.xlsx" "$OUT/our_export.xlsx"
cp server/tests/fixtures/xlsx/excel_style.xlsx server/tests/fixtures/xlsx/wps_style.xlsx "$OUT/"

cat >"$TMP/roster.csv" <<'CSV'
姓名,身份证号,手机号,入职日期,民族,学历,户籍地址,现住址,保安员证编号,发证日期
张三,610404199001011230,13800138000,2024-01-01,汉族,高中,"陕西省咸阳市渭城区,某村",咸阳市人民路1号,SX2024001,2024-02-01
李四,"=""610102198505203216""",13912345678,2023-05-06,回族,大专,,,,
王五,61052619921231002X,139 0013 9000,2022/3/15,汉族,本科,西安市,西安市,,
CSV
mkdir -p "$TMP/lo"
SOFFICE=(soffice --headless --norestore "-env:UserInstallation=file://$TMP/profile")
"${SOFFICE[@]}" --infilter="CSV:44,34,76,1,,2052,false,true" --convert-to 'xlsx:Calc MS Excel 2007 XML' \
  --outdir "$TMP/lo" "$TMP/roster.csv" >/dev/null
cp "$TMP/lo/roster.xlsx" "$OUT/libreoffice_csv.xlsx"
cp "$TMP/template.xlsx" "$TMP/lo_in_template.xlsx"
"${SOFFICE[@]}" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$TMP/lo" "$TMP/lo_in_template.xlsx" >/dev/null
cp "$TMP/lo/lo_in_template.xlsx" "$OUT/libreoffice_template.xlsx"

ls -l "$OUT"
du -cb "$OUT"/* | tail -1
