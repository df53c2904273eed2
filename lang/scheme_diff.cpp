#include "lang/scheme_diff.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "lang/ast_printer.hpp"

namespace kaohe {
namespace {

struct Facet {
    std::string label;  // unique within its entry: "权重项 实绩得分", "等次 优秀"
    std::string text;
    std::uint32_t line = 0;
    std::string kind = {};  // the change's kind when not the entry's: a band is a threshold
    std::string shown = {};  // how it reads in the file, when `text` is a normalised form
};

struct Entry {
    std::string kind;
    std::string name;
    std::uint32_t line = 0;
    std::string definition;  // everything but the name: equal definitions make a rename
    std::vector<Facet> facets;
    bool renamable = true;   // a name that others refer to, or a rule's text
    std::string symbol = {};  // the name formulas use, when `name` is qualified (县.名称)
};

const std::string& symbol_of(const Entry& e) { return e.symbol.empty() ? e.name : e.symbol; }

std::string number_text(const Rational& value, bool percent) {
    return percent ? (value * Rational(100)).to_string() + "%" : value.to_string();
}

// A formula as printed, with each weighted block's terms left out: they are facets of their own,
// so a moved weight is reported once, as a weight.
std::string formula_text(const ast::Expr& expr) {
    std::string text = ast::print(expr), out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 9, "weighted{") != 0) {
            out += text[i++];
            continue;
        }
        int depth = 0;
        std::size_t j = i + 8;
        for (; j < text.size(); ++j) {
            if (text[j] == '{') ++depth;
            else if (text[j] == '}' && --depth == 0) break;
        }
        out += "weighted{…}";
        i = j + 1;
    }
    return out;
}

void weighted_items(const ast::Expr& expr, std::vector<const ast::WeightedItem*>& items) {
    for (const ast::WeightedItem& item : expr.items) items.push_back(&item);
    for (const auto& operand : expr.operands)
        if (operand) weighted_items(*operand, items);
}

std::string type_text(const ast::TypeRef& type) {
    std::string text = std::string(type.optional ? "optional " : "") + (type.nonempty ? "nonempty " : "") +
                       (type.list ? "list of " : "") + type.name;
    if (type.low) text += " in " + type.low->to_string() + ".." + (type.high ? type.high->to_string() : "");
    return text;
}

std::string entity_text(const ast::EntityRef& of) { return of.name.empty() ? "方案" : of.name; }

class Collector {
public:
    Collector(const SourceFile& source, const std::map<std::string, std::string>& parameter_roles)
        : source_(source), roles_(parameter_roles) {}

    std::vector<Entry> collect(const ast::Module& m) {
        add({"scheme", "", line(m.scheme_span), "", {{"名称", m.scheme_name, line(m.scheme_span)}, {"年度", m.scheme_version, line(m.scheme_span)}}, false});
        for (const auto& use : m.uses) add({"module", use.module, line(use.span), use.module, {}, false});
        for (const auto& p : m.parameters) parameter(p);
        for (const auto& input : m.inputs) this->input(input, "");
        for (const auto& e : m.entities) entity(e);
        for (const auto& r : m.records) record(r);
        for (const auto& e : m.enums) {
            std::string values;
            for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + v;
            add({"enum", e.name, line(e.name_span), values, {{"取值", values, line(e.name_span)}}});
        }
        for (const auto& f : m.functions) function(f);
        for (const auto& v : m.values) value(v, "", "");
        for (const auto& r : m.ranks) rank(r);
        for (const auto& g : m.grades) grade(g);
        for (const auto& v : m.vetoes) veto(v);
        for (const auto& f : m.flags) flag(f);
        for (const auto& o : m.outputs) output(o);
        for (const auto& r : m.requirements) requirement(r, "方案");
        for (const auto& a : m.asserts)
            add({"assert", a.message, line(a.span), text(a.condition),
                 {{"条件", text(a.condition), line(a.span), {}, written(a.condition)}}, false});
        for (const auto& v : m.variants) variant(v);
        return std::move(entries_);
    }

private:
    std::uint32_t line(Span span) const { return source_.position(span.begin).line; }

    // An expression as written, on one line.
    std::string written(const ast::ExprPtr& expr) const { return expr ? one_line(source_.slice(expr->span)) : ""; }
    static std::string text(const ast::ExprPtr& expr) { return expr ? ast::print(*expr) : ""; }
    void add(Entry entry) { entries_.push_back(std::move(entry)); }

