// The kaohe grammar: PEGTL rule types only (meaning lives in parser.cpp, messages in
// grammar_errors.hpp).
//
// Choices a reader must know:
// - Keywords are short English words (entity, value, grade, quota, veto ...); every name a
//   policy defines is free text, usually Chinese. A keyword is only a keyword when no
//   identifier character follows, so `output` is a keyword and `outputs` a name. We chose
//   no Chinese keyword aliases: 等次, 指标 and 权重 are the names policies need most.
// - Identifiers start with a letter, `_` or a CJK ideograph and continue with those or
//   digits, so 民主测评 and 县区2 are names.
// - Expressions are layered or → and → not → comparison → + - → * / → unary → postfix →
//   primary, each level a seq/star over the next, so nothing backtracks past a token.
// - A hard failure (must / if_must) is only allowed at a named rule that has a message.
// - Chinese input methods type full-width forms; in code they are read as their ASCII twins:
//   （）＋－＝＜＞，：％ (and × ÷ ≤ ≥ ≠), the ideographic space U+3000 is a blank, and 〇 is a
//   character of names.
// - Top-level declarations start in column 1; parser.cpp splits the file there, so one
//   syntax error does not hide the errors in the declarations after it.
#pragma once

#include <tao/pegtl.hpp>

namespace kaohe::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---------------------------------------------------------------- lexical
struct comment : seq<one<'#'>, until<eolf>> {};
struct ideographic_space : utf8::one<0x3000> {};
struct sp : star<sor<space, ideographic_space, comment>> {};

struct ideograph : utf8::ranges<0x3007, 0x3007, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2FFFF> {};
// Full-width twins of the ASCII punctuation code uses (U+FF08 （ U+FF09 ） U+FF0B ＋ U+FF0D －
// U+FF1D ＝ U+FF1C ＜ U+FF1E ＞).
struct left_paren : sor<one<'('>, utf8::one<0xFF08>> {};
struct right_paren : sor<one<')'>, utf8::one<0xFF09>> {};
struct minus_sign : sor<one<'-'>, utf8::one<0xFF0D>> {};
struct ident_first : sor<ranges<'a', 'z', 'A', 'Z', '_'>, ideograph> {};
struct ident_other : sor<ident_first, digit> {};
struct ident_word : seq<ident_first, star<ident_other>> {};

template <typename Word>
struct kw : seq<Word, not_at<ident_other>> {};

#define KAOHE_KEYWORD(name, text) struct kw_##name : kw<TAO_PEGTL_STRING(text)> {}
KAOHE_KEYWORD(scheme, "scheme");
KAOHE_KEYWORD(use, "use");
KAOHE_KEYWORD(record, "record");
KAOHE_KEYWORD(entity, "entity");
KAOHE_KEYWORD(input, "input");
KAOHE_KEYWORD(at, "at");
KAOHE_KEYWORD(key, "key");
KAOHE_KEYWORD(optional, "optional");
KAOHE_KEYWORD(nonempty, "nonempty");
KAOHE_KEYWORD(list, "list");
KAOHE_KEYWORD(of, "of");
KAOHE_KEYWORD(require, "require");
KAOHE_KEYWORD(else, "else");
KAOHE_KEYWORD(fn, "fn");
KAOHE_KEYWORD(value, "value");
KAOHE_KEYWORD(rank, "rank");
KAOHE_KEYWORD(by, "by");
KAOHE_KEYWORD(within, "within");
KAOHE_KEYWORD(asc, "asc");
KAOHE_KEYWORD(desc, "desc");
KAOHE_KEYWORD(grade, "grade");
KAOHE_KEYWORD(otherwise, "otherwise");
KAOHE_KEYWORD(quota, "quota");
KAOHE_KEYWORD(share, "share");
KAOHE_KEYWORD(per, "per");
KAOHE_KEYWORD(round, "round");
KAOHE_KEYWORD(order, "order");
KAOHE_KEYWORD(tie, "tie");
KAOHE_KEYWORD(excess, "excess");
KAOHE_KEYWORD(veto, "veto");
KAOHE_KEYWORD(when, "when");
KAOHE_KEYWORD(cap, "cap");
KAOHE_KEYWORD(flag, "flag");
KAOHE_KEYWORD(for, "for");
KAOHE_KEYWORD(in, "in");
KAOHE_KEYWORD(output, "output");
KAOHE_KEYWORD(as, "as");
KAOHE_KEYWORD(if, "if");
KAOHE_KEYWORD(then, "then");
KAOHE_KEYWORD(and, "and");
KAOHE_KEYWORD(or, "or");
KAOHE_KEYWORD(not, "not");
KAOHE_KEYWORD(true, "true");
KAOHE_KEYWORD(false, "false");
KAOHE_KEYWORD(weighted, "weighted");
KAOHE_KEYWORD(where, "where");
KAOHE_KEYWORD(variant, "variant");
KAOHE_KEYWORD(assert, "assert");
KAOHE_KEYWORD(param, "param");
KAOHE_KEYWORD(section, "section");
KAOHE_KEYWORD(points, "points");
KAOHE_KEYWORD(enum, "enum");
KAOHE_KEYWORD(belongs, "belongs");
KAOHE_KEYWORD(to, "to");
#undef KAOHE_KEYWORD

