#include "lang/parser.hpp"

#include <cctype>

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"

namespace kaohe {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// The code of a hard failure at Rule. A block left open has its own, so its hint (where the
// block began) is chosen by code rather than by comparing messages.
template <typename Rule>
inline constexpr DiagnosticCode syntax_code = DiagnosticCode::syntax_error;
template <>
inline constexpr DiagnosticCode syntax_code<g::close_brace> = DiagnosticCode::unclosed_block;
template <>
inline constexpr DiagnosticCode syntax_code<g::weighted_close> = DiagnosticCode::unclosed_block;

struct syntax_error : pegtl::parse_error {
    template <typename Input>
    syntax_error(const char* message, const Input& in, DiagnosticCode code)
        : pegtl::parse_error(message, in), code(code) {}
    DiagnosticCode code;
};

// Raises with the rule's message from grammar_errors.hpp and its code.
template <typename Rule>
struct error_control : pegtl::normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&...) {
        throw syntax_error(g::error_message<Rule>, in, syntax_code<Rule>);
    }
};

// Bounds rule nesting, so a pathological file (thousands of open brackets) is an error
// message, not a stack overflow here or in the recursive passes after the parser.
constexpr std::size_t max_rule_depth = 1000;
constexpr const char* too_deep = "表达式嵌套过深";
template <typename Rule>
struct depth_limit : pegtl::limit_depth<max_rule_depth> {};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::scheme_decl, g::scheme_name, g::year_lit, g::use_decl, g::module_name, g::record_decl, g::record_name,
        g::entity_decl, g::entity_name, g::entity_ref, g::input_decl, g::input_name, g::input_type, g::type_name,
        g::list_type, g::range_clause, g::range_low, g::range_high, g::optional_mark, g::nonempty_mark, g::at_clause, g::key_clause, g::json_path, g::require_decl,
        g::require_message, g::fn_decl, g::fn_name, g::param, g::param_name, g::value_decl, g::value_name,
        g::of_clause, g::rank_decl, g::rank_name, g::direction, g::within_clause, g::grade_decl, g::grade_name,
        g::band, g::band_label, g::band_bound, g::band_threshold, g::quota_clause, g::rounding_mode, g::order_key,
        g::tie_flag, g::excess_flag, g::veto_decl, g::when_clause, g::cap_item, g::grade_ref, g::flag_item,
        g::flag_text, g::for_clause, g::loop_var, g::flag_decl, g::output_decl, g::output_kind, g::output_item,
        g::output_key, g::flag_name, g::variant_decl, g::variant_name, g::assert_decl, g::assert_scope,
        g::assert_message, g::logical_not, g::negation, g::field_access,
        g::field_name, g::call, g::argument, g::where_clause, g::variable, g::if_expr, g::weighted_expr,
        g::weighted_item, g::weight, g::number_lit, g::string_lit, g::boolean_lit, g::op_or, g::op_and,
        g::op_compare, g::op_add, g::op_multiply, g::identifier, g::kw_otherwise>,
    pegtl::parse_tree::fold_one::on<g::expr, g::and_expr, g::compare_expr, g::add_expr, g::multiply_expr,
                                    g::postfix_expr>>;

class TreeToAst {
public:
    TreeToAst(const std::string& text, std::uint32_t file, Diagnostics& diagnostics)
        : text_(text), file_(file), diagnostics_(diagnostics) {}

    void declaration(const Node& n, ast::Module& module) {
        if (n.is_type<g::scheme_decl>()) {
            module.scheme_name = str(*n.children.at(0));
            module.scheme_span = span(*n.children.at(0));
        } else if (n.is_type<g::use_decl>()) {
            module.uses.push_back({str(*n.children.at(0)), span(*n.children.at(0))});
        } else if (n.is_type<g::record_decl>()) {
            module.records.push_back(record(n));
        } else if (n.is_type<g::entity_decl>()) {
            module.entities.push_back(entity(n));
        } else if (n.is_type<g::fn_decl>()) {
            module.functions.push_back(function(n));
        } else if (n.is_type<g::value_decl>()) {
            module.values.push_back(value(n));
        } else if (n.is_type<g::rank_decl>()) {
            module.ranks.push_back(rank(n));
        } else if (n.is_type<g::grade_decl>()) {
            module.grades.push_back(grade(n));
        } else if (n.is_type<g::veto_decl>()) {
            module.vetoes.push_back(veto(n));
        } else if (n.is_type<g::flag_decl>()) {
            module.flags.push_back(flag_decl(n));
        } else if (n.is_type<g::output_decl>()) {
            module.outputs.push_back(output(n));
        } else if (n.is_type<g::input_decl>()) {
            module.inputs.push_back(input(n));
        } else if (n.is_type<g::variant_decl>()) {
            module.variants.push_back(variant(n));
        } else if (n.is_type<g::assert_decl>()) {
            module.asserts.push_back(assertion(n));
        }
    }

private:
    const std::string& text_;
    std::uint32_t file_;
    Diagnostics& diagnostics_;

