#include "lang/parser.hpp"

#include <optional>

#include <fmt/format.h>

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"
#include "lang/layout.hpp"
#include "lang/parse_actions.hpp"

namespace kaohe {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;

// The code of a hard failure at Rule. A block left open has its own, so its hint (where the
// block began) is chosen by code rather than by comparing messages.
template <typename Rule>
inline constexpr DiagnosticCode syntax_code = DiagnosticCode::syntax_error;
template <>
inline constexpr DiagnosticCode syntax_code<g::close_brace> = DiagnosticCode::unclosed_block;
template <>
inline constexpr DiagnosticCode syntax_code<g::weighted_close> = DiagnosticCode::unclosed_block;

// The bracket a rule closes, so its error can name the one left open (as Lua's check_match).
template <typename Rule>
inline constexpr char closing_bracket = 0;
template <>
inline constexpr char closing_bracket<g::close_paren> = ')';
template <>
inline constexpr char closing_bracket<g::close_brace> = '}';
template <>
inline constexpr char closing_bracket<g::weighted_close> = '}';

struct syntax_error : pegtl::parse_error {
    template <typename Input>
    syntax_error(const char* message, const Input& in, DiagnosticCode code, char closing)
        : pegtl::parse_error(message, in), code(code), closing(closing) {}
    DiagnosticCode code;
    char closing;
};

// Raises with the rule's message from grammar_errors.hpp and its code.
template <typename Rule>
struct error_control : pegtl::normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&...) {
        throw syntax_error(g::error_message<Rule>, in, syntax_code<Rule>, closing_bracket<Rule>);
    }
};

// Bounds rule nesting, so a pathological file (thousands of open brackets) is an error
// message, not a stack overflow here or in the recursive passes after the parser: about 330
// brackets deep, far past what anyone writes, and safe on an 8 MiB stack.
constexpr std::size_t max_rule_depth = 4000;
constexpr const char* too_deep = "表达式嵌套过深";
template <typename Rule>
struct depth_limit : pegtl::limit_depth<max_rule_depth> {};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::scheme_decl, g::scheme_name, g::year_lit, g::use_decl, g::module_name, g::module_path, g::record_decl, g::record_name,
        g::entity_decl, g::entity_name, g::entity_ref, g::input_decl, g::input_name, g::input_type, g::type_name,
        g::list_type, g::range_clause, g::range_low, g::range_high, g::optional_mark, g::nonempty_mark, g::at_clause, g::key_clause, g::json_path,
        g::entity_at, g::entity_array, g::array_flag, g::belongs_clause, g::parent_key, g::require_decl,
        g::require_message, g::fn_decl, g::fn_name, g::param, g::param_name, g::value_decl, g::value_name,
        g::points_clause, g::points_number, g::meta_key, g::meta_value, g::meta_item, g::metadata, g::section_decl,
        g::section_name, g::section_members, g::section_member,
        g::of_clause, g::rank_decl, g::rank_name, g::direction, g::within_clause, g::grade_decl, g::grade_name,
        g::band, g::band_label, g::band_bound, g::band_threshold, g::quota_clause, g::pool_clause, g::rounding_mode, g::order_key,
        g::tie_flag, g::excess_flag, g::veto_decl, g::when_clause, g::cap_item, g::grade_ref, g::flag_item,
        g::flag_text, g::for_clause, g::loop_var, g::flag_decl, g::output_decl, g::output_kind, g::output_item,
        g::output_key, g::output_group, g::flag_name, g::variant_decl, g::variant_name, g::assert_decl, g::assert_scope,
        g::assert_message, g::logical_not, g::negation, g::field_access,
        g::field_name, g::call, g::argument, g::where_clause, g::variable, g::if_expr, g::else_if, g::weighted_expr,
        g::weighted_item, g::weight, g::weight_name, g::threshold_name, g::parameter_decl, g::parameter_name,
        g::parameter_default, g::number_lit, g::string_lit, g::boolean_lit, g::op_or, g::op_and,
        g::op_compare, g::op_add, g::op_multiply, g::identifier, g::kw_otherwise, g::enum_decl, g::enum_name,
        g::enum_value>,
    pegtl::parse_tree::fold_one::on<g::expr, g::and_expr, g::compare_expr, g::add_expr, g::multiply_expr,
                                    g::postfix_expr>>;