struct keyword : sor<kw_scheme, kw_use, kw_record, kw_entity, kw_input, kw_at, kw_key, kw_optional, kw_nonempty,
                     kw_list, kw_of, kw_require, kw_else, kw_fn, kw_value, kw_rank, kw_by, kw_within, kw_asc,
                     kw_desc, kw_grade, kw_otherwise, kw_quota, kw_share, kw_per, kw_round, kw_order, kw_tie,
                     kw_excess, kw_veto, kw_when, kw_cap, kw_flag, kw_for, kw_in, kw_output, kw_as,
                     kw_if, kw_then, kw_and, kw_or, kw_not, kw_true, kw_false, kw_weighted, kw_where,
                     kw_variant, kw_assert, kw_param, kw_section, kw_points, kw_enum, kw_belongs, kw_to> {};

struct identifier : seq<not_at<keyword>, ident_word> {};

// Names for the positions an error can point at.
struct scheme_name : identifier {};
struct module_name : seq<ident_word, star<one<'.'>, ident_word>> {};
struct record_name : identifier {};
struct entity_name : identifier {};
struct entity_ref : identifier {};
struct input_name : identifier {};
struct type_name : identifier {};
struct fn_name : identifier {};
struct param_name : identifier {};
struct value_name : identifier {};
struct rank_name : identifier {};
struct grade_name : identifier {};
struct grade_ref : identifier {};
struct loop_var : identifier {};
struct field_name : identifier {};
struct output_key : ident_word {};
struct output_kind : identifier {};

struct path_char : sor<alnum, one<'_', '-'>, ideograph> {};
struct json_path : seq<plus<path_char>, star<one<'.'>, plus<path_char>>> {};

struct percent_sign : sor<one<'%'>, utf8::one<0xFF05>> {};
struct number_lit : seq<plus<digit>, opt<one<'.'>, plus<digit>>, opt<percent_sign>> {};
struct signed_number : seq<opt<minus_sign>, number_lit> {};
struct ascii_string_body : until<one<'"'>, not_one<'\n'>> {};
struct cjk_string_body : until<utf8::one<0x201D>, not_one<'\n'>> {};
struct string_lit : sor<if_must<one<'"'>, ascii_string_body>, if_must<utf8::one<0x201C>, cjk_string_body>> {};

struct open_brace : one<'{'> {};
struct close_brace : one<'}'> {};
struct close_paren : right_paren {};
struct equals : sor<one<'='>, utf8::one<0xFF1D>> {};
struct colon : sor<one<':'>, utf8::one<0xFF1A>> {};
struct comma : sor<one<','>, utf8::one<0xFF0C>> {};

// ---------------------------------------------------------------- expressions
struct expr;

struct op_or : kw_or {};
struct op_and : kw_and {};
struct op_compare : sor<string<'>', '='>, string<'<', '='>, string<'!', '='>, one<'='>, one<'<'>, one<'>'>,
                        utf8::one<0x2265>, utf8::one<0x2264>, utf8::one<0x2260>,
                        seq<utf8::one<0xFF1E>, utf8::one<0xFF1D>>, seq<utf8::one<0xFF1C>, utf8::one<0xFF1D>>,
                        seq<utf8::one<0xFF01>, utf8::one<0xFF1D>>, utf8::one<0xFF1D, 0xFF1C, 0xFF1E>> {};
