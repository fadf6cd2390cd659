#pragma once
// The text fields of the forms of 系统管理 (§2), each limit in one place: the services read the
// forms with these rules and `baoan forms` prints them for the OpenAPI comparison test.
#include "core/form.h"

namespace baoan::system {

const core::FormSpec& orgForm();   // OrgUpdate (OrgCreate adds parentId)
const core::FormSpec& roleForm();  // RoleUpdate (RoleCreate adds orgId)
const core::FormSpec& userForm();  // UserCreate (UserUpdate is the same without account)

}  // namespace baoan::system
