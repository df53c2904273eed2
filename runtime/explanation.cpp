#include "runtime/explanation.hpp"

#include <algorithm>

#include "runtime/explanation_builder.hpp"
#include "runtime/what_if.hpp"

namespace kaohe {

void EvaluationRecord::on_band(const Step& step, std::uint32_t row, const Rational& score, BandIndex band_by_score,
                               BandIndex band_after_caps) {
    auto& rows = bands[step.symbol];
    if (rows.size() <= row) rows.resize(row + 1);
    rows[row] = {score, band_by_score, band_after_caps};
}

void EvaluationRecord::on_quota(const QuotaDecision& decision) {
    cuts[decision.grade_symbol].push_back({decision.quota, decision.pool_row, decision.pool_size, *decision.share,
                                           *decision.exact_slots, decision.slots,
                                           {decision.ranked.begin(), decision.ranked.end()}, decision.tie_begin,
                                           decision.tie_end});
}

namespace detail {
namespace {

// 第九条 out of the comments on a declaration: "第九条: 综合得分 = …" and "第八条 5" cite it at the
// start; otherwise the first 第…条 anywhere ("按第十二条…").
std::string article_in(const std::vector<std::string>& comments) {
    for (std::string_view text : comments) {
        while (!text.empty() && (text.front() == '#' || text.front() == ' ')) text.remove_prefix(1);
        std::size_t start = text.find("第");
        if (start == std::string_view::npos) continue;
        std::size_t end = text.find("条", start);
        if (end == std::string_view::npos || end - start > 18) continue;
        end += std::string_view("条").size();
        if (start == 0) {  // keep a clause number after it: 第八条 1, 第五条(一)
            std::size_t colon = std::min(text.find(':'), text.find("："));
            if (colon != std::string_view::npos && colon - end <= 12) end = colon;
            else if (colon == std::string_view::npos && text.size() - end <= 12) end = text.size();
        }
        std::string_view article = text.substr(start, end - start);
        while (!article.empty() && article.back() == ' ') article.remove_suffix(1);
        return std::string(article);
    }
    return "";
}

std::string number_shown(const Rational& number) {
    return number.has_finite_decimal() ? number.to_exact_text() : number.to_string(0, 6) + "…";
}

std::string percent_shown(const Rational& fraction) { return number_shown(fraction * Rational(100)) + "%"; }

}  // namespace

Place place_up(const Program& program, const Tables& tables, Place from, int levels_up) {
    if (levels_up < 0) return {};
    for (int up = 0; up < levels_up; ++up) {
        from.row = tables.entities[from.entity].parent_row[from.row];
        from.entity = program.entities[from.entity].parent;
    }
    return from;
}

ExplanationBuilder::ExplanationBuilder(const Run& run, const EvaluationRecord& record, EntityId entity, std::uint32_t row)
    : program(run.policy().program), plan(run.policy().plan), tables(run.tables()), state(run.state()),
      sources(run.policy().sources), record(record), evaluator(plan, state, tables), explained{entity, row} {
    for (const ValueDefinition& value : program.values) definitions_[value.symbol] = value.expr.get();
}

const CheckedExpr* ExplanationBuilder::definition(SymbolId symbol) const {
    auto found = definitions_.find(symbol);
    return found == definitions_.end() ? nullptr : found->second;
}

// An expression's span ends with its last operand, so `a + (if … else 0)` stops before the closing
// parenthesis that belongs to it: take the closers that balance the text's openers.
std::string ExplanationBuilder::formula(const CheckedExpr& expr) const {
    const SourceFile& file = sources.file(expr.span.file);
    Span span = expr.span;
    std::string_view text = file.slice(span);
    auto open = std::count(text.begin(), text.end(), '(') - std::count(text.begin(), text.end(), ')');
    const std::string& all = file.text();
    for (std::uint32_t at = span.end; open > 0 && at < all.size(); ++at) {
        if (all[at] == ')') {
            --open;
            span.end = at + 1;
        } else if (all[at] != ' ' && all[at] != '\t' && all[at] != '\n' && all[at] != '\r')
            break;
    }
    return one_line(file.slice(span));
}

RuleSource ExplanationBuilder::source(Span declaration, const Symbol* symbol, const CheckedExpr* formula_expr) const {
    const SourceFile& file = sources.file(declaration.file);
    RuleSource source{file.name(), file.position(declaration.begin).line, {}, {}, {}};
    if (symbol) {
        source.comments = symbol->comments;
        source.article = symbol->info.article.empty() ? article_in(symbol->comments) : symbol->info.article;
    }
    if (source.article.empty()) {  // a rule without a name to hang comments on: `flag … # 第十九条`
        std::string_view line = file.line_text(source.line);
        if (std::size_t hash = line.find('#'); hash != std::string_view::npos)
            source.article = article_in({std::string(line.substr(hash))});
    }
    if (formula_expr) source.formula = formula(*formula_expr);
    return source;
}

std::string ExplanationBuilder::id_of(Place place) const {
    if (!place.entity) return "方案";
    return program.entities[place.entity].name + " " + tables.entities[place.entity].ids[place.row];
}

const Value& ExplanationBuilder::stored(SymbolId symbol, Place place) const {
    int column = plan.column_of_symbol[symbol];
    return place.entity ? tables.entities[place.entity].columns[column][place.row] : tables.scheme_slots[column];
}

namespace {

// A value as a reviewer reads it: exact numbers (a repeating one to six places and …), 是/否,
// a list in brackets, a record by its field names.
std::string shown(const Program& program, const Value& value, const Type& type) {
    switch (value.kind()) {
    case Value::Kind::number: return number_shown(value.number());
    case Value::Kind::boolean: return value.boolean() ? "是" : "否";
    case Value::Kind::text: return std::string(value.text());
    case Value::Kind::list: {
        std::string out = "[";
        const auto& items = value.elements();
        for (std::size_t i = 0; i < items.size() && i < 12; ++i)
            out += (i ? ", " : "") + shown(program, items[i], Type{});
        if (items.size() > 12) out += ", … 共 " + std::to_string(items.size()) + " 项";
        return out + "]";
    }
    case Value::Kind::record: {
        std::string out = "{";
        const auto& items = value.elements();
        bool named = type.base == BaseType::record && type.record;
        for (std::size_t i = 0; i < items.size(); ++i) {
            out += i ? ", " : "";
            if (named) out += program.records[type.record].fields[FieldIndex(i)].name + ": ";
            out += shown(program, items[i], Type{});
        }
        return out + "}";
    }
    default: return "(空)";
    }
}

bool is_rounding(const CheckedExpr& e) {
    return e.op == ExprOp::builtin && (e.builtin == Builtin::round2 || e.builtin == Builtin::round_half_up ||
                                       e.builtin == Builtin::floor || e.builtin == Builtin::ceil);
}

std::string rounding_words(const CheckedExpr& e, const std::string& places) {
    switch (e.builtin) {
    case Builtin::round2: return "round2 四舍五入到两位小数";
    case Builtin::round_half_up: return "round_half_up 四舍五入到 " + places + " 位小数";
    case Builtin::floor: return "floor 向下取整";
    default: return "ceil 向上取整";
    }
}

}  // namespace

Derivation ExplanationBuilder::symbol(SymbolId id, Place from, int levels_up, int depth) {
    const Symbol& symbol = program.symbols[id];
    Place place = place_up(program, tables, from, levels_up);
    Derivation d;
    d.name = symbol.name;
    d.kind = symbol.kind;
    if (place.entity != explained.entity || place.row != explained.row) d.owner = id_of(place);
    d.value = stored(id, place);
    d.shown = shown(program, d.value, symbol.type);
    if (d.value.kind() == Value::Kind::number && symbol.scale == Scale::fraction)
        d.shown = percent_shown(d.value.number());
    if (d.value.kind() == Value::Kind::number) d.exact = d.value.number();
    // Once per field: a value read twice (a quota key that is also a weighted term) is shown once.
    bool first = shown_.insert({id, place.entity, place.row}).second;
    if (symbol.kind == SymbolKind::input) {
        const InputSpec& spec = program.inputs[symbol.input];
        d.source = source(symbol.span, &symbol, nullptr);
        bool parameter = spec.default_value.has_value();
        d.path = place.entity ? row_path(program, tables, place.entity, place.row) + "." + spec.json_key
                              : (spec.json_key.empty() ? "" : "$." + spec.json_key);
        if (parameter) {
            bool fraction = spec.number_kind == NumberKind::fraction || symbol.scale == Scale::fraction;
            std::string by_default = fraction ? percent_shown(*spec.default_value) : number_shown(*spec.default_value);
            d.note = d.value.number() == *spec.default_value
                         ? "参数, 取方案默认值"
                         : "参数, 方案默认值 " + by_default + ", 本次由数据、--params 或 --set 给出";
            if (fraction) d.shown = percent_shown(d.value.number());
        }
        return d;
    }
    if (!first || depth > 12) {
        d.source = source(symbol.span, &symbol, nullptr);
        return d;
    }
    switch (symbol.kind) {
    case SymbolKind::grade: grade(d, id, place, depth); break;
    case SymbolKind::rank: rank(d, id, place, depth); break;
    default: value(d, id, place, depth); break;
    }
    return d;
}

void ExplanationBuilder::value(Derivation& d, SymbolId id, Place place, int depth) {
    const Symbol& declared = program.symbols[id];
    const CheckedExpr* expr = definition(id);
    if (!expr) return;
    Context context{place.entity, place.row, nullptr};
    // A variant replaces a definition by `if <variant holds> then <its formula> else <the usual>`:
    // show the formula that applied, where it is written.
    while (expr->op == ExprOp::conditional && expr->variant) {
        bool holds = evaluator.condition(*expr->args[0], context);
        if (holds) d.variant = program.variants[expr->variant].name;
        expr = expr->args[holds ? 1 : 2].get();
    }
    d.source = source(d.variant.empty() ? declared.span : expr->span, &declared, expr);
    if (is_rounding(*expr)) {
        d.unrounded = evaluator.number(*expr->args[0], context);
        std::string places = expr->args.size() > 1 ? number_shown(evaluator.number(*expr->args[1], context)) : "";
        d.rounding = rounding_words(*expr, places);
    }
    for (const CheckedExpr* branch = expr; branch->op == ExprOp::conditional && !branch->variant;) {
        if (evaluator.condition(*branch->args[0], context)) {
            d.branch_condition = formula(*branch->args[0]);
            d.branch_chosen = formula(*branch->args[1]);
            break;
        }
        branch = branch->args[2].get();
        if (branch->op != ExprOp::conditional) d.branch_chosen = formula(*branch);
    }
    if (const CheckedExpr* weighted = find_weighted(*expr)) {
        const Weighting& weighting = state.weightings[weighted->weighting];
        for (std::size_t i = 0; i < weighted->args.size(); ++i) {
            const CheckedExpr& term = *weighted->args[i];
            WeightedTerm t{formula(term), "", weighting.weights[i], evaluator.number(term, context), {}, {}};
            t.contribution = t.weight * t.value;
            if (i < weighting.parameters.size() && weighting.parameters[i])
                t.weight_parameter = program.symbols[weighting.parameters[i]].name;
            if (term.op == ExprOp::symbol) t.detail.push_back(symbol(term.symbol, place, term.levels_up, depth + 1));
            else reads(term, place, depth, d, false);
            d.terms.push_back(std::move(t));
        }
    }
    reads(*expr, place, depth, d, true);
}

void ExplanationBuilder::reads(const CheckedExpr& e, Place place, int depth, Derivation& into, bool skip_weighted) {
    auto add = [&](Derivation read) {
        for (const Derivation& existing : into.reads)
            if (existing.name == read.name && existing.owner == read.owner) return;
        into.reads.push_back(std::move(read));
    };
    switch (e.op) {
    case ExprOp::symbol:
        add(symbol(e.symbol, place, e.levels_up, depth + 1));
        return;
    case ExprOp::weighted:
        if (skip_weighted) return;
        break;
    case ExprOp::collection: {
        // What the rows below contributed, as one list: 县.加权分 = [ … ].
        Derivation list;
        list.name = formula(e) + (e.filter ? " where " + formula(*e.filter) : "");
        list.owner = program.entities[e.type.entity].name + " 各行";
        Context context{place.entity, place.row, nullptr};
        if (e.element) {
            list.value = evaluator.evaluate(e, context);
            list.shown = shown(program, list.value, Type{});
        }
        else {  // count(县区), any(县 where …): the rows themselves, counted
            auto [begin, end] = evaluator.rows_below(e.type.entity, context);
            std::int64_t rows = 0;
            for (std::uint32_t row = begin; row < end; ++row)
                rows += !e.filter || evaluator.condition(*e.filter, Context{e.type.entity, row, nullptr});
            list.value = Value::of_number(Rational(rows));
            list.shown = std::to_string(rows) + " 行" + (e.filter ? " (共 " + std::to_string(end - begin) + " 行)" : "");
        }
        add(std::move(list));
        return;
    }
    case ExprOp::function: {
        // A function's body sees only its arguments and scheme-level names (parameters).
        std::vector<const CheckedExpr*> pending{program.functions[e.function].body.get()};
        while (!pending.empty()) {
            const CheckedExpr* body = pending.back();
            pending.pop_back();
            if (!body) continue;
            if (body->op == ExprOp::symbol && body->levels_up < 0) add(symbol(body->symbol, {}, -1, depth + 1));
            if (body->op == ExprOp::function) pending.push_back(program.functions[body->function].body.get());
            for (const auto& arg : body->args) pending.push_back(arg.get());
        }
        break;
    }
    default: break;
    }
    for (const auto& arg : e.args)
        if (arg) reads(*arg, place, depth, into, skip_weighted);
}

}  // namespace detail

Explanation explain(const Run& run, const EvaluationRecord& record, EntityId entity, std::uint32_t row,
                    const ResultRow* result) {
    detail::ExplanationBuilder builder(run, record, entity, row);
    const Program& program = builder.program;
    Explanation explanation{program.entities[entity].name, run.tables().entities[entity].ids[row],
                            row_path(program, run.tables(), entity, row), result, {}, {}, {}};
    auto derive = [&](const CheckedExpr& expr, const std::string& name) {
        if (expr.op == ExprOp::symbol) return builder.symbol(expr.symbol, builder.explained, expr.levels_up, 0);
        Derivation d;  // an output field written as an expression, not a name
        d.name = name;
        d.value = builder.evaluator.evaluate(expr, Context{entity, row, nullptr});
        d.source = builder.source(expr.span, nullptr, &expr);
        return d;
    };
    const Output* output = nullptr;
    for (const Output& candidate : program.outputs)
        if (candidate.entity == entity) output = &candidate;
    if (output) {
        for (const OutputField& field : output->fields) {
            if (field.key == "components") {
                for (std::size_t i = 0; i < field.values.size(); ++i)
                    explanation.components.emplace_back(field.names[i], derive(*field.values[i], field.names[i]));
                continue;
            }
            explanation.fields.emplace_back(field.key, derive(*field.values.front(), field.key));
        }
    }
    else {
        // No output shows this entity: every value, rank and grade it defines, in policy order.
        for (SymbolId symbol : program.symbols.ids()) {
            const Symbol& s = program.symbols[symbol];
            if (s.entity != entity || s.kind == SymbolKind::input || s.kind == SymbolKind::veto_condition ||
                s.kind == SymbolKind::requirement)
                continue;
            explanation.fields.emplace_back(s.name, builder.symbol(symbol, builder.explained, 0, 0));
        }
    }
    explanation.flags = builder.flags();
    return explanation;
}

}  // namespace kaohe
