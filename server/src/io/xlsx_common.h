#pragma once
// Shared pieces of the spreadsheet code (io/xlsx_writer, io/xlsx_reader, io/import_table): the error
// type whose message is shown to the user, and Excel's date serial numbers.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace baoan::io {

// Thrown by the spreadsheet code. what() is a Chinese message fit for the user (e.g. for a 400 answer);
// detail() says more for the log (which part of the file, what the library said), may be empty.
class XlsxError : public std::runtime_error {
 public:
  explicit XlsxError(const std::string& message, std::string detail = {})
      : std::runtime_error(message), detail_(std::move(detail)) {}
  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

// The message for anything that cannot be read as a workbook (not a zip, no workbook, broken XML).
inline constexpr std::string_view kXlsxInvalidMessage = "文件不是有效的 Excel(.xlsx) 文件";
// An OLE2 file (an old .xls, or an .xlsx with an opening password) or a zip with encrypted entries.
inline constexpr std::string_view kXlsxEncryptedMessage =
    "文件不是有效的 Excel(.xlsx) 文件,可能是旧版 .xls 格式或设置了打开密码,请另存为不加密的 .xlsx 文件后重新上传";
// A file that would take more than the reader allows (uncompressed size, memory): a zip bomb, or
// more data than one import should carry.
inline constexpr std::string_view kXlsxTooLargeMessage = "文件内容过大,请分批导入";

// Excel keeps dates as serial day numbers: 1 = 1900-01-01 in the 1900 date system, which counts a
// day 1900-02-29 that never was (serial 60), so from 1900-03-01 on serial = days since 1899-12-30.
// Times of day are the fraction. The writer only produces serials from 1900-03-01 on.

// "YYYY-MM-DD" → serial; std::nullopt when not a valid date or before 1900-03-01.
std::optional<double> excelSerialFromDate(std::string_view ymd);

// Unix epoch milliseconds → serial of the local wall-clock time at a fixed UTC offset (Asia/Shanghai is
// UTC+8 without daylight saving since 1991), truncated to whole seconds.
double excelSerialFromEpochMs(std::int64_t epochMs, int utcOffsetMinutes = 480);

// Serial → "YYYY-MM-DD" (withTime = false) or "YYYY-MM-DD HH:MM:SS" (time rounded to the second).
// date1904: the workbook uses the 1904 date system (serial 0 = 1904-01-01). Serials below 1 (1900
// system) or below 0 (1904 system) and beyond 9999-12-31 give std::nullopt.
std::optional<std::string> dateFromExcelSerial(double serial, bool withTime, bool date1904 = false);

// A number as Excel shows it in a General cell: at most 15 significant digits, integers without ".0"
// and without exponent below 1e21 ("610404199001011000" for 6.10404199001011E+17), else "%.15g".
std::string formatExcelNumber(double value);

// Excel keeps 15 significant digits: longer integers are identifiers, written as text.
// The ZIP record signatures (PKWARE APPNOTE 4.3) that io/zip_reader and io/zip_writer both speak.
inline constexpr std::uint32_t kZipLocalHeader = 0x04034b50;
inline constexpr std::uint32_t kZipCentralHeader = 0x02014b50;
inline constexpr std::uint32_t kZipEndOfCentralDirectory = 0x06054b50;

inline constexpr std::int64_t kMaxExcelInteger = 999999999999999LL;

// Excel's limit of characters per cell.
inline constexpr std::size_t kMaxCellChars = 32767;

// Appends in to out as cell text is allowed to be: invalid UTF-8 → U+FFFD; control characters other
// than tab, line feed and carriage return, and U+FFFE / U+FFFF, dropped; at most kMaxCellChars
// characters. escapeXml: also escape for the text of an OOXML <t> element (&, <, >; a carriage return
// as _x000D_, which XML would otherwise turn into a line feed; a literal "_xHHHH_" with its "_" as
// _x005F_, so that Excel does not decode it).
void appendCellText(std::string& out, std::string_view in, bool escapeXml);

}  // namespace baoan::io