    Span span(const Node& n) const {
        return {static_cast<std::uint32_t>(n.m_begin.data - text_.data()),
                static_cast<std::uint32_t>(n.m_end.data - text_.data()), file_};
    }
    static std::string str(const Node& n) { return n.string(); }

    // "…" or “…” → the text between the quotes.
    static std::string string_text(const Node& n) {
        const Node& literal = n.is_type<g::string_lit>() || n.children.empty() ? n : *n.children.front();
        std::string raw = literal.string();
        std::size_t quote = raw.front() == '"' ? 1 : 3;
        return raw.substr(quote, raw.size() - 2 * quote);
    }

    ast::TypeRef type(const Node& n) {  // input_type
        ast::TypeRef t;
        for (const auto& c : n.children) {
            if (c->is_type<g::optional_mark>()) t.optional = true;
            else if (c->is_type<g::nonempty_mark>()) t.nonempty = true;
            else if (c->is_type<g::range_clause>()) {
                t.low = Rational::parse(c->children.at(0)->string());
                if (c->children.size() > 1) t.high = Rational::parse(c->children.at(1)->string());
                t.range_span = span(*c);
            }
            else if (c->is_type<g::list_type>()) {
                t.list = true;
                t.name = str(*c->children.at(0));
                t.span = span(*c->children.at(0));
            } else {
                t.name = str(*c);
                t.span = span(*c);
            }
        }
        return t;
    }

    ast::InputDecl input(const Node& n) {  // input_decl: name, input_type, at_clause
        const Node& path = *n.children.at(2)->children.at(0);
        return {str(*n.children.at(0)), span(*n.children.at(0)), type(*n.children.at(1)), str(path), span(path)};
    }

    ast::Requirement requirement(const Node& n) {  // expr [at_clause] message
        ast::Requirement r{expr(*n.children.at(0)), string_text(*n.children.back()), span(n), {}};
        if (n.children.size() == 3) r.path = str(*n.children.at(1)->children.at(0));
        return r;
    }

