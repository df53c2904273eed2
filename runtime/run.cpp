#include "runtime/run.hpp"

#include "base/utf8.hpp"
#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/parameters.hpp"
#include "runtime/what_if.hpp"

namespace kaohe {

std::shared_ptr<const CompiledPolicy> compile(LoadedProgram loaded) {
    if (!loaded.program) return nullptr;
    auto policy = std::make_shared<CompiledPolicy>();
    policy->sources = std::move(loaded.sources);
    policy->program = std::move(*loaded.program);
    policy->plan = make_plan(policy->program);
    return policy;
}

std::shared_ptr<const JsonDocument> parse_data(std::string text, const std::string& file,
                                               std::vector<DataError>& errors) {
    std::string json_error;
    drop_byte_order_mark(text);
    auto document = JsonDocument::parse(std::move(text), json_error);
    if (document) return std::make_shared<const JsonDocument>(std::move(*document));
    errors.push_back({.code = DiagnosticCode::invalid_json, .path = file, .message = "不是有效的 JSON: " + json_error});
    return nullptr;
}

Run::Run(std::shared_ptr<const CompiledPolicy> policy, std::shared_ptr<const JsonDocument> document,
         std::vector<ParameterFile> parameters)
    : policy_(std::move(policy)), document_(std::move(document)), parameters_(std::move(parameters)),
      state_(initial_state(policy_->program)) {
    BindResult bound = bind_data(policy_->plan, state_, *document_, parameters_);
    tables_ = std::move(bound.tables);
    errors_ = std::move(bound.errors);
    if (errors_.empty()) errors_ = apply_parameters(policy_->plan, tables_, state_, bound.parameter_paths, bound.held);
    else if (!tables_.entities.empty()) {  // rows were read: check the data rules where they can be
        auto rule_errors = check_requirements(policy_->plan, state_, tables_, errors_);
        errors_.insert(errors_.end(), rule_errors.begin(), rule_errors.end());
    }
    bound_ = errors_.empty();
}

bool Run::evaluate(EvaluationListener* listener) {
    if (!bound_) return false;
    errors_ = evaluate_plan(policy_->plan, state_, tables_, nullptr, listener);
    evaluated_ = true;
    changed_.clear();
    stale_ = {};
    return errors_.empty();
}

std::vector<ResultRow> Run::results() {
    if (!stale_.steps.empty() && errors_.empty()) reevaluate();  // what reevaluate_for left undone is shown too
    return collect_results(policy_->plan, state_, tables_, errors_);
}

ResultReader Run::result_reader() {
    if (!stale_.steps.empty() && errors_.empty()) reevaluate();
    return ResultReader(policy_->plan, state_, tables_);
}

void Run::set_weight(const WeightRef& weight, Rational value) {
    kaohe::set_weight(state_, weight, std::move(value));
    changed_.push_back(weight.symbol);
}

void Run::set_parameter(SymbolId parameter, Rational value) {
    kaohe::set_parameter(policy_->plan, state_, tables_, parameter, std::move(value));
    changed_.push_back(parameter);
}

void Run::set_input(SymbolId input, std::uint32_t row, Value value) {
    kaohe::set_input(policy_->plan, tables_, input, row, std::move(value));
    changed_.push_back(input);
}

bool Run::set_parameters(std::vector<ParameterFile> parameters) {
    parameters_ = std::move(parameters);
    BindResult bound = bind_scheme_inputs(policy_->plan, state_, *document_, parameters_);
    if (!bound.errors.empty()) {
        errors_ = std::move(bound.errors);
        return false;
    }
    const Plan& plan = policy_->plan;
    for (SymbolId parameter : policy_->program.parameters) {  // other scheme inputs come from the same data
        const Rational& now = bound.tables.scheme_slots[plan.column_of_symbol[parameter]].number();
        if (now != tables_.scheme_slots[plan.column_of_symbol[parameter]].number()) set_parameter(parameter, now);
    }
    errors_ = apply_parameters(plan, tables_, state_, bound.parameter_paths, bound.held);
    return errors_.empty();
}

bool Run::reevaluate(EvaluationListener* listener) {
    if (!evaluated_) return evaluate(listener);
    Rerun rerun = downstream(policy_->plan, changed_);
    add_stale(rerun, stale_);
    errors_ = evaluate_plan(policy_->plan, state_, tables_, &rerun, listener);
    changed_.clear();
    stale_ = {};
    return errors_.empty();
}

bool Run::reevaluate_for(const std::vector<SymbolId>& wanted) {
    if (!evaluated_) return evaluate();
    Rerun rerun = downstream(policy_->plan, changed_);
    add_stale(rerun, stale_);
    Rerun needed = restrict_to(policy_->plan, std::move(rerun), wanted, stale_);
    // What is still stale was stale before or is not needed now: its own steps will be rerun.
    for (std::size_t i = 0; i < needed.steps.size() && i < stale_.steps.size(); ++i)
        if (needed.steps[i]) stale_.steps[i] = false;
    errors_ = evaluate_plan(policy_->plan, state_, tables_, &needed);
    changed_.clear();
    return errors_.empty();
}

}  // namespace kaohe