struct op_add : sor<one<'+', '-'>, utf8::one<0xFF0B, 0xFF0D>> {};
struct op_multiply : sor<one<'*', '/'>, utf8::one<0xD7, 0xF7, 0xFF0A, 0xFF0F>> {};  // also × ÷ ＊ ／

struct argument_list : seq<expr, star<sp, comma, sp, must<expr>>> {};
struct where_clause : if_must<kw_where, sp, expr> {};
struct argument : seq<expr, opt<sp, where_clause>> {};
struct call_arguments : seq<argument, star<sp, comma, sp, must<argument>>> {};
struct call : seq<identifier, sp, if_must<left_paren, sp, opt<call_arguments>, sp, close_paren>> {};
struct variable : identifier {};
struct paren_expr : if_must<left_paren, sp, expr, sp, close_paren> {};
// `else if` is a branch of its own, not an `if` nested in the else: a long ladder of branches
// stays one flat rule instead of nesting the grammar once per branch.
struct else_if : seq<kw_else, sp, kw_if, sp, must<expr, sp, kw_then, sp, expr>> {};
struct if_expr : if_must<kw_if, sp, expr, sp, kw_then, sp, expr, sp, star<else_if, sp>, kw_else, sp, expr> {};
// A weight is a percentage, written out or as the name of a `param`.
struct weight_name : identifier {};
struct weight : sor<number_lit, weight_name> {};
struct weighted_item : seq<weight, sp, must<expr>> {};
struct weighted_close : one<'}'> {};
struct weighted_expr : if_must<kw_weighted, sp, open_brace, sp, star<weighted_item, sp>, weighted_close> {};
struct boolean_lit : sor<kw_true, kw_false> {};
struct primary : sor<number_lit, string_lit, boolean_lit, if_expr, weighted_expr, call, variable, paren_expr> {};

struct field_access : if_must<one<'.'>, field_name> {};
struct postfix_expr : seq<primary, star<field_access>> {};
struct unary_expr;
struct negation : if_must<minus_sign, sp, unary_expr> {};
struct unary_expr : sor<negation, postfix_expr> {};
struct multiply_expr : seq<unary_expr, star<sp, op_multiply, sp, must<unary_expr>>> {};
struct add_expr : seq<multiply_expr, star<sp, op_add, sp, must<multiply_expr>>> {};
struct compare_expr : seq<add_expr, opt<sp, op_compare, sp, must<add_expr>>> {};
struct not_expr;
struct logical_not : if_must<kw_not, sp, not_expr> {};
struct not_expr : sor<logical_not, compare_expr> {};
struct and_expr : seq<not_expr, star<sp, op_and, sp, must<not_expr>>> {};
// The or-layer is `expr` itself: a rule derived from another is a different rule to the
// parse tree, and would not be selected.
struct expr : seq<and_expr, star<sp, op_or, sp, must<and_expr>>> {};

// ---------------------------------------------------------------- declarations
struct year_lit : plus<digit> {};
struct scheme_decl : if_must<kw_scheme, sp, scheme_name, opt<star<blank>, year_lit>> {};
struct module_path : string_lit {};  // use "./common.kh": a file beside the policy
struct module_ref : sor<module_path, module_name> {};
struct use_decl : if_must<kw_use, sp, module_ref> {};

struct list_type : if_must<kw_list, sp, kw_of, sp, type_name> {};
struct optional_mark : kw_optional {};
struct nonempty_mark : kw_nonempty {};
struct range_low : signed_number {};
struct range_high : signed_number {};
struct range_dots : string<'.', '.'> {};
struct range_clause : if_must<kw_in, sp, range_low, sp, range_dots, opt<star<blank>, range_high>> {};  // `in 0..` has no ceiling
struct input_type : seq<opt<optional_mark, sp>, opt<nonempty_mark, sp>, sor<list_type, type_name>,
                        opt<sp, range_clause>> {};
