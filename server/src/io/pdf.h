#pragma once
// A small PDF document builder (STACK-NOTES.md "PDF and QR"): cairo's PDF surface for the page,
// pango for the text (Noto Sans / Serif CJK SC, subset into the file by cairo, ~60 KB a page),
// libqrencode for QR codes drawn as vector squares, poppler-glib for the pages of other PDFs (an
// application's uploaded materials in its print). Used for licences, application prints and
// certificates: nothing here knows what it prints.
//
// Coordinates are millimetres from the page's top-left corner. The builder keeps a cursor: flowing
// content (paragraph, table, space) is placed at the cursor, inside the margins, and starts a new
// page when it does not fit; absolute content (textAt, box, qr, image) goes where it is told on the
// current page and leaves the cursor alone.
//
// Thread safety and speed: a Document belongs to one thread. Any number of threads may each build
// their own Document at the same time: each document checks a pango font map out of a process-wide
// pool for its lifetime (pango objects are not safe for concurrent use); cairo and fontconfig are
// thread-safe. finish() subsets the fonts on one of a few finisher threads of this module (cairo
// copies each CJK face's 20 MB CFF table to subset it, which is slow in a malloc arena that never
// held such a block) while the calling thread waits. warmUp() starts the finishers and loads the
// fonts at start-up; then a licence takes ~40 ms.
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace baoan::io::pdf {

struct Rgb {
  double r = 0, g = 0, b = 0;
};
inline constexpr Rgb kBlack{0, 0, 0};
inline constexpr Rgb kSealRed{0.80, 0.07, 0.07};

enum class Family { sans, serif };
enum class Align { left, center, right };

struct TextStyle {
  Family family = Family::sans;
  double size = 10.5;  // points (五号 = 10.5 pt, 小四 = 12, 三号 = 16, 二号 = 22)
  bool bold = false;
  Align align = Align::left;
  Rgb color = kBlack;
  double lineSpacing = 1.0;   // multiple of the font's line height
  double letterSpacing = 0;   // points between characters (wide-set titles)
};

struct Margins {
  double top = 20, right = 20, bottom = 20, left = 20;  // mm
};

// A bordered table: column widths in mm (their sum is the table's width, at most the content
// width), an optional header row repeated at the top of each page, cells wrapped to their column.
struct Table {
  std::vector<double> widths;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  TextStyle headerStyle{Family::sans, 10.5, true, Align::center};
  TextStyle cellStyle{};
  double padding = 1.5;    // mm inside each cell
  double lineWidth = 0.3;  // mm
  // Columns whose cells are labels (bold, shaded): e.g. {0, 2} for "label | value | label | value".
  std::vector<std::size_t> labelColumns;
};

// Draws the first `maxPages` pages of a PDF as Document::pdfPage would, into a PDF that is thrown
// away: the trial of an untrusted file in a child process with limits (io/pdf_trial.h). Throws
// std::runtime_error when the file cannot be opened or a page cannot be drawn.
void trialRender(const std::string& bytes, int maxPages);

// Starts `threads` finisher threads (the first call decides; default 2 when finish() comes first),
// each of which first loads and subsets every face (~1-3 s of CPU); returns at once. Documents
// finished meanwhile wait for a warm finisher. Call once at server start; safe to skip (the first
// document then starts them).
void warmUp(int threads = 2);

// Images larger than this (width × height, e.g. 8000 × 5000) are refused by Document::image: a PNG is
// decoded whole into memory (4 bytes a pixel) before it is drawn.
inline constexpr long long kMaxImagePixels = 40'000'000;

// Another PDF (uploaded bytes) whose pages a Document draws with pdfPage(), read with poppler-glib.
// Belongs to one thread. Opening reads the file's structure; each page is parsed when it is drawn.
// Calls into poppler are serialised process-wide (its font engine shares one FreeType library), so a
// print with PDF materials waits for another one being drawn.
class SourcePdf {
  friend void trialRender(const std::string& bytes, int maxPages);

 public:
  // Throws std::runtime_error when poppler cannot open the bytes (damaged, encrypted, not a PDF).
  explicit SourcePdf(const std::string& bytes);
  ~SourcePdf();
  SourcePdf(const SourcePdf&) = delete;
  SourcePdf& operator=(const SourcePdf&) = delete;
  int pageCount() const { return pages_; }

 private:
  friend class Document;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int pages_ = 0;
};

class Document {
 public:
  static constexpr double kA4Width = 210, kA4Height = 297;

  explicit Document(Margins m = {}, double pageWidth = kA4Width, double pageHeight = kA4Height);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Document information (shown by PDF readers).
  void setTitle(const std::string& title);
  void setAuthor(const std::string& author);

  double pageWidth() const { return width_; }
  double pageHeight() const { return height_; }
  const Margins& margins() const { return margins_; }
  double contentWidth() const { return width_ - margins_.left - margins_.right; }
  int pageCount() const { return pages_; }

  // ---- flowing content, at the cursor ----
  double cursor() const { return y_; }  // mm from the top of the current page
  void setCursor(double y) { y_ = y; }
  void space(double mm);
  // A paragraph wrapped to the content width (or `width` from the left margin + `indent`).
  void paragraph(const std::string& utf8, const TextStyle& style = {}, double indent = 0, std::optional<double> width = {});
  void table(const Table& t);
  // A horizontal rule across the content width.
  void rule(double lineWidth = 0.3, Rgb color = kBlack);
  void newPage();
  // Starts a new page unless `mm` still fits below the cursor.
  void ensureSpace(double mm);

  // ---- absolute content, on the current page ----
  // Text wrapped to `width` (no wrapping when 0) with its top-left at (x, y); returns its height in mm.
  double textAt(double x, double y, double width, const std::string& utf8, const TextStyle& style = {});
  // The height text would take wrapped to `width`, without drawing it.
  double measure(double width, const std::string& utf8, const TextStyle& style = {});
  void box(double x, double y, double w, double h, double lineWidth = 0.3, Rgb color = kBlack);
  void line(double x1, double y1, double x2, double y2, double lineWidth = 0.3, Rgb color = kBlack);
  // A filled or stroked circle (centre and radius in mm).
  void circle(double cx, double cy, double r, double lineWidth, Rgb color, bool filled = false);
  // A filled five-pointed star (centre, outer radius), point up: seals.
  void star(double cx, double cy, double r, Rgb color);
  // Text set along an arc of a circle (centre, radius, from/to angles in degrees clockwise from 12
  // o'clock), each character upright to the circle: the name ring of a round seal.
  void arcText(double cx, double cy, double r, double fromDeg, double toDeg, const std::string& utf8, const TextStyle& style);
  // A QR code (error correction level M, quiet zone of 4 modules included) as vector squares in a
  // square of `size` mm. Throws std::runtime_error when `data` cannot be encoded.
  void qr(double x, double y, double size, const std::string& data);
  // A JPEG or PNG image (bytes) scaled into the box, keeping its proportions. Throws
  // std::runtime_error when the bytes are neither or cannot be decoded.
  void image(double x, double y, double w, double h, const std::string& bytes);
  // Page `index` (from 0) of `src` scaled into the box keeping its proportions, centred, as vectors
  // (its text stays text), with a thin frame round the page. The document keeps what it needs of
  // `src` until finish(). Throws std::runtime_error when the page cannot be drawn (the current page
  // is then left as it was).
  void pdfPage(const SourcePdf& src, int index, double x, double y, double w, double h);

  // Ends the document and returns the PDF bytes; the builder cannot be used afterwards.
  std::string finish();

 private:
  struct Impl;
  void startPage();
  double tableRowHeight(const Table& t, const std::vector<std::string>& cells, bool header);
  void drawTableRow(const Table& t, const std::vector<std::string>& cells, bool header, double h);
  std::unique_ptr<Impl> impl_;
  Margins margins_;
  double width_, height_;
  double y_ = 0;
  int pages_ = 1;
};

}  // namespace baoan::io::pdf
