// Relations beyond nesting: the order entities are declared in when one `belongs to` another,
// and the checks on the clause.
//
// Design decision: `entity 工作队 at teams key id belongs to 县区 by county_id` makes 工作队 a
// child of 县区 in the program, exactly as if it were nested in the data; only binding knows the
// rows sit at the document root and are joined by key. So the parent must get its EntityId
// before the child (Program::entities lists parents first), and the top-level declarations are
// declared in an order where every entity comes after the one it belongs to. The cost: that
// order is not always the file's order, which no one sees but the ids.
#include <algorithm>

#include <fmt/format.h>

#include "lang/checker/check_state.hpp"

namespace kaohe::checker {
namespace {

class RelationOrder {
public:
    RelationOrder(State& state, const std::vector<ast::Module>& modules) : state_(state) {
        for (const auto& module : modules)
            for (const auto& entity : module.entities) roots_.push_back({&module, &entity});
        for (std::size_t i = 0; i < roots_.size(); ++i) name_roots(*roots_[i].entity, i);
        progress_.assign(roots_.size(), 0);
    }

    std::vector<EntityInModule> run() {
        for (std::size_t i = 0; i < roots_.size(); ++i) visit(i);
        return std::move(order_);
    }

private:
    State& state_;
    std::vector<EntityInModule> roots_;
    std::map<std::string, std::size_t> root_of_name_;  // any entity's name → its top-level declaration
    std::vector<int> progress_;                        // 0 not yet, 1 on the path, 2 placed
    std::vector<std::size_t> path_;                    // the roots being visited, outermost first
    std::vector<EntityInModule> order_;

    void name_roots(const ast::EntityDecl& decl, std::size_t root) {
        root_of_name_.emplace(decl.name, root);
        for (const auto& child : decl.children) name_roots(child, root);
    }

    void visit(std::size_t i) {
        if (progress_[i] == 2) return;
        const ast::EntityDecl& decl = *roots_[i].entity;
        if (progress_[i] == 1) {  // the last on the path belongs, through the others, to this one
            std::size_t last = path_.back();
            std::string chain;
            for (auto at = std::find(path_.begin(), path_.end(), i); at != path_.end(); ++at)
                chain += roots_[*at].entity->name + " → ";
            const ast::EntityDecl& closing = *roots_[last].entity;
            state_.diagnostics.report(Code::cyclic_relation, closing.parent_span,
                                      fmt::format("belongs to 构成了循环: {}{}", chain, decl.name == closing.parent
                                                                                        ? decl.name
                                                                                        : closing.parent),
                                      "一个实体不能 (间接) 属于它自己或它下属的实体; 请去掉其中一个 belongs to");
            roots_[last].cyclic = true;
            return;
        }
        progress_[i] = 1;
        path_.push_back(i);
        if (!decl.parent.empty())
            if (auto parent = root_of_name_.find(decl.parent); parent != root_of_name_.end()) visit(parent->second);
        path_.pop_back();
        progress_[i] = 2;
        order_.push_back(roots_[i]);
    }
};

}  // namespace

std::vector<EntityInModule> entities_in_relation_order(State& state, const std::vector<ast::Module>& modules) {
    return RelationOrder(state, modules).run();
}

EntityId resolve_belongs_to(State& state, const EntityInModule& declared, EntityId parent) {
    const ast::EntityDecl& decl = *declared.entity;
    if (decl.parent.empty() || declared.cyclic) return parent;
    if (parent) {
        state.diagnostics.report(Code::belongs_to_nested, decl.parent_span,
                                 fmt::format("{} 已嵌套在 {} 之下, 不能再 belongs to {}", decl.name,
                                             state.program.entities[parent].name, decl.parent),
                                 fmt::format("把 entity {} 移到顶层 (数据中的数组也在根上), 或去掉 belongs to",
                                             decl.name));
        return parent;
    }
    auto resolved = state.resolve_entity({decl.parent, decl.parent_span});
    return resolved ? *resolved : EntityId::none();
}

}  // namespace kaohe::checker