    static std::string definition(const std::vector<Facet>& facets) {
        std::string d;
        for (const Facet& f : facets) d += f.label + "=" + f.text + ";";
        return d;
    }

    void parameter(const ast::ParameterDecl& p) {
        auto role = roles_.find(p.name);
        std::vector<Facet> facets{{"默认值", number_text(p.default_value, p.percent), line(p.default_span)}};
        if (!p.path.empty()) facets.push_back({"数据路径", p.path, line(p.path_span)});
        add({role == roles_.end() ? "parameter" : role->second, p.name, line(p.name_span), definition(facets), facets});
    }

    void input(const ast::InputDecl& i, const std::string& owner) {
        std::vector<Facet> facets{{"类型", type_text(i.type), line(i.name_span)}, {"数据路径", i.path, line(i.path_span)}};
        // qualified by its entity: 市 and 县 may both have a 名称
        add({"input", owner.empty() ? i.name : owner + "." + i.name, line(i.name_span), definition(facets), facets, true, i.name});
    }

    void requirement(const ast::Requirement& r, const std::string& owner) {
        add({"requirement", r.message, line(r.span), text(r.condition),
             {{"条件", text(r.condition), line(r.span), {}, written(r.condition)}, {"所属", owner, line(r.span)}}, false});
    }

    void entity(const ast::EntityDecl& e) {
        std::string arrays;
        for (const auto& a : e.arrays) arrays += (arrays.empty() ? "" : ", ") + a.path + (a.flag.empty() ? "" : " as " + a.flag);
        std::vector<Facet> facets{{"数组", arrays, line(e.name_span)}, {"编号", e.key_path, line(e.name_span)}};
        if (!e.parent.empty()) facets.push_back({"上级", e.parent + " by " + e.parent_key, line(e.parent_span)});
        add({"entity", e.name, line(e.name_span), definition(facets), facets});
        for (const auto& i : e.inputs) input(i, e.name);
        for (const auto& r : e.requirements) requirement(r, e.name);
        for (const auto& child : e.children) entity(child);
    }

    void record(const ast::RecordDecl& r) {
        std::vector<Facet> facets;
        for (const auto& f : r.fields) facets.push_back({"字段 " + f.name, type_text(f.type) + " at " + f.path, line(f.name_span)});
        for (const auto& q : r.requirements) facets.push_back({"要求 " + q.message, text(q.condition), line(q.span)});
        add({"record", r.name, line(r.name_span), definition(facets), facets});
    }

    void function(const ast::FunctionDecl& f) {
        std::string params;
        for (const auto& p : f.params) params += (params.empty() ? "" : ", ") + p.name + ": " + type_text(p.type);
        std::vector<Facet> facets{{"参数", params, line(f.name_span)}, {"定义", text(f.body), line(f.name_span), {}, written(f.body)}};
        add({"function", f.name, line(f.name_span), definition(facets), facets});
    }

    void value(const ast::ValueDecl& v, const std::string& variant, const std::string& label_prefix) {
        std::vector<Facet> facets{{label_prefix + "所属", entity_text(v.of), line(v.name_span)}};
        if (v.section) {
            std::string members;
            for (const auto& m : v.members) members += (members.empty() ? "" : ", ") + m.name;
            facets.push_back({label_prefix + "组成", members, line(v.name_span)});
        }
        else if (v.expr) {
            facets.push_back({label_prefix + "公式", formula_text(*v.expr), line(v.expr->span), {}, written(v.expr)});
            std::vector<const ast::WeightedItem*> items;
            weighted_items(*v.expr, items);
            for (const ast::WeightedItem* item : items)
                facets.push_back({label_prefix + "权重项 " + text(item->expr),
                                  item->weight_name.empty() ? number_text(item->weight, item->percent) : item->weight_name,
                                  line(item->weight_span), "weight"});
        }
        if (v.points) facets.push_back({label_prefix + "满分", v.points->to_string(), line(v.points_span)});
        for (const auto& meta : v.metadata) facets.push_back({label_prefix + meta.key, meta.text, line(meta.key_span)});
        if (variant.empty()) add({"indicator", v.name, line(v.name_span), definition(facets), facets});
        else pending_variant_.insert(pending_variant_.end(), facets.begin(), facets.end());
    }