struct at_clause : if_must<kw_at, sp, json_path> {};
struct input_decl : if_must<kw_input, sp, input_name, sp, colon, sp, input_type, sp, at_clause> {};

struct require_message : string_lit {};
struct require_decl : if_must<kw_require, sp, expr, sp, opt<at_clause, sp>, kw_else, sp, require_message> {};
struct record_decl : if_must<kw_record, sp, record_name, sp, open_brace, sp,
                             star<sor<input_decl, require_decl>, sp>, close_brace> {};

struct entity_decl;
struct key_clause : if_must<kw_key, sp, json_path> {};
// at cities as 省辖市, direct_counties as 直管县: one entity read from several arrays, each
// optionally named by a condition that holds for the rows read from it.
struct array_flag : identifier {};
// Not `key`, so `at cities, key id` says the array after the comma is missing.
struct entity_array : seq<not_at<kw_key>, json_path, opt<sp, kw_as, sp, must<array_flag>>> {};
struct entity_at : if_must<kw_at, sp, entity_array, star<sp, comma, sp, must<entity_array>>> {};
// belongs to 县区 by county_id: a top-level entity joined to its parent by the parent's id.
struct parent_key : seq<kw_by, sp, json_path> {};
struct belongs_clause : if_must<kw_belongs, sp, kw_to, sp, entity_ref, sp, parent_key> {};
struct entity_decl : if_must<kw_entity, sp, entity_name, sp, entity_at, sp, key_clause, sp, opt<belongs_clause, sp>,
                             open_brace, sp, star<sor<input_decl, require_decl, entity_decl>, sp>, close_brace> {};

struct param : seq<param_name, sp, must<colon>, sp, must<input_type>> {};
struct param_list : seq<param, star<sp, comma, sp, must<param>>> {};
struct open_paren : left_paren {};
struct fn_decl : if_must<kw_fn, sp, fn_name, sp, open_paren, sp, opt<param_list>, sp, close_paren, sp, equals, sp,
                         expr> {};

struct of_clause : if_must<kw_of, sp, entity_ref> {};
// An indicator's points (`points 15`, before the =) and, on the lines after it, its metadata:
// `article "第五条(一)1" dept "省扶贫办" source "统计年报"`. A metadata item is any name followed
// by a text or a number, so the checker can say which key is unknown or that a value is no text.
struct points_number : signed_number {};
struct points_clause : if_must<kw_points, sp, points_number> {};
struct meta_key : identifier {};
// An unquoted word (`article 第六条`) is read too, so the checker can ask for quotes instead of
// the parser stopping the whole file.
struct meta_word : plus<not_one<' ', '\t', '\r', '\n', '#', '"'>> {};
struct meta_value : sor<string_lit, meta_word> {};
struct meta_item : seq<meta_key, sp, meta_value> {};
struct metadata : seq<meta_item, star<sp, meta_item>> {};
struct value_decl : if_must<kw_value, sp, value_name, sp, opt<of_clause, sp>, opt<points_clause, sp>, equals, sp, expr,
                            opt<sp, metadata>> {};

// section 减贫成效 of 县 points 40: A1减贫人数, A2贫困村退出, A3收入增长 — a value that is the sum
// of its members, whose points the checker adds up against the declared ones.
struct section_name : identifier {};
struct section_member : identifier {};
struct section_members : seq<section_member, star<sp, comma, sp, must<section_member>>> {};
struct section_decl : if_must<kw_section, sp, section_name, sp, opt<of_clause, sp>, opt<points_clause, sp>, colon, sp,
                              section_members, opt<sp, metadata>> {};

struct direction : sor<kw_asc, kw_desc> {};
struct within_clause : if_must<kw_within, sp, entity_ref> {};
struct rank_decl : if_must<kw_rank, sp, rank_name, sp, of_clause, sp, kw_by, sp, expr, opt<sp, direction>,
                           opt<sp, within_clause>> {};

