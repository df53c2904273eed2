// Parse tree → AST for the top-level declarations and their clauses, a function per kind headed by
// the production it reads; the expressions they hold are built in expression_actions.cpp.
#include "lang/parse_actions.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "lang/grammar.hpp"

namespace kaohe {
namespace detail {

namespace g = grammar;

namespace {

// An expression node is any of the layers after fold_one has removed those with one child.
bool is_expression(const Node& n) {
    return n.is_type<g::expr>() || n.is_type<g::and_expr>() || n.is_type<g::compare_expr>() ||
           n.is_type<g::add_expr>() || n.is_type<g::multiply_expr>() || n.is_type<g::postfix_expr>() ||
           n.is_type<g::logical_not>() || n.is_type<g::negation>() || n.is_type<g::number_lit>() ||
           n.is_type<g::string_lit>() || n.is_type<g::boolean_lit>() || n.is_type<g::variable>() ||
           n.is_type<g::call>() || n.is_type<g::if_expr>() || n.is_type<g::weighted_expr>();
}

}  // namespace

std::vector<const Node*> expressions(const Node& n) {
    std::vector<const Node*> found;
    for (const auto& c : n.children)
        if (is_expression(*c)) found.push_back(c.get());
    return found;
}

std::string ascii_twins(std::string text) {
    static const std::pair<std::string_view, std::string_view> twins[] = {
        {"\uFF1E", ">"}, {"\uFF1C", "<"}, {"\uFF1D", "="}, {"\uFF01", "!"}, {"\uFF0B", "+"}, {"\uFF0D", "-"},
        {"\u2265", ">="}, {"\u2264", "<="}, {"\u2260", "!="}, {"\u00D7", "*"}, {"\u00F7", "/"}, {"\uFF0A", "*"},
        {"\uFF0F", "/"}};
    for (const auto& [wide, ascii] : twins)
        for (std::size_t at; (at = text.find(wide)) != std::string::npos;) text.replace(at, wide.size(), ascii);
    return text;
}

const Node& the_expression(const Node& n) {
    auto found = expressions(n);
    if (found.size() != 1) throw std::logic_error("parse tree: " + std::string(n.type) + " has no single expression");
    return *found.front();
}

void TreeToAst::declaration(const Node& n, ast::Module& module) {
    if (n.is_type<g::scheme_decl>()) {
        const Node& name = the<g::scheme_name>(n);
        module.scheme_name = name.string();
        if (const Node* year = maybe<g::year_lit>(n)) module.scheme_version = year->string();
        module.scheme_span = span(name);
        module.scheme_layout.span = span(n);
    } else if (n.is_type<g::use_decl>()) {
        if (const Node* path = maybe<g::module_path>(n))
            module.uses.push_back({string_text(*path), span(*path), layout(n), true});
        else
            module.uses.push_back({the<g::module_name>(n).string(), span(the<g::module_name>(n)), layout(n)});
    } else if (n.is_type<g::parameter_decl>()) {
        module.parameters.push_back(parameter(n));
    } else if (n.is_type<g::record_decl>()) {
        module.records.push_back(record(n));
    } else if (n.is_type<g::entity_decl>()) {
        module.entities.push_back(entity(n));
    } else if (n.is_type<g::fn_decl>()) {
        module.functions.push_back(function(n));
    } else if (n.is_type<g::value_decl>()) {
        module.values.push_back(value(n));
    } else if (n.is_type<g::section_decl>()) {
        module.values.push_back(section(n));
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
    } else if (n.is_type<g::require_decl>()) {
        module.requirements.push_back(requirement(n));
    } else if (n.is_type<g::variant_decl>()) {
        module.variants.push_back(variant(n));
    } else if (n.is_type<g::assert_decl>()) {
        module.asserts.push_back(assertion(n));
    } else if (n.is_type<g::enum_decl>()) {
        module.enums.push_back(enumeration(n));
    }
}

// "…" or “…” → the text between the quotes.
std::string TreeToAst::string_text(const Node& n) {
    const Node& literal = n.is_type<g::string_lit>() || n.children.empty() ? n : *n.children.front();
    std::string raw = literal.string();
    std::size_t quote = raw.front() == '"' ? 1 : 3;
    return raw.substr(quote, raw.size() - 2 * quote);
}

// A number a threshold or a range is written with: digits only. `90%` here would say 0.9 to
// the program and 90 to the reader (a percent input holds 0..100), so it is an error, not a guess.
Rational TreeToAst::bound_number(const Node& n, const char* what, const char* hint) {
    std::string text = ascii_twins(n.string());
    std::size_t digits = text.find_first_not_of("0123456789.-");
    if (digits != std::string::npos)
        diagnostics_.report(DiagnosticCode::percent_in_bound, span(n), fmt::format("{}写作数值, 不带 %", what), hint);
    return *Rational::parse(text.substr(0, digits));
}

// enum_decl ← "enum" enum_name "{" enum_value {[","] enum_value} "}"; a value is a name or "text"
ast::EnumDecl TreeToAst::enumeration(const Node& n) {
    const Node& name = the<g::enum_name>(n);
    ast::EnumDecl e{name.string(), span(name), {}, {}, layout(n)};
    for (const Node* value : every<g::enum_value>(n)) {
        e.values.push_back(maybe<g::string_lit>(*value) ? string_text(*value) : value->string());
        e.value_spans.push_back(span(*value));
    }
    return e;
}

// input_type ← [optional] [nonempty] (list_type | type_name) [range_clause]
ast::TypeRef TreeToAst::type(const Node& n) {
    ast::TypeRef t;
    t.optional = maybe<g::optional_mark>(n) != nullptr;
    t.nonempty = maybe<g::nonempty_mark>(n) != nullptr;
    const Node* list = maybe<g::list_type>(n);
    const Node& name = the<g::type_name>(list ? *list : n);
    t.list = list != nullptr;
    t.name = name.string();
    t.span = span(name);
    if (const Node* range = maybe<g::range_clause>(n)) {
        t.low = bound_number(the<g::range_low>(*range), "取值范围",
                             "percent 类型的输入本身就是 0 到 100 的数, 例如 in 0..100");
        if (const Node* high = maybe<g::range_high>(*range))
            t.high = bound_number(*high, "取值范围", "percent 类型的输入本身就是 0 到 100 的数, 例如 in 0..100");
        t.range_span = span(*range);
    }
    return t;
}

// input_decl ← input name : input_type at_clause
ast::InputDecl TreeToAst::input(const Node& n) {
    const Node& name = the<g::input_name>(n);
    const Node& path = the<g::json_path>(the<g::at_clause>(n));
    return {name.string(), span(name), type(the<g::input_type>(n)), path.string(), span(path), layout(n)};
}

// parameter_decl ← param name = signed_number [at_clause]
ast::ParameterDecl TreeToAst::parameter(const Node& n) {
    const Node& name = the<g::parameter_name>(n);
    const Node& written = the<g::parameter_default>(n);
    auto number = this->number(written);
    ast::ParameterDecl p{name.string(), span(name), number->number, number->percent, span(written), {}, {}, layout(n)};
    if (const Node* at = maybe<g::at_clause>(n)) {
        const Node& path = the<g::json_path>(*at);
        p.path = path.string();
        p.path_span = span(path);
    }
    return p;
}

// require_decl ← require expr [at_clause] else message
ast::Requirement TreeToAst::requirement(const Node& n) {
    ast::Requirement r{expr(the_expression(n)), string_text(the<g::require_message>(n)), span(n), {}, layout(n)};
    if (const Node* at = maybe<g::at_clause>(n)) r.path = the<g::json_path>(*at).string();
    return r;
}

// record_decl ← record name { (input_decl | require_decl)* }
ast::RecordDecl TreeToAst::record(const Node& n) {
    const Node& name = the<g::record_name>(n);
    ast::RecordDecl r{name.string(), span(name), {}, {}, layout(n)};
    for (const Node* c : every<g::input_decl>(n)) r.fields.push_back(input(*c));
    for (const Node* c : every<g::require_decl>(n)) r.requirements.push_back(requirement(*c));
    return r;
}

// variant_decl ← variant name when_clause { value_decl* }
ast::VariantDecl TreeToAst::variant(const Node& n) {
    const Node& name = the<g::variant_name>(n);
    ast::VariantDecl v{name.string(), span(name), expr(the_expression(the<g::when_clause>(n))), {}, layout(n)};
    for (const Node* c : every<g::value_decl>(n)) v.values.push_back(value(*c));
    return v;
}

// assert_decl ← assert [assert_scope] : expr else message
ast::AssertDecl TreeToAst::assertion(const Node& n) {
    ast::AssertDecl a;
    if (const Node* scope = maybe<g::assert_scope>(n)) {
        const Node& name = the<g::variant_name>(*scope);
        a.variant = name.string();
        a.variant_span = span(name);
    }
    a.condition = expr(the_expression(n));
    a.message = string_text(the<g::assert_message>(n));
    a.span = span(n);
    a.layout = layout(n);
    return a;
}

// entity_decl ← entity name entity_at key_clause [belongs_clause] { (input_decl | require_decl | entity_decl)* }
// entity_at ← at json_path [as array_flag], …; belongs_clause ← belongs to entity_ref by json_path
ast::EntityDecl TreeToAst::entity(const Node& n) {
    ast::EntityDecl e;
    const Node& name = the<g::entity_name>(n);
    e.name = name.string();
    e.name_span = span(name);
    for (const Node* a : every<g::entity_array>(the<g::entity_at>(n))) {
        const Node& path = the<g::json_path>(*a);
        ast::EntityArray array{path.string(), span(path), {}, {}};
        if (const Node* flag = maybe<g::array_flag>(*a)) {
            array.flag = flag->string();
            array.flag_span = span(*flag);
        }
        e.arrays.push_back(std::move(array));
    }
    e.key_path = the<g::json_path>(the<g::key_clause>(n)).string();
    if (const Node* belongs = maybe<g::belongs_clause>(n)) {
        const Node& parent = the<g::entity_ref>(*belongs);
        const Node& key = the<g::json_path>(the<g::parent_key>(*belongs));
        e.parent = parent.string();
        e.parent_span = span(parent);
        e.parent_key = key.string();
        e.parent_key_span = span(key);
    }
    for (const Node* c : every<g::input_decl>(n)) e.inputs.push_back(input(*c));
    for (const Node* c : every<g::require_decl>(n)) e.requirements.push_back(requirement(*c));
    for (const Node* c : every<g::entity_decl>(n)) e.children.push_back(entity(*c));
    e.layout = layout(n);
    return e;
}

// fn_decl ← fn name ( param, … ) = expr
ast::FunctionDecl TreeToAst::function(const Node& n) {
    const Node& name = the<g::fn_name>(n);
    ast::FunctionDecl f{name.string(), span(name), {}, expr(the_expression(n)), layout(n)};
    for (const Node* p : every<g::param>(n)) {
        const Node& param_name = the<g::param_name>(*p);
        f.params.push_back({param_name.string(), span(param_name), type(the<g::input_type>(*p))});
    }
    return f;
}

ast::EntityRef TreeToAst::entity_ref(const Node& clause) {  // of_clause / within_clause ← keyword entity_ref
    const Node& name = the<g::entity_ref>(clause);
    return {name.string(), span(name)};
}

// value_decl ← value name [of_clause] [points_clause] = expr [metadata]
ast::ValueDecl TreeToAst::value(const Node& n) {
    const Node& name = the<g::value_name>(n);
    ast::ValueDecl v{name.string(), span(name), {}, expr(the_expression(n)), layout(n)};
    if (const Node* of = maybe<g::of_clause>(n)) v.of = entity_ref(*of);
    indicator_clauses(n, v);
    return v;
}

// section_decl ← section name [of_clause] [points_clause] : member, … [metadata]
// The section is the value member + member + …, so it can be used and output like one.
ast::ValueDecl TreeToAst::section(const Node& n) {
    const Node& name = the<g::section_name>(n);
    ast::ValueDecl v{name.string(), span(name), {}, nullptr, layout(n)};
    if (const Node* of = maybe<g::of_clause>(n)) v.of = entity_ref(*of);
    v.section = true;
    for (const Node* member : every<g::section_member>(the<g::section_members>(n))) {
        v.members.push_back({member->string(), span(*member)});
        auto term = make(ast::ExprKind::name, *member);
        term->text = member->string();
        if (!v.expr) {
            v.expr = std::move(term);
            continue;
        }
        auto sum = make(ast::ExprKind::binary, *member);
        sum->span.begin = v.expr->span.begin;
        sum->op = ast::BinaryOp::add;
        sum->operands.push_back(std::move(v.expr));
        sum->operands.push_back(std::move(term));
        v.expr = std::move(sum);
    }
    indicator_clauses(n, v);
    return v;
}

// points_clause and metadata, shared by values and sections.
void TreeToAst::indicator_clauses(const Node& n, ast::ValueDecl& v) {
    if (const Node* points = maybe<g::points_clause>(n)) {
        const Node& number = the<g::points_number>(*points);
        v.points = bound_number(number, "分值", "分值是分数, 写作 points 15");
        v.points_span = span(number);
    }
    if (const Node* metadata = maybe<g::metadata>(n))
        for (const Node* item : every<g::meta_item>(*metadata)) {
            const Node& key = the<g::meta_key>(*item);
            const Node& value = the<g::meta_value>(*item);
            const Node* text = maybe<g::string_lit>(value);
            v.metadata.push_back({key.string(), span(key), text ? string_text(*text) : value.string(),
                                  text != nullptr, span(value)});
        }
}

// rank_decl ← rank name of_clause by expr [direction] [within_clause]
ast::RankDecl TreeToAst::rank(const Node& n) {
    const Node& name = the<g::rank_name>(n);
    ast::RankDecl r{name.string(), span(name), entity_ref(the<g::of_clause>(n)), expr(the_expression(n)), true, {},
                    layout(n)};
    if (const Node* direction = maybe<g::direction>(n)) r.descending = direction->string() == "desc";
    if (const Node* within = maybe<g::within_clause>(n)) r.within = entity_ref(*within);
    return r;
}

// band ← band_label (otherwise | band_bound)
ast::Band TreeToAst::band(const Node& n) {
    ast::Band b;
    const Node& band_label = the<g::band_label>(n);
    b.label = label(band_label);
    b.span = span(band_label);
    b.layout = layout(n);
    if (const Node* bound = maybe<g::band_bound>(n)) {
        const Node& op = the<g::op_compare>(*bound);
        std::string spelled = ascii_twins(op.string());
        b.edge = spelled == ">=" ? ast::BandEdge::at_least
                 : (spelled == ">")                  ? ast::BandEdge::above
                                                     : ast::BandEdge::otherwise;
        if (b.edge == ast::BandEdge::otherwise)
            diagnostics_.report(DiagnosticCode::band_comparison, span(op), "等次分数线只能用 >= 或 >, 从高到低排列");
        const Node& threshold = the<g::band_threshold>(*bound);
        b.threshold_span = span(threshold);
        if (const Node* name = maybe<g::threshold_name>(threshold)) b.threshold_name = name->string();
        else b.threshold = bound_number(threshold, "等次分数线", "分数是 0 到 100 时写 90; 比例 (0 到 1) 时写 0.9");
    }
    return b;
}

std::string TreeToAst::label(const Node& band_label) {  // band_label ← string_lit | identifier
    if (const Node* literal = maybe<g::string_lit>(band_label)) return string_text(*literal);
    return the<g::identifier>(band_label).string();
}

// quota_clause ← quota band_label share expr per entity_ref round rounding_mode
//                order order_key, … tie flag tie_flag excess flag excess_flag
ast::Quota TreeToAst::quota(const Node& n) {
    ast::Quota q;
    q.span = span(n);
    q.layout = layout(n);
    const Node& band_label = the<g::band_label>(n);
    q.band = label(band_label);
    q.band_span = span(band_label);
    q.share = expr(the_expression(n));
    if (const Node* clause = maybe<g::pool_clause>(n)) q.pool = entity_ref(*clause);  // else every row, one pool
    const Node& mode = the<g::rounding_mode>(n);
    q.rounding_span = span(mode);
    if (mode.string() == "floor") q.rounding = ast::Rounding::floor;
    else if (mode.string() == "ceil") q.rounding = ast::Rounding::ceil;
    else if (mode.string() == "half_up") q.rounding = ast::Rounding::half_up;
    else diagnostics_.report(DiagnosticCode::unknown_rounding_mode, span(mode), "未知的取整方式 " + mode.string(),
                             "可用 floor、ceil 或 half_up");
    for (const Node* key : every<g::order_key>(n)) {
        const Node* direction = maybe<g::direction>(*key);
        q.order.push_back({expr(the_expression(*key)), !direction || direction->string() == "desc"});
    }
    q.tie_flag = string_text(the<g::tie_flag>(n));
    q.excess_flag = string_text(the<g::excess_flag>(n));
    return q;
}

// grade_decl ← grade name of_clause by expr { (quota_clause | band)* }
ast::GradeDecl TreeToAst::grade(const Node& n) {
    const Node& name = the<g::grade_name>(n);
    ast::GradeDecl gd{name.string(), span(name), entity_ref(the<g::of_clause>(n)), expr(the_expression(n)), {}, {},
                      layout(n)};
    for (const Node* c : every<g::band>(n)) gd.bands.push_back(band(*c));
    for (const Node* c : every<g::quota_clause>(n)) gd.quotas.push_back(quota(*c));
    return gd;
}

// flag_item ← flag flag_text [for_clause]; for_clause ← for loop_var in expr
ast::FlagItem TreeToAst::flag_item(const Node& text, const Node* for_clause, const Node& whole) {
    ast::FlagItem f{string_text(text), span(text), {}, {}, nullptr, false, layout(whole)};
    if (for_clause) {
        const Node& loop_var = the<g::loop_var>(*for_clause);
        f.loop_var = loop_var.string();
        f.loop_var_span = span(loop_var);
        f.loop_list = expr(the_expression(*for_clause));
    }
    return f;
}

// veto_decl ← veto of_clause when_clause { (cap_item | flag_item)* }; cap_item ← cap grade_ref at band_label
ast::VetoDecl TreeToAst::veto(const Node& n) {
    ast::VetoDecl v;
    v.span = span(n);
    v.layout = layout(n);
    v.of = entity_ref(the<g::of_clause>(n));
    v.when = expr(the_expression(the<g::when_clause>(n)));
    for (const Node* c : every<g::cap_item>(n)) {
        const Node& grade = the<g::grade_ref>(*c);
        const Node& band_label = the<g::band_label>(*c);
        v.caps.push_back({grade.string(), span(grade), label(band_label), span(band_label), layout(*c)});
    }
    for (const Node* c : every<g::flag_item>(n))
        v.flags.push_back(flag_item(the<g::flag_text>(*c), maybe<g::for_clause>(*c), *c));
    return v;
}

// flag_decl ← flag (flag_text | flag_name) of_clause when_clause
ast::FlagDecl TreeToAst::flag_decl(const Node& n) {
    ast::FlagItem item;
    if (const Node* name = maybe<g::flag_name>(n)) item = {name->string(), span(*name), {}, {}, nullptr, true, {}};
    else item = flag_item(the<g::flag_text>(n), nullptr, n);
    return {std::move(item), entity_ref(the<g::of_clause>(n)), expr(the_expression(the<g::when_clause>(n))),
            layout(n)};
}

// output_decl ← output entity_ref as output_kind { output_item* }; output_item ← key [group] : expr, …
ast::OutputDecl TreeToAst::output(const Node& n) {
    const Node& of = the<g::entity_ref>(n);
    const Node& kind = the<g::output_kind>(n);
    ast::OutputDecl o{{of.string(), span(of)}, kind.string(), span(kind), {}, layout(n)};
    for (const Node* item : every<g::output_item>(n)) {
        const Node& key = the<g::output_key>(*item);
        ast::OutputItem out{key.string(), span(key), {}, layout(*item)};
        if (const Node* group = maybe<g::output_group>(*item)) {
            out.group = group->string();
            out.group_span = span(*group);
        }
        for (const Node* value : expressions(*item)) out.values.push_back(expr(*value));
        o.items.push_back(std::move(out));
    }
    return o;
}

}  // namespace detail

namespace {

// Every later stage walks an expression recursively, so its length bounds their stack (see
// cli/large_stack.hpp): 300,000 parse nodes is a sum of about 100,000 terms, far past anything
// written by hand, and well inside that stack.
constexpr std::size_t most_nodes_in_a_declaration = 300'000;

// Counted with a loop, not recursion: the count is what makes recursion safe afterwards.
std::size_t count_nodes(const ParseNode& root) {
    std::size_t count = 0;
    std::vector<const ParseNode*> pending{&root};
    while (!pending.empty()) {
        const ParseNode* n = pending.back();
        pending.pop_back();
        ++count;
        for (const auto& c : n->children) pending.push_back(c.get());
    }
    return count;
}

}  // namespace

void add_declaration(const ParseNode& declaration, const std::string& text, std::uint32_t file,
                     Diagnostics& diagnostics, ast::Module& module) {
    if (count_nodes(declaration) > most_nodes_in_a_declaration) {
        auto begin = static_cast<std::uint32_t>(declaration.m_begin.data - text.data());
        diagnostics.report(DiagnosticCode::declaration_too_long, Span{begin, begin + 1, file},
                           fmt::format("这条声明过长: 表达式超过约 {} 项的上限", most_nodes_in_a_declaration / 3),
                           "请把它拆成几个 value, 再把它们相加");
        return;
    }
    detail::TreeToAst(text, file, diagnostics).declaration(declaration, module);
}

}  // namespace kaohe
