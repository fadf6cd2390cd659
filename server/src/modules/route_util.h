#pragma once
// Small helpers every module's routes share.
#include <string>

#include "core/clock.h"
#include "core/form.h"
#include "core/principal.h"
#include "http/router.h"
#include "modules/dto_util.h"
#include "modules/export_util.h"

namespace baoan::modules {

inline core::Actor actor(const http::Ctx& ctx) { return {ctx.user(), ctx.req.remoteIp, ctx.req.requestId}; }

inline core::PageRequest page(const http::Ctx& ctx) { return core::parsePage(ctx.req.q("page"), ctx.req.q("size")); }

// A file a service wrote for download (an export, a template), sent as an attachment and deleted after.
http::Response fileResponse(const ExportFile& f);

// A generated PDF (a licence, an application print): shown in the browser, or saved with
// ?download=1; named in Chinese.
http::Response pdfResponse(const http::Ctx& ctx, std::string bytes, const std::string& utf8Name);

// A public HTML page (what a QR code opens): render() builds it; a 404 it throws becomes errorPage's page
// with status 404 (a 429 or any other error keeps the API's JSON shape). Never cached: a status can change.
http::Response publicPageResponse(const std::function<std::string()>& render,
                                  const std::function<std::string(const std::string&)>& errorPage);

// Optional query filters given as dates: from = start of that day, to = end of that day.
std::optional<long long> dayStart(const http::Ctx& ctx, const std::string& key, const std::string& label);
std::optional<long long> dayEnd(const http::Ctx& ctx, const std::string& key, const std::string& label);

}  // namespace baoan::modules