    void rank(const ast::RankDecl& r) {
        std::vector<Facet> facets{{"所属", entity_text(r.of), line(r.name_span)},
                                  {"依据", text(r.by) + (r.descending ? " desc" : " asc"), line(r.name_span), {},
                                   written(r.by) + (r.descending ? " desc" : " asc")}};
        if (!r.within.name.empty()) facets.push_back({"范围", r.within.name, line(r.within.span)});
        add({"rank", r.name, line(r.name_span), definition(facets), facets});
    }

    void grade(const ast::GradeDecl& g) {
        std::vector<Facet> facets{{"所属", entity_text(g.of), line(g.name_span)}, {"依据", text(g.by), line(g.name_span), {}, written(g.by)}};
        std::string order;
        for (const auto& b : g.bands) {
            order += (order.empty() ? "" : " > ") + b.label;
            std::string threshold = b.threshold_name.empty() ? b.threshold.to_string() : b.threshold_name;
            facets.push_back({b.label,
                              b.edge == ast::BandEdge::otherwise ? "otherwise"
                              : b.edge == ast::BandEdge::at_least ? ">= " + threshold
                                                                  : "> " + threshold,
                              line(b.span), "threshold"});
        }
        facets.push_back({"等次顺序", order, line(g.name_span)});
        for (const auto& q : g.quotas) {
            std::string key = "名额 " + q.band + (q.pool.name.empty() ? "" : " per " + q.pool.name);
            std::uint32_t at = line(q.span);
            const char* rounding = q.rounding == ast::Rounding::floor ? "floor" : q.rounding == ast::Rounding::ceil ? "ceil" : "half_up";
            std::string order_keys;
            for (const auto& k : q.order) order_keys += (order_keys.empty() ? "" : ", ") + text(k.expr) + (k.descending ? " desc" : " asc");
            facets.push_back({key + " 比例", text(q.share), at, "quota"});
            facets.push_back({key + " 取整", rounding, at, "quota"});
            facets.push_back({key + " 排序", order_keys, at, "quota"});
            facets.push_back({key + " 并列标记", q.tie_flag, at, "quota"});
            facets.push_back({key + " 超出标记", q.excess_flag, at, "quota"});
        }
        add({"grade", g.name, line(g.name_span), definition(facets), facets});
    }

    void veto(const ast::VetoDecl& v) {
        std::vector<Facet> facets;
        for (const auto& cap : v.caps) facets.push_back({"封顶 " + cap.grade, cap.band, line(cap.layout.span)});
        std::string flags;
        for (const auto& f : v.flags) flags += (flags.empty() ? "" : ", ") + f.text;
        facets.push_back({"标记", flags, line(v.span)});
        facets.push_back({"条件", text(v.when), line(v.span), {}, written(v.when)});
        add({"veto", "of " + entity_text(v.of) + " when " + written(v.when), line(v.span), definition(facets), facets, false});
    }

    void flag(const ast::FlagDecl& f) {
        std::vector<Facet> facets{{"所属", entity_text(f.of), line(f.layout.span)}, {"条件", text(f.when), line(f.layout.span), {}, written(f.when)}};
        if (f.flag.loop_list) facets.push_back({"逐项", f.flag.loop_var + " in " + text(f.flag.loop_list), line(f.flag.span)});
        add({"rule", f.flag.text, line(f.layout.span), definition(facets), facets});
    }

    void output(const ast::OutputDecl& o) {
        std::vector<Facet> facets{{"所属", entity_text(o.of), line(o.kind_span)}};
        for (const auto& item : o.items) {
            std::string values;
            for (const auto& v : item.values) values += (values.empty() ? "" : ", ") + text(v);
            facets.push_back({(item.group.empty() ? item.key : item.key + " " + item.group), values, line(item.key_span)});
        }
        add({"output", o.kind, line(o.kind_span), definition(facets), facets, false});
    }

    void variant(const ast::VariantDecl& v) {
        pending_variant_ = {{"条件", text(v.when), line(v.name_span), {}, written(v.when)}};
        for (const auto& value : v.values) this->value(value, v.name, value.name + " ");
        add({"variant", v.name, line(v.name_span), definition(pending_variant_), std::move(pending_variant_)});
    }

