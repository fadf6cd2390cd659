#pragma once
// The public verification page the QR code of a licence opens: small, server-rendered, Chinese,
// readable on a phone, no script; it shows only what is printed on the licence's face minus the
// people (no 法定代表人, no ID numbers, no mobiles).
#include <string>

#include "modules/licences/licence_service.h"

namespace baoan::licences {

// The page for a licence found by its token.
std::string verifyPage(const Verification& v);
// The page when nothing was found (or the request was refused): the message in a box.
std::string verifyErrorPage(const std::string& message);

}  // namespace baoan::licences
