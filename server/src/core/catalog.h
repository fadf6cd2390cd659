#pragma once
// Fixed vocabularies of the domain: org types, business types and their approval posts, menus.
#include <string>
#include <string_view>
#include <vector>

namespace baoan::core {

struct CodeName {
  std::string_view code;
  std::string_view name;
};

const std::vector<CodeName>& orgTypes();
std::string_view orgTypeName(std::string_view code);  // "" when unknown

struct ApprovalPost {
  std::string_view code;
  std::string_view name;
  std::string_view level;  // station | county | city | province
};

struct BusinessType {
  std::string_view code;
  std::string_view name;
  std::vector<std::string_view> posts;  // the posts that take part in its default chain
};

const std::vector<ApprovalPost>& approvalPosts();
const ApprovalPost* findApprovalPost(std::string_view code);
const std::vector<BusinessType>& businessTypes();
const BusinessType* findBusinessType(std::string_view code);

// Sidebar menus (manual chapters); an item shows when the user holds its permission.
struct MenuItem {
  std::string_view key;
  std::string_view title;
  std::string_view path;
  std::string_view permission;
  // A page that lists another module's records through that module's endpoints (8.6/8.7 数据查询: the
  // registry lists) is offered only with that module's view permission too.
  std::string_view alsoNeeds = {};
};
struct MenuGroup {
  std::string_view key;
  std::string_view title;
  std::string_view icon;
  std::vector<MenuItem> items;
};
const std::vector<MenuGroup>& menus();

}  // namespace baoan::core