// Byte offsets where a top-level declaration starts: column 1, not blank, not a comment,
// not a closing brace.
std::vector<std::uint32_t> chunk_starts(const std::string& text) {
    std::vector<std::uint32_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' || i + 1 >= text.size()) continue;
        char c = text[i + 1];
        bool wide_blank = text.compare(i + 1, 3, "\xE3\x80\x80") == 0;  // U+3000, an indent typed in Chinese
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#' && c != '}' && !wide_blank)
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

// A full-width form the grammar does not read (｛, ９, ＆ …) where parsing stopped: say which
// half-width character to type instead, since the two look alike on screen.
std::string full_width_hint(const std::string& text, std::uint32_t at) {
    std::size_t i = at;
    if (i >= text.size()) return {};
    char32_t cp = decode_utf8(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        std::string wide;
        append_utf8(wide, cp);
        char ascii = static_cast<char>(cp - 0xFEE0);
        if (std::string_view("{}[]\"+-*/<>=!,:%().0123456789").find(ascii) == std::string_view::npos)
            return fmt::format("这里是全角字符 {}, 代码中请用半角符号", wide);
        return fmt::format("这里是全角字符 {}, 请改为半角 {}", wide, ascii);
    }
    if (cp == 0x3001) return "这里是顿号 、, 列举时请用逗号 ,";
    if (cp == 0x3002) return "这里是句号 。, 代码中不需要它";
    return {};
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, std::uint32_t file, Diagnostics& diagnostics) {
    const SourceFile& source = sources.file(file);
    const std::string& text = source.text();
    ast::Module module;
    // A file saved as GBK would fail on every Chinese name; say once what is wrong with it.
    if (std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
        auto at = static_cast<std::uint32_t>(bad);
        diagnostics.report(DiagnosticCode::not_utf8, Span{at, at + 1, file},
                           "文件在这里不是有效的 UTF-8 编码 (可能是 GBK 等其他编码保存的)",
                           "请在编辑器中用 “UTF-8” 编码另存这个文件");
        return module;
    }
    auto starts = chunk_starts(text);
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::uint32_t begin = starts[k];
        std::uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<std::uint32_t>(text.size());
        if (only_comments(std::string_view(text).substr(begin, end - begin))) continue;
        pegtl::memory_input<> in(text.data() + begin, text.data() + end, source.name());
        try {
            auto root = pegtl::parse_tree::parse<g::chunk, selector, depth_limit, error_control>(in);
            if (root)
                for (const auto& declaration : root->children)
                    add_declaration(*declaration, text, file, diagnostics, module);
        } catch (const pegtl::parse_error& e) {
            auto at = static_cast<std::uint32_t>(begin + e.positions().front().byte);
            // The bracket still open where the parser stopped: the one a missing ) or } pairs with.
            std::optional<LineColumn> opened;
            if (const auto* raised = dynamic_cast<const syntax_error*>(&e); raised && raised->closing)
                if (auto bracket = unclosed_bracket(text, begin, at, raised->closing == ')' ? '(' : '{', raised->closing))
                    opened = source.position(*bracket);
            // Ran off the end of the declaration: point just after its last character, on
            // the line the user was writing, rather than at the next declaration.
            std::uint32_t last = end_of_code(text, begin, end);
            if (at >= last) at = last;
            // Our control raises syntax_error; the only other parse_error is limit_depth's.
            const auto* raised = dynamic_cast<const syntax_error*>(&e);
            DiagnosticCode code = raised ? raised->code : DiagnosticCode::nesting_too_deep;
            std::string message = raised ? std::string(e.message()) : too_deep;
            std::string hint;
            if (code == DiagnosticCode::unclosed_block)
                hint = fmt::format("这个块从第 {} 行的 {{ 开始; 块内各行需缩进",
                                   opened ? opened->line : source.position(begin).line);
            else if (opened)
                message += fmt::format(", 与第 {} 行第 {} 列的 ( 配对", opened->line, opened->column);
            // A look-alike character where parsing stopped is the likelier cause than an open block.
            if (std::string wide = full_width_hint(text, at); !wide.empty()) hint = wide;
            diagnostics.report(code, error_span(text, at, file), message, hint);
            module.unparsed.push_back(Span{begin, end, file});
        }
    }
    module.comments = scan_comments(text, file);
    attach_comments(module, source);
    return module;
}

}  // namespace kaohe