    ast::RecordDecl record(const Node& n) {
        ast::RecordDecl r{str(*n.children.at(0)), span(*n.children.at(0)), {}, {}};
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::input_decl>()) r.fields.push_back(input(c));
            else r.requirements.push_back(requirement(c));
        }
        return r;
    }

    ast::VariantDecl variant(const Node& n) {  // variant_name when_clause value_decl*
        ast::VariantDecl v{str(*n.children.at(0)), span(*n.children.at(0)), expr(*n.children.at(1)->children.at(0)), {}};
        for (std::size_t i = 2; i < n.children.size(); ++i) v.values.push_back(value(*n.children[i]));
        return v;
    }

    ast::AssertDecl assertion(const Node& n) {  // [assert_scope] expr message
        ast::AssertDecl a;
        std::size_t next = 0;
        if (n.children.at(0)->is_type<g::assert_scope>()) {
            const Node& name = *n.children.at(0)->children.at(0);
            a.variant = str(name);
            a.variant_span = span(name);
            next = 1;
        }
        a.condition = expr(*n.children.at(next));
        a.message = string_text(*n.children.at(next + 1));
        a.span = span(n);
        return a;
    }

    ast::EntityDecl entity(const Node& n) {  // entity_name at_clause key_clause items...
        ast::EntityDecl e;
        e.name = str(*n.children.at(0));
        e.name_span = span(*n.children.at(0));
        e.path = str(*n.children.at(1)->children.at(0));
        e.path_span = span(*n.children.at(1)->children.at(0));
        e.key_path = str(*n.children.at(2)->children.at(0));
        for (std::size_t i = 3; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::input_decl>()) e.inputs.push_back(input(c));
            else if (c.is_type<g::require_decl>()) e.requirements.push_back(requirement(c));
            else e.children.push_back(entity(c));
        }
        return e;
    }

    ast::FunctionDecl function(const Node& n) {  // fn_name param* body
        ast::FunctionDecl f{str(*n.children.at(0)), span(*n.children.at(0)), {}, nullptr};
        for (std::size_t i = 1; i + 1 < n.children.size(); ++i) {
            const Node& p = *n.children[i];
            f.params.push_back({str(*p.children.at(0)), span(*p.children.at(0)), type(*p.children.at(1))});
        }
        f.body = expr(*n.children.back());
        return f;
    }

    ast::EntityRef entity_ref(const Node& clause) {  // of_clause / within_clause
        const Node& name = *clause.children.at(0);
        return {str(name), span(name)};
    }

    ast::ValueDecl value(const Node& n) {
        ast::ValueDecl v{str(*n.children.at(0)), span(*n.children.at(0)), {}, nullptr};
        if (n.children.size() == 3) v.of = entity_ref(*n.children.at(1));
        v.expr = expr(*n.children.back());
        return v;
    }

    ast::RankDecl rank(const Node& n) {  // name of by [direction] [within]
        ast::RankDecl r{str(*n.children.at(0)), span(*n.children.at(0)), entity_ref(*n.children.at(1)),
                        expr(*n.children.at(2)), true, {}};
        for (std::size_t i = 3; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::direction>()) r.descending = c.string() == "desc";
            else r.within = entity_ref(c);
        }
        return r;
    }

    ast::Band band(const Node& n) {  // band_label (otherwise | band_bound)
        ast::Band b;
        b.label = label(*n.children.at(0));
        b.span = span(*n.children.at(0));
        const Node& condition = *n.children.at(1);
        if (condition.is_type<g::band_bound>()) {
            std::string op = condition.children.at(0)->string();
            b.edge = (op == ">=" || op == "≥") ? ast::BandEdge::at_least
                     : (op == ">")             ? ast::BandEdge::above
                                               : ast::BandEdge::otherwise;
            if (b.edge == ast::BandEdge::otherwise)
                diagnostics_.report(DiagnosticCode::band_comparison, span(*condition.children.at(0)),
                                    "等次分数线只能用 >= 或 >, 从高到低排列");
            const Node& threshold = *condition.children.at(1);
            b.threshold = *Rational::parse(threshold.string());
            b.threshold_span = span(threshold);
        }
        return b;
    }

    std::string label(const Node& n) {  // band_label: string_lit or identifier
        const Node& inner = *n.children.at(0);
        return inner.is_type<g::string_lit>() ? string_text(inner) : str(inner);
    }

    ast::Quota quota(const Node& n) {
        // band_label share-expr entity_ref rounding_mode order_key+ tie_flag excess_flag
        ast::Quota q;
        q.span = span(n);
        q.band = label(*n.children.at(0));
        q.band_span = span(*n.children.at(0));
        q.share = expr(*n.children.at(1));
        q.pool = {str(*n.children.at(2)), span(*n.children.at(2))};
        const Node& mode = *n.children.at(3);
        q.rounding_span = span(mode);
        if (mode.string() == "floor") q.rounding = ast::Rounding::floor;
        else if (mode.string() == "ceil") q.rounding = ast::Rounding::ceil;
        else if (mode.string() == "half_up") q.rounding = ast::Rounding::half_up;
        else diagnostics_.report(DiagnosticCode::unknown_rounding_mode, span(mode), "未知的取整方式 " + mode.string(),
                                 "可用 floor、ceil 或 half_up");
        for (std::size_t i = 4; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::order_key>()) {
                bool descending = c.children.size() < 2 || c.children.at(1)->string() == "desc";
                q.order.push_back({expr(*c.children.at(0)), descending});
            } else if (c.is_type<g::tie_flag>()) {
                q.tie_flag = string_text(c);
            } else if (c.is_type<g::excess_flag>()) {
                q.excess_flag = string_text(c);
            }
        }
        return q;
    }

    ast::GradeDecl grade(const Node& n) {
        ast::GradeDecl gd{str(*n.children.at(0)), span(*n.children.at(0)), entity_ref(*n.children.at(1)),
                          expr(*n.children.at(2)), {}, {}};
        for (std::size_t i = 3; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::band>()) gd.bands.push_back(band(c));
            else gd.quotas.push_back(quota(c));
        }
        return gd;
    }

    ast::FlagItem flag_item(const Node& text, const Node* for_clause) {
        ast::FlagItem f{string_text(text), span(text), {}, {}, nullptr, false};
        if (for_clause) {
            f.loop_var = str(*for_clause->children.at(0));
            f.loop_var_span = span(*for_clause->children.at(0));
            f.loop_list = expr(*for_clause->children.at(1));
        }
        return f;
    }

    ast::VetoDecl veto(const Node& n) {  // of_clause when_clause items...
        ast::VetoDecl v;
        v.span = span(n);
        v.of = entity_ref(*n.children.at(0));
        v.when = expr(*n.children.at(1)->children.at(0));
        for (std::size_t i = 2; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::cap_item>()) {
                v.caps.push_back({str(*c.children.at(0)), span(*c.children.at(0)), label(*c.children.at(1)),
                                  span(*c.children.at(1))});
            } else {
                v.flags.push_back(flag_item(*c.children.at(0), c.children.size() > 1 ? c.children[1].get() : nullptr));
            }
        }
        return v;
    }

    ast::FlagDecl flag_decl(const Node& n) {  // (flag_text | flag_name) of_clause when_clause
        const Node& name = *n.children.at(0);
        ast::FlagItem item = name.is_type<g::flag_name>() ? ast::FlagItem{str(name), span(name), {}, {}, nullptr, true}
                                                          : flag_item(name, nullptr);
        return {std::move(item), entity_ref(*n.children.at(1)), expr(*n.children.at(2)->children.at(0))};
    }

    ast::OutputDecl output(const Node& n) {  // entity_ref output_kind output_item*
        ast::OutputDecl o{{str(*n.children.at(0)), span(*n.children.at(0))}, str(*n.children.at(1)),
                          span(*n.children.at(1)), {}};
        for (std::size_t i = 2; i < n.children.size(); ++i) {
            const Node& item = *n.children[i];
            ast::OutputItem out{str(*item.children.at(0)), span(*item.children.at(0)), {}};
            for (std::size_t k = 1; k < item.children.size(); ++k) out.values.push_back(expr(*item.children[k]));
            o.items.push_back(std::move(out));
        }
        return o;
    }

    // ------------------------------------------------------------ expressions
    ast::ExprPtr make(ast::ExprKind kind, const Node& n) {
        auto e = std::make_unique<ast::Expr>();
        e->kind = kind;
        e->span = span(n);
        return e;
    }

    ast::ExprPtr number(const Node& n) {
        auto e = make(ast::ExprKind::number, n);
        std::string text = n.string();
        std::size_t digits = text.find_first_not_of("0123456789.-");
        e->percent = digits != std::string::npos;
        e->number = *Rational::parse(text.substr(0, digits));
        if (e->percent) e->number = e->number / Rational(100);
        return e;
    }

    static ast::BinaryOp binary_op(const std::string& op) {
        using ast::BinaryOp;
        if (op == "or") return BinaryOp::logical_or;
        if (op == "and") return BinaryOp::logical_and;
        if (op == "=") return BinaryOp::equal;
        if (op == "!=" || op == "≠") return BinaryOp::not_equal;
        if (op == "<") return BinaryOp::less;
        if (op == "<=" || op == "≤") return BinaryOp::less_equal;
        if (op == ">") return BinaryOp::greater;
        if (op == ">=" || op == "≥") return BinaryOp::greater_equal;
        if (op == "+") return BinaryOp::add;
        if (op == "-") return BinaryOp::subtract;
        if (op == "*" || op == "×") return BinaryOp::multiply;
        return BinaryOp::divide;
    }