    const SourceFile& source_;
    const std::map<std::string, std::string>& roles_;
    std::vector<Entry> entries_;
    std::vector<Facet> pending_variant_;
};

void names_in(const ast::Expr& expr, std::vector<std::string>& names) {
    if (expr.kind == ast::ExprKind::name) names.push_back(expr.text);
    for (const auto& operand : expr.operands)
        if (operand) names_in(*operand, names);
    for (const auto& filter : expr.filters)
        if (filter) names_in(*filter, names);
    for (const auto& item : expr.items) {
        if (!item.weight_name.empty()) names.push_back(item.weight_name);
        if (item.expr) names_in(*item.expr, names);
    }
}

// What each `param` is used as, so its change reads "权重", "分数线" or "名额" rather than
// "参数". A quota's share may be a value computed from parameters (Longnan's 优秀比例 chooses
// among three): every parameter it reaches through values counts as a share.
void note_roles(const ast::Module& m, std::map<std::string, std::string>& roles) {
    std::vector<const ast::WeightedItem*> items;
    for (const auto& v : m.values)
        if (v.expr) weighted_items(*v.expr, items);
    for (const auto* item : items)
        if (!item->weight_name.empty()) roles[item->weight_name] = "weight";
    for (const auto& g : m.grades) {
        for (const auto& b : g.bands)
            if (!b.threshold_name.empty()) roles[b.threshold_name] = "threshold";
        for (const auto& q : g.quotas) {
            std::map<std::string, const ast::Expr*> values;
            for (const auto& v : m.values)
                if (v.expr) values[v.name] = v.expr.get();
            std::vector<std::string> pending;
            if (q.share) names_in(*q.share, pending);
            std::set<std::string> seen;
            while (!pending.empty()) {
                std::string name = pending.back();
                pending.pop_back();
                if (!seen.insert(name).second) continue;
                if (auto value = values.find(name); value != values.end()) names_in(*value->second, pending);
                else if (!roles.count(name)) roles[name] = "quota";
            }
        }
    }
}

bool is_name_char(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_'; }

// text with each whole name of `renames` replaced: a name is a run of letters, digits, _ and
// non-ASCII characters, which is how printed formulas delimit them.
std::string rename_names(const std::string& text, const std::map<std::string, std::string>& renames) {
    if (renames.empty()) return text;
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_name_char(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_name_char(text[j])) ++j;
        std::string word = text.substr(i, j - i);
        auto renamed = renames.find(word);
        out += renamed == renames.end() ? word : renamed->second;
        i = j;
    }
    return out;
}

std::string key(const Entry& e) { return e.kind + '\x1f' + e.name; }

// What an added or removed entry is, in a few words: a parameter's default, a formula, a condition.
std::string summary(const Entry& e) {
    if (e.kind == "veto") {  // its name is its condition: what it does
        std::string text;
        for (const Facet& f : e.facets)
            if (f.label != "条件" && !f.text.empty()) text += (text.empty() ? "" : "; ") + f.label + " " + f.text;
        return text;
    }
    for (const char* label : {"默认值", "公式", "条件", "类型", "取值"})
        for (const Facet& f : e.facets)
            if (f.label == label) return f.shown.empty() ? f.text : f.shown;
    return "";
}

void compare(const Entry& before, const Entry& after, std::vector<SchemeChange>& changes) {
    std::map<std::string, const Facet*> old_facets;
    for (const Facet& f : before.facets) old_facets[f.label] = &f;
    std::set<std::string> seen;
    auto change = [&](const Facet* o, const Facet* n) {
        const Facet& any = n ? *n : *o;
        auto action = !o ? SchemeChange::Action::added : !n ? SchemeChange::Action::removed : SchemeChange::Action::changed;
        auto shown = [](const Facet* f) { return !f ? std::string() : f->shown.empty() ? f->text : f->shown; };
        changes.push_back({action, any.kind.empty() ? after.kind : any.kind, after.name, any.label, shown(o), shown(n),
                           o ? o->line : before.line, n ? n->line : after.line});
    };
    for (const Facet& f : after.facets) {
        seen.insert(f.label);
        auto o = old_facets.find(f.label);
        if (o == old_facets.end()) change(nullptr, &f);
        else if (o->second->text != f.text) change(o->second, &f);
    }
    for (const Facet& f : before.facets)
        if (!seen.count(f.label)) change(&f, nullptr);
}

}  // namespace

