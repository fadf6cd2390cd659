#pragma once
// Dictionaries (字典): the fixed code lists of the domain with their Chinese names and the colour of
// the tag a page shows for each code. `GET /api/v1/dictionaries` serves all of them, so that the web
// app's DictTag and selects read labels and colours from here instead of repeating them.
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"

namespace baoan::core {

struct DictItem {
  std::string_view code;
  std::string_view name;
  std::string_view tag;  // Element Plus tag type: "" (default), primary, success, info, warning, danger
};

struct Dictionary {
  std::string_view key;  // camelCase, the key in GET /dictionaries
  std::string_view title;
  std::vector<DictItem> items;
};

const std::vector<Dictionary>& dictionaries();
const Dictionary* findDictionary(std::string_view key);
// The name of a code in a dictionary; the code itself when it is not there.
std::string dictName(std::string_view key, std::string_view code);
bool dictHas(std::string_view key, std::string_view code);
// The items as code/name pairs (what registry option fields take).
std::vector<CodeName> dictCodeNames(std::string_view key);

}  // namespace baoan::core
