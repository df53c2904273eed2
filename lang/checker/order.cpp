// Order pass: puts definitions in an order where each comes after what it uses, and
// reports every definition that (directly or through others) uses itself.
#include <algorithm>

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

class Orderer {
public:
    explicit Orderer(State& state) : state_(state), mark_(state.program.symbols.size(), 0) {}

    void visit(SymbolId symbol) {
        if (mark_[symbol] == 2) return;
        if (mark_[symbol] == 1) {
            report_cycle(symbol);
            return;
        }
        mark_[symbol] = 1;
        path_.push_back(symbol);
        for (SymbolId dependency : state_.dependencies[symbol]) visit(dependency);
        path_.pop_back();
        mark_[symbol] = 2;
        if (state_.program.symbols[symbol].kind != SymbolKind::input) state_.program.evaluation_order.push_back(symbol);
    }

private:
    State& state_;
    IdVector<SymbolId, int> mark_;  // 0 unvisited, 1 on the current path, 2 done
    std::vector<SymbolId> path_;

    void report_cycle(SymbolId symbol) {
        std::string chain;
        auto start = std::find(path_.begin(), path_.end(), symbol);
        for (auto it = start; it != path_.end(); ++it) chain += state_.program.symbols[*it].name + " → ";
        chain += state_.program.symbols[symbol].name;
        state_.diagnostics.report(Code::cyclic_definition, state_.program.symbols[symbol].span,
                                  fmt::format("循环定义: {}", chain), "一个值不能直接或间接地依赖它自己");
    }
};

}  // namespace

void order_definitions(State& state) {
    Orderer orderer(state);
    // Data rules first, so a broken input is reported as such, not as what it breaks later.
    for (const auto& requirement : state.program.requirements) orderer.visit(requirement.symbol);
    for (SymbolId symbol : state.program.symbols.ids()) orderer.visit(symbol);
}

}  // namespace kaohe::checker