public:
    ast::ExprPtr expr(const Node& n) {
        using ast::ExprKind;
        if (n.is_type<g::number_lit>() || n.is_type<g::weight>()) return number(n);
        if (n.is_type<g::string_lit>()) {
            auto e = make(ExprKind::text, n);
            e->text = string_text(n);
            return e;
        }
        if (n.is_type<g::boolean_lit>()) {
            auto e = make(ExprKind::boolean, n);
            e->boolean = n.string() == "true";
            return e;
        }
        if (n.is_type<g::variable>()) {
            auto e = make(ExprKind::name, n);
            e->text = n.string();
            return e;
        }
        if (n.is_type<g::negation>() || n.is_type<g::logical_not>()) {
            auto e = make(n.is_type<g::negation>() ? ExprKind::negate : ExprKind::logical_not, n);
            e->operands.push_back(expr(*n.children.at(0)));
            return e;
        }
        if (n.is_type<g::if_expr>()) {
            auto e = make(ExprKind::conditional, n);
            for (const auto& c : n.children) e->operands.push_back(expr(*c));
            return e;
        }
        if (n.is_type<g::call>()) {
            auto e = make(ExprKind::call, n);
            e->text = n.children.at(0)->string();
            for (std::size_t i = 1; i < n.children.size(); ++i) {
                const Node& argument = *n.children[i];
                e->operands.push_back(expr(*argument.children.at(0)));
                e->filters.push_back(argument.children.size() > 1 ? expr(*argument.children[1]->children.at(0))
                                                                  : nullptr);
            }
            return e;
        }
        if (n.is_type<g::weighted_expr>()) {
            auto e = make(ExprKind::weighted, n);
            for (const auto& item : n.children) {
                auto weight = number(*item->children.at(0));
                e->items.push_back({weight->number, weight->percent, weight->span, expr(*item->children.at(1))});
            }
            return e;
        }
        if (n.is_type<g::postfix_expr>()) {  // primary field_access+
            ast::ExprPtr object = expr(*n.children.at(0));
            for (std::size_t i = 1; i < n.children.size(); ++i) {
                const Node& access = *n.children[i];
                auto e = make(ExprKind::field, access);
                e->span.begin = object->span.begin;
                e->text = access.children.at(0)->string();
                e->operands.push_back(std::move(object));
                object = std::move(e);
            }
            return object;
        }
        // A binary layer: operand (op operand)*, folded to the left.
        ast::ExprPtr left = expr(*n.children.at(0));
        for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
            auto e = make(ExprKind::binary, n);
            e->span.begin = left->span.begin;
            e->op = binary_op(n.children[i]->string());
            e->operands.push_back(std::move(left));
            e->operands.push_back(expr(*n.children[i + 1]));
            e->span.end = e->operands.back()->span.end;
            left = std::move(e);
        }
        return left;
    }
};

