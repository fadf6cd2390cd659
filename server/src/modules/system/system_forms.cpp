#include "modules/system/system_forms.h"

namespace baoan::system {

const core::FormSpec& orgForm() {
  static const core::FormSpec f{"OrgUpdate",
                                {{"name", "机构名称", {true, 50}},
                                 {"regionCode", "所属区域", {true, 12}},
                                 {"phone", "联系电话", {false, 20}},
                                 {"address", "单位地址", {false, 200}},
                                 {"type", "机构类型", {true, 32}}}};
  return f;
}

const core::FormSpec& roleForm() {
  static const core::FormSpec f{"RoleUpdate", {{"name", "角色名称", {true, 30}}}};
  return f;
}

const core::FormSpec& userForm() {
  static const core::FormSpec f{"UserCreate",
                                {{"name", "姓名", {true, 20}},
                                 {"policeNo", "警号", {false, 12}},
                                 {"idNo", "证件号", {true, 18}},
                                 {"mobile", "联系手机", {true, 20}},
                                 {"account", "账号", {false, 32}}}};
  return f;
}

}  // namespace baoan::system