std::string kind_word(const std::string& kind) {
    static const std::map<std::string, std::string> words{
        {"scheme", "方案"},   {"module", "模块"},   {"parameter", "参数"}, {"weight", "权重"},
        {"threshold", "分数线"}, {"quota", "名额"}, {"input", "输入"},     {"entity", "考核对象"},
        {"record", "记录"},   {"enum", "枚举"},     {"function", "函数"},  {"indicator", "指标"},
        {"rank", "名次"},     {"grade", "等次"},    {"veto", "一票否决"},  {"rule", "规则"},
        {"output", "输出"},   {"requirement", "数据要求"}, {"assert", "断言"}, {"variant", "变体"}};
    auto word = words.find(kind);
    return word == words.end() ? kind : word->second;
}

std::vector<SchemeChange> diff_schemes(const SchemeVersion& old_version, const SchemeVersion& new_version) {
    std::map<std::string, std::string> roles;
    note_roles(*old_version.module, roles);
    note_roles(*new_version.module, roles);
    std::vector<Entry> olds = Collector(*old_version.source, roles).collect(*old_version.module);
    std::vector<Entry> news = Collector(*new_version.source, roles).collect(*new_version.module);

    std::map<std::string, std::size_t> new_by_key;
    for (std::size_t i = 0; i < news.size(); ++i) new_by_key.emplace(key(news[i]), i);
    std::vector<int> partner(olds.size(), -1);     // old → new
    std::vector<bool> taken(news.size(), false);
    for (std::size_t i = 0; i < olds.size(); ++i) {
        auto found = new_by_key.find(key(olds[i]));
        if (found != new_by_key.end() && !taken[found->second]) partner[i] = int(found->second), taken[found->second] = true;
    }
    // Renames: what is left on both sides with the same kind and definition.
    std::vector<SchemeChange> changes;
    std::map<std::string, std::string> renames;
    for (std::size_t i = 0; i < olds.size(); ++i) {
        if (partner[i] >= 0 || !olds[i].renamable) continue;
        for (std::size_t j = 0; j < news.size(); ++j) {
            if (taken[j] || news[j].kind != olds[i].kind || news[j].definition != olds[i].definition ||
                news[j].name == olds[i].name)
                continue;
            partner[i] = int(j), taken[j] = true;
            renames[symbol_of(olds[i])] = symbol_of(news[j]);
            changes.push_back({SchemeChange::Action::renamed, news[j].kind, news[j].name, "", olds[i].name, news[j].name,
                               olds[i].line, news[j].line});
            break;
        }
    }
    // Vetoes have no name: one whose condition changed is the leftover of the same entity, in order.
    for (std::size_t i = 0; i < olds.size(); ++i) {
        if (partner[i] >= 0 || olds[i].kind != "veto") continue;
        for (std::size_t j = 0; j < news.size(); ++j)
            if (!taken[j] && news[j].kind == "veto" && news[j].facets.size() == olds[i].facets.size() &&
                news[j].name.substr(0, news[j].name.find(" when ")) == olds[i].name.substr(0, olds[i].name.find(" when "))) {
                partner[i] = int(j), taken[j] = true;
                break;
            }
    }
    for (Entry& e : olds) {
        e.definition = rename_names(e.definition, renames);
        for (Facet& f : e.facets) f.label = rename_names(f.label, renames), f.text = rename_names(f.text, renames);
    }
    for (std::size_t i = 0; i < olds.size(); ++i)
        if (partner[i] >= 0) compare(olds[i], news[std::size_t(partner[i])], changes);
        else changes.push_back({SchemeChange::Action::removed, olds[i].kind, olds[i].name, "", summary(olds[i]), "", olds[i].line, 0});
    for (std::size_t j = 0; j < news.size(); ++j)
        if (!taken[j]) changes.push_back({SchemeChange::Action::added, news[j].kind, news[j].name, "", "", summary(news[j]), 0, news[j].line});
    std::stable_sort(changes.begin(), changes.end(), [](const SchemeChange& a, const SchemeChange& b) {
        if ((a.new_line == 0) != (b.new_line == 0)) return a.new_line != 0;
        return a.new_line ? a.new_line < b.new_line : a.old_line < b.old_line;
    });
    return changes;
}

}  // namespace kaohe