struct band_label : sor<string_lit, identifier> {};
struct threshold_name : identifier {};  // a `param`
struct band_threshold : sor<signed_number, threshold_name> {};
struct band_bound : seq<op_compare, sp, must<band_threshold>> {};
struct band_condition : sor<kw_otherwise, band_bound> {};
struct band : seq<band_label, sp, must<band_condition>> {};
struct rounding_mode : identifier {};
struct order_key : seq<expr, opt<sp, direction>> {};
struct order_keys : seq<order_key, star<sp, comma, sp, must<order_key>>> {};
struct tie_flag : string_lit {};
struct excess_flag : string_lit {};
// `per 县区`: the pools the places are counted in; without it, every graded row is one pool.
struct pool_clause : if_must<kw_per, sp, entity_ref> {};
struct quota_clause : if_must<kw_quota, sp, band_label, sp, kw_share, sp, expr, sp, opt<pool_clause, sp>,
                              kw_round, sp, rounding_mode, sp, kw_order, sp, order_keys, sp, kw_tie, sp, kw_flag, sp,
                              tie_flag, sp, kw_excess, sp, kw_flag, sp, excess_flag> {};
struct grade_decl : if_must<kw_grade, sp, grade_name, sp, of_clause, sp, kw_by, sp, expr, sp, open_brace, sp,
                            star<sor<quota_clause, band>, sp>, close_brace> {};

struct flag_text : string_lit {};
struct for_clause : if_must<kw_for, sp, loop_var, sp, kw_in, sp, expr> {};
struct flag_item : if_must<kw_flag, sp, flag_text, opt<sp, for_clause>> {};
struct cap_item : if_must<kw_cap, sp, grade_ref, sp, kw_at, sp, band_label> {};
struct when_clause : if_must<kw_when, sp, expr> {};
struct veto_decl : if_must<kw_veto, sp, of_clause, sp, when_clause, sp, open_brace, sp,
                           star<sor<cap_item, flag_item>, sp>, close_brace> {};
struct flag_name : identifier {};
struct flag_decl : if_must<kw_flag, sp, sor<flag_text, flag_name>, sp, of_clause, sp, when_clause> {};

// `components 减贫成效: A1, A2` is one named group of components (a nested object in JSON).
struct output_group : identifier {};
struct output_item : seq<output_key, opt<sp, output_group>, sp, must<colon>, sp, must<argument_list>> {};
struct output_decl : if_must<kw_output, sp, entity_ref, sp, kw_as, sp, output_kind, sp, open_brace, sp,
                             star<output_item, sp>, close_brace> {};

struct variant_name : identifier {};
struct variant_decl : if_must<kw_variant, sp, variant_name, sp, when_clause, sp, open_brace, sp,
                              star<value_decl, sp>, close_brace> {};

struct assert_scope : if_must<kw_in, sp, variant_name> {};
struct assert_message : string_lit {};
struct assert_decl : if_must<kw_assert, sp, opt<assert_scope, sp>, colon, sp, expr, sp, kw_else, sp,
                             assert_message> {};

// enum 满意程度 { 满意, 基本满意, 不满意 }: a text type with a fixed set of values; commas optional.
struct enum_name : identifier {};
struct enum_value : sor<string_lit, identifier> {};
struct enum_values : seq<enum_value, star<sp, sor<seq<comma, sp, must<enum_value>>, enum_value>>> {};
struct enum_decl : if_must<kw_enum, sp, enum_name, sp, open_brace, sp, enum_values, sp, close_brace> {};

// param 实绩权重 = 45% at 实施方案.实绩权重: a named number with its default, which the data
// (at the optional path) or a parameters file may replace for one run.
struct parameter_name : identifier {};
struct parameter_default : signed_number {};
struct parameter_decl : if_must<kw_param, sp, parameter_name, sp, equals, sp, parameter_default,
                                opt<sp, at_clause>> {};

struct declaration : sor<scheme_decl, use_decl, parameter_decl, record_decl, entity_decl, input_decl, require_decl,
                         fn_decl, value_decl, section_decl, rank_decl, grade_decl, veto_decl, flag_decl, output_decl,
                         variant_decl, assert_decl, enum_decl> {};
struct end_of_declaration : eof {};
// One top-level chunk of the file (see parser.cpp): a declaration and nothing after it.
struct chunk : seq<sp, must<declaration>, sp, must<end_of_declaration>> {};

}  // namespace kaohe::grammar
