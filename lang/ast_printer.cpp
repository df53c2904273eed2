#include "lang/ast_printer.hpp"

namespace kaohe::ast {

// A weight or a threshold as written: its number, or the `param` it names.
static std::string weight_text(const WeightedItem& item) {
    return item.weight_name.empty() ? item.weight.to_string() : item.weight_name;
}
static std::string threshold_text(const Band& band) {
    return band.threshold_name.empty() ? band.threshold.to_string() : band.threshold_name;
}

const char* spelling(BinaryOp op) {
    switch (op) {
    case BinaryOp::logical_or: return "or";
    case BinaryOp::logical_and: return "and";
    case BinaryOp::equal: return "=";
    case BinaryOp::not_equal: return "!=";
    case BinaryOp::less: return "<";
    case BinaryOp::less_equal: return "<=";
    case BinaryOp::greater: return ">";
    case BinaryOp::greater_equal: return ">=";
    case BinaryOp::add: return "+";
    case BinaryOp::subtract: return "-";
    case BinaryOp::multiply: return "*";
    case BinaryOp::divide: return "/";
    }
    return "?";
}

std::string print(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number: return e.number.to_string();
    case ExprKind::text: return "\"" + e.text + "\"";
    case ExprKind::boolean: return e.boolean ? "true" : "false";
    case ExprKind::name: return e.text;
    case ExprKind::field: return print(*e.operands[0]) + "." + e.text;
    case ExprKind::negate: return "(-" + print(*e.operands[0]) + ")";
    case ExprKind::logical_not: return "(not " + print(*e.operands[0]) + ")";
    case ExprKind::binary:
        return "(" + print(*e.operands[0]) + " " + spelling(e.op) + " " + print(*e.operands[1]) + ")";
    case ExprKind::conditional:
        return "(if " + print(*e.operands[0]) + " then " + print(*e.operands[1]) + " else " + print(*e.operands[2]) + ")";
    case ExprKind::call: {
        std::string out = e.text + "(";
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            if (i) out += ", ";
            out += print(*e.operands[i]);
            if (e.filters[i]) out += " where " + print(*e.filters[i]);
        }
        return out + ")";
    }
    case ExprKind::weighted: {
        std::string out = "weighted{";
        for (std::size_t i = 0; i < e.items.size(); ++i)
            out += (i ? ", " : "") + weight_text(e.items[i]) + "×" + print(*e.items[i].expr);
        return out + "}";
    }
    }
    return "?";
}

}  // namespace kaohe::ast

namespace kaohe::ast {
namespace {

// Builds the module listing line by line; nested items are indented two spaces a level.
class ModulePrinter {
public:
    explicit ModulePrinter(const Module& module) : module_(module) {}

    std::string print_all() {
        if (!module_.scheme_name.empty()) line(0, "scheme " + module_.scheme_name + notes(module_.scheme_layout));
        for (const auto& u : module_.uses) line(0, "use " + (u.local ? "\"" + u.module + "\"" : u.module) + notes(u.layout));
        for (const auto& p : module_.parameters)
            line(0, "param " + p.name + " = " + p.default_value.to_string() + (p.percent ? " (percent)" : "") +
                        (p.path.empty() ? "" : " at " + p.path) + notes(p.layout));
        for (const auto& r : module_.records) record(r);
        for (const auto& e : module_.enums) {
            std::string values;
            for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + ("\"" + v + "\"");
            line(0, "enum " + e.name + " { " + values + " }" + notes(e.layout));
        }
        for (const auto& e : module_.entities) entity(e, 0);
        for (const auto& i : module_.inputs) input(i, 0);
        for (const auto& r : module_.requirements) requirement(r, 0);
        for (const auto& f : module_.functions) {
            std::string params;
            for (const auto& p : f.params) params += (params.empty() ? "" : ", ") + p.name + ": " + type(p.type);
            line(0, "fn " + f.name + "(" + params + ") = " + print(*f.body) + notes(f.layout));
        }
        for (const auto& v : module_.values) value(v, 0);
        for (const auto& r : module_.ranks)
            line(0, "rank " + r.name + of(r.of) + " by " + print(*r.by) + (r.descending ? " desc" : " asc") +
                        (r.within.name.empty() ? "" : " within " + r.within.name) + notes(r.layout));
        for (const auto& g : module_.grades) grade(g);
        for (const auto& v : module_.vetoes) {
            line(0, "veto" + of(v.of) + " when " + print(*v.when) + notes(v.layout));
            for (const auto& c : v.caps) line(1, "cap " + c.grade + " at " + c.band + notes(c.layout));
            for (const auto& f : v.flags) flag(f, 1);
        }
        for (const auto& f : module_.flags) {
            flag(f.flag, 0);
            line(1, "of " + f.of.name + " when " + print(*f.when) + notes(f.layout));
        }
        for (const auto& o : module_.outputs) {
            line(0, "output " + o.of.name + " as " + o.kind + notes(o.layout));
            for (const auto& item : o.items) {
                std::string values;
                for (const auto& v : item.values) values += (values.empty() ? "" : ", ") + print(*v);
                line(1, item.key + (item.group.empty() ? "" : " " + item.group) + ": " + values + notes(item.layout));
            }
        }
        for (const auto& v : module_.variants) {
            line(0, "variant " + v.name + " when " + print(*v.when) + notes(v.layout));
            for (const auto& value_decl : v.values) value(value_decl, 1);
        }
        for (const auto& a : module_.asserts)
            line(0, "assert" + (a.variant.empty() ? "" : " in " + a.variant) + ": " + print(*a.condition) + " else \"" +
                        a.message + "\"" + notes(a.layout));
        return out_;
    }

private:
    const Module& module_;
    std::string out_;

