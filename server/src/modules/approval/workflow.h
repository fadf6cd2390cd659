#pragma once
// The chains of the business types as data (DOMAIN.md "Workflow"): each step names an approval post,
// the level of the org that takes it, what kind of step it is and its days. The engine knows nothing
// of any one business type; the defaults below are where each chain is declared.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace baoan::approval {

// review: read the materials, give an opinion, 同意 / 不同意 (the first step also 受理 / 补正 / 不予受理);
// assign: 指派 one holder of the next step's post, who alone then acts there.
enum class StepKind { review, assign };

struct Step {
  std::string name;   // shown in 待办 and the progress view, e.g. "市经办民警审查"
  std::string post;   // an approval post code (core::approvalPosts)
  std::string level;  // station | county | city | province (the post's level)
  StepKind kind = StepKind::review;
  int legalDays = 0;     // the legal limit of this step, working days
  int promisedDays = 0;  // 承诺时限, never over legalDays
  bool backgroundCheck = false;  // all four checks must pass before 同意
  // "<field>:<item>": the step applies only when the form's change list (a `changes` field) names
  // that item, e.g. "changes:legalName" (the province decides a licence change only when the 法定代表人
  // changes); "": always. Steps that do not apply are passed over.
  std::string onlyIf;
};

// Whether the step applies to the case with this form.
bool stepApplies(const Step& s, const nlohmann::json& form);

struct Chain {
  long long id = 0;  // workflow_versions.id
  std::string businessType;
  int version = 0;
  std::vector<Step> steps;
  // The days a case may take in all (the sum of the steps' legal days).
  int legalDays() const;
  int extensionDays() const;  // how far the head of the deciding org may extend (行政许可法 art. 42)
  // The first step after `from` (-1: from the start) that applies to the form; nullopt after the last.
  std::optional<int> nextStep(int from, const nlohmann::json& form) const;
  // The deciding step: the last one that applies.
  int lastStep(const nlohmann::json& form) const;
  bool conditional() const;  // some step has a condition (callers parse the form only then)
};

const char* stepKindCode(StepKind k);
nlohmann::json stepsJson(const std::vector<Step>& steps);
// Parses and checks a chain as an administrator edits it; 422 naming steps[i].<field>.
std::vector<Step> readSteps(const nlohmann::json& steps);

// Builders of the declarations (types/*.cpp): a step of `days` working days (legal = promised).
Step makeStep(std::string name, std::string post, int days, StepKind kind = StepKind::review, bool backgroundCheck = false);
// The licence chain (city review, province decides; 办法 arts. 3–4) and the city's filing chain.
std::vector<Step> licenceSteps();
std::vector<Step> cityFilingSteps(bool backgroundCheck);

// The chain every business type starts with (its declaration's).
std::vector<Step> defaultSteps(const std::string& businessType);

}  // namespace baoan::approval
