#include "modules/background/background_forms.h"

namespace baoan::background {

const core::FormSpec& watchListForm() {
  static const core::FormSpec f{"WatchListEntryInput",
                                {{"idNo", "身份证号", {true, 18}},
                                 {"name", "姓名", {true, 50}},
                                 {"database", "库", {true, 32}},
                                 {"situation", "情形", {true, 500, true}},
                                 {"source", "来源", {false, 100}}}};
  return f;
}

}  // namespace baoan::background
