#include "runtime/run.hpp"

#include "runtime/bind.hpp"
#include "runtime/evaluator.hpp"

namespace kaohe {

std::shared_ptr<const CompiledPolicy> compile(LoadedProgram loaded) {
    auto policy = std::make_shared<CompiledPolicy>();
    policy->sources = std::move(loaded.sources);
    policy->program = std::move(*loaded.program);
    policy->plan = make_plan(policy->program);
    return policy;
}

Run::Run(std::shared_ptr<const CompiledPolicy> policy, std::shared_ptr<const JsonDocument> document)
    : policy_(std::move(policy)), document_(std::move(document)), state_(initial_state(policy_->program)) {
    BindResult bound = bind_data(policy_->plan, state_, *document_);
    tables_ = std::move(bound.tables);
    errors_ = std::move(bound.errors);
}

bool Run::evaluate(EvaluationListener* listener) {
    if (errors_.empty()) errors_ = evaluate_plan(policy_->plan, state_, tables_, nullptr, listener);
    changed_.clear();
    return errors_.empty();
}

std::vector<ResultRow> Run::results() const { return collect_results(policy_->plan, state_, tables_); }

void Run::set_weight(const WeightRef& weight, Rational value) {
    kaohe::set_weight(state_, weight, std::move(value));
    changed_.push_back(weight.symbol);
}

bool Run::reevaluate(EvaluationListener* listener) {
    if (errors_.empty()) errors_ = kaohe::reevaluate(policy_->plan, state_, tables_, changed_, listener);
    changed_.clear();
    return errors_.empty();
}

}  // namespace kaohe
