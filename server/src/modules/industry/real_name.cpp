#include "modules/industry/real_name.h"

#include "modules/industry/guard_store.h"

namespace baoan::industry {

void personAccountChanged(db::Conn& c, const std::string& idNo) { GuardStore().projectRealName(c, {idNo}); }

void personAccountsChanged(db::Conn& c, const std::vector<std::string>& idNos) { GuardStore().projectRealName(c, idNos); }

}  // namespace baoan::industry
