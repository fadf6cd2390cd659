#pragma once
// The public page the QR code of a 保安员证 opens (the licence page's shape: small, server-rendered,
// Chinese, no script): valid or revoked, the number, the name masked, the issuing organ and date, and a
// form where the visitor types the holder's full ID number to see the photo (and the full name).
#include <string>

#include "modules/certificates/certificate_service.h"

namespace baoan::certificates {

// The page for a certificate found by its token; `action` is the path the ID form posts to.
std::string verifyPage(const Verification& v, const std::string& action);
// The page when nothing was found (or the request was refused): the message in a box.
std::string verifyErrorPage(const std::string& message);

}  // namespace baoan::certificates