// Byte offsets where a top-level declaration starts: column 1, not blank, not a comment,
// not a closing brace.
std::vector<std::uint32_t> chunk_starts(const std::string& text) {
    std::vector<std::uint32_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' || i + 1 >= text.size()) continue;
        char c = text[i + 1];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#' && c != '}')
            starts.push_back(static_cast<std::uint32_t>(i + 1));
    }
    return starts;
}

// A chunk holding only blank lines and comments (the file's header, say) declares nothing.
bool only_comments(std::string_view chunk) {
    bool in_comment = false;
    for (char c : chunk) {
        if (c == '\n') in_comment = false;
        else if (c == '#') in_comment = true;
        else if (!in_comment && c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
}

// The word under an error position, so the caret underlines what the parser choked on.
Span error_span(const std::string& text, std::uint32_t at, std::uint32_t file) {
    std::uint32_t end = at;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\t' && text[end] != '\r') ++end;
    return {at, end, file};
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, std::uint32_t file, Diagnostics& diagnostics) {
    const SourceFile& source = sources.file(file);
    const std::string& text = source.text();
    ast::Module module;
    TreeToAst builder(text, file, diagnostics);
    auto starts = chunk_starts(text);
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::uint32_t begin = starts[k];
        std::uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<std::uint32_t>(text.size());
        if (only_comments(std::string_view(text).substr(begin, end - begin))) continue;
        pegtl::memory_input<> in(text.data() + begin, text.data() + end, source.name());
        try {
            auto root = pegtl::parse_tree::parse<g::chunk, selector, depth_limit, error_control>(in);
            if (root)
                for (const auto& declaration : root->children) builder.declaration(*declaration, module);
        } catch (const pegtl::parse_error& e) {
            auto at = static_cast<std::uint32_t>(begin + e.positions().front().byte);
            // Ran off the end of the declaration: point just after its last character, on
            // the line the user was writing, rather than at the next declaration.
            std::uint32_t last = end;
            while (last > begin && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
            if (at >= last) at = last;
            // Our control raises syntax_error; the only other parse_error is limit_depth's.
            const auto* raised = dynamic_cast<const syntax_error*>(&e);
            DiagnosticCode code = raised ? raised->code : DiagnosticCode::nesting_too_deep;
            std::string message = raised ? std::string(e.message()) : too_deep;
            std::string hint;
            if (code == DiagnosticCode::unclosed_block)
                hint = "这个块从第 " + std::to_string(source.position(begin).line) + " 行开始; 块内各行需缩进";
            diagnostics.report(code, error_span(text, at, file), message, hint);
        }
    }
    return module;
}

}  // namespace kaohe