    void line(int depth, const std::string& text) { out_ += std::string(2 * depth, ' ') + text + "\n"; }

    // The comments attached to an item, after it: "  # 第九条".
    std::string notes(const Layout& layout) const {
        std::string out;
        for (std::size_t k : layout.comments) out += "  # " + module_.comments[k].text;
        return out;
    }

    static std::string of(const EntityRef& ref) { return ref.name.empty() ? "" : " of " + ref.name; }

    static std::string type(const TypeRef& t) {
        std::string out = (t.optional ? "optional " : "") + std::string(t.nonempty ? "nonempty " : "") +
                          (t.list ? "list of " : "") + t.name;
        if (t.low) out += " in " + t.low->to_string() + ".." + (t.high ? t.high->to_string() : "");
        return out;
    }

    void input(const InputDecl& i, int depth) {
        line(depth, "input " + i.name + ": " + type(i.type) + " at " + i.path + notes(i.layout));
    }

    void requirement(const Requirement& r, int depth) {
        line(depth, "require " + print(*r.condition) + (r.path.empty() ? "" : " at " + r.path) + " else \"" +
                        r.message + "\"" + notes(r.layout));
    }

    void record(const RecordDecl& r) {
        line(0, "record " + r.name + notes(r.layout));
        for (const auto& f : r.fields) input(f, 1);
        for (const auto& q : r.requirements) requirement(q, 1);
    }

    void entity(const EntityDecl& e, int depth) {
        std::string arrays;
        for (const auto& a : e.arrays) arrays += (arrays.empty() ? "" : ", ") + a.path + (a.flag.empty() ? "" : " as " + a.flag);
        std::string belongs = e.parent.empty() ? "" : " belongs to " + e.parent + " by " + e.parent_key;
        line(depth, "entity " + e.name + " at " + arrays + " key " + e.key_path + belongs + notes(e.layout));
        for (const auto& i : e.inputs) input(i, depth + 1);
        for (const auto& r : e.requirements) requirement(r, depth + 1);
        for (const auto& c : e.children) entity(c, depth + 1);
    }

    void value(const ValueDecl& v, int depth) {
        std::string points = v.points ? " points " + v.points->to_string() : "";
        std::string metadata;
        for (const auto& m : v.metadata) metadata += " " + m.key + " " + (m.is_text ? "\"" + m.text + "\"" : m.text);
        if (v.section) {
            std::string members;
            for (const auto& m : v.members) members += (members.empty() ? "" : ", ") + m.name;
            line(depth, "section " + v.name + of(v.of) + points + ": " + members + metadata + notes(v.layout));
            return;
        }
        line(depth, "value " + v.name + of(v.of) + points + " = " + print(*v.expr) + metadata + notes(v.layout));
        weighted_items(*v.expr, depth + 1);
    }

    // Weighted items carry comments of their own (`45% 实绩得分  # 第九条 (一)`).
    void weighted_items(const Expr& e, int depth) {
        for (const auto& item : e.items) {
            if (!item.layout.comments.empty()) line(depth, weight_text(item) + "×" + print(*item.expr) + notes(item.layout));
            weighted_items(*item.expr, depth + 1);
        }
        for (const auto& operand : e.operands)
            if (operand) weighted_items(*operand, depth);
    }

    void grade(const GradeDecl& g) {
        line(0, "grade " + g.name + of(g.of) + " by " + print(*g.by) + notes(g.layout));
        for (const auto& b : g.bands)
            line(1, b.label + (b.edge == BandEdge::otherwise ? " otherwise"
                               : b.edge == BandEdge::at_least ? " >= " + threshold_text(b)
                                                              : " > " + threshold_text(b)) + notes(b.layout));
        for (const auto& q : g.quotas) {
            std::string keys;
            for (const auto& k : q.order) keys += (keys.empty() ? "" : ", ") + print(*k.expr) + (k.descending ? " desc" : " asc");
            const char* rounding = q.rounding == Rounding::floor ? "floor" : q.rounding == Rounding::ceil ? "ceil" : "half_up";
            line(1, "quota " + q.band + " share " + print(*q.share) + (q.pool.name.empty() ? std::string() : " per " + q.pool.name) + " round " + rounding +
                        " order " + keys + " tie flag \"" + q.tie_flag + "\" excess flag \"" + q.excess_flag + "\"" + notes(q.layout));
        }
    }

    void flag(const FlagItem& f, int depth) {
        line(depth, "flag " + (f.named ? f.text : "\"" + f.text + "\"") +
                        (f.loop_list ? " for " + f.loop_var + " in " + print(*f.loop_list) : "") + notes(f.layout));
    }
};

}  // namespace

std::string print(const Module& module) { return ModulePrinter(module).print_all(); }

}  // namespace kaohe::ast
