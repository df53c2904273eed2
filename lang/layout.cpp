#include "lang/layout.hpp"

#include <algorithm>

namespace kaohe {
namespace {

constexpr std::string_view left_quote = "\u201C", right_quote = "\u201D";

// Calls on_comment(begin, end) for each comment and on_code(offset, byte) for every byte
// outside strings and comments; a string literal is told as its last byte, with byte '"'.
template <typename OnComment, typename OnCode>
void scan(std::string_view text, std::uint32_t begin, std::uint32_t end, OnComment&& on_comment, OnCode&& on_code) {
    for (std::uint32_t i = begin; i < end;) {
        char c = text[i];
        if (c == '#') {
            std::uint32_t stop = i;
            while (stop < end && text[stop] != '\n') ++stop;
            on_comment(i, stop);
            i = stop;
        } else if (c == '"' || text.substr(i, left_quote.size()) == left_quote) {
            std::string_view closing = c == '"' ? std::string_view("\"") : right_quote;
            std::uint32_t j = i + (c == '"' ? 1 : static_cast<std::uint32_t>(left_quote.size()));
            while (j < end && text[j] != '\n' && text.substr(j, closing.size()) != closing) ++j;
            i = j < end && text[j] != '\n' ? j + static_cast<std::uint32_t>(closing.size()) : j;
            on_code(i - 1, '"');
        } else {
            on_code(i, c);
            ++i;
        }
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Every Layout of the module, parents before the items inside them.
class Carriers {
public:
    std::vector<ast::Layout*> all;

    void collect(ast::Module& m) {
        if (!m.scheme_name.empty()) all.push_back(&m.scheme_layout);
        for (auto& d : m.uses) all.push_back(&d.layout);
        for (auto& d : m.records) {
            all.push_back(&d.layout);
            for (auto& f : d.fields) all.push_back(&f.layout);
            for (auto& r : d.requirements) all.push_back(&r.layout);
        }
        for (auto& d : m.entities) entity(d);
        for (auto& d : m.inputs) all.push_back(&d.layout);
        for (auto& d : m.requirements) all.push_back(&d.layout);
        for (auto& d : m.functions) all.push_back(&d.layout);
        for (auto& d : m.values) value(d);
        for (auto& d : m.ranks) all.push_back(&d.layout);
        for (auto& d : m.grades) {
            all.push_back(&d.layout);
            for (auto& b : d.bands) all.push_back(&b.layout);
            for (auto& q : d.quotas) all.push_back(&q.layout);
        }
        for (auto& d : m.vetoes) {
            all.push_back(&d.layout);
            for (auto& c : d.caps) all.push_back(&c.layout);
            for (auto& f : d.flags) all.push_back(&f.layout);
        }
        for (auto& d : m.flags) all.push_back(&d.layout);
        for (auto& d : m.outputs) {
            all.push_back(&d.layout);
            for (auto& item : d.items) all.push_back(&item.layout);
        }
        for (auto& d : m.variants) {
            all.push_back(&d.layout);
            for (auto& v : d.values) value(v);
        }
        for (auto& d : m.asserts) all.push_back(&d.layout);
        for (auto& d : m.enums) all.push_back(&d.layout);
    }

private:
    void entity(ast::EntityDecl& e) {
        all.push_back(&e.layout);
        for (auto& i : e.inputs) all.push_back(&i.layout);
        for (auto& r : e.requirements) all.push_back(&r.layout);
        for (auto& c : e.children) entity(c);
    }
    void value(ast::ValueDecl& v) {
        all.push_back(&v.layout);
        if (v.expr) weighted_items(*v.expr);
    }
    void weighted_items(ast::Expr& e) {
        for (auto& item : e.items) {
            all.push_back(&item.layout);
            weighted_items(*item.expr);
        }
        for (auto& operand : e.operands)
            if (operand) weighted_items(*operand);
    }
};

}  // namespace

std::vector<ast::Comment> scan_comments(std::string_view text, std::uint32_t file) {
    std::vector<ast::Comment> comments;
    auto line_begin = [&](std::uint32_t at) {
        while (at > 0 && text[at - 1] != '\n') --at;
        return at;
    };
    scan(
        text, 0, static_cast<std::uint32_t>(text.size()),
        [&](std::uint32_t begin, std::uint32_t end) {
            std::string_view before = text.substr(line_begin(begin), begin - line_begin(begin));
            comments.push_back({std::string(trim(text.substr(begin + 1, end - begin - 1))), Span{begin, end, file},
                                trim(before).empty()});
        },
        [](std::uint32_t, char) {});
    return comments;
}

void attach_comments(ast::Module& module, const SourceFile& source) {
    Carriers carriers;
    carriers.collect(module);
    auto line = [&](std::uint32_t offset) { return source.position(offset).line; };
    auto last_line = [&](const Span& span) { return line(span.end > span.begin ? span.end - 1 : span.begin); };
    auto blank = [&](std::uint32_t n) { return n > source.line_count() || trim(source.line_text(n)).empty(); };
    // Where the first character of a line that is not a blank stands.
    auto first_token = [&](std::uint32_t n) {
        std::size_t indent = source.line_text(n).find_first_not_of(" \t");
        return source.line_start(n) + static_cast<std::uint32_t>(indent == std::string_view::npos ? 0 : indent);
    };
    for (std::size_t k = 0; k < module.comments.size(); ++k) {
        const ast::Comment& comment = module.comments[k];
        std::uint32_t at = line(comment.span.begin);
        ast::Layout* target = nullptr;
        if (comment.own_line) {
            // The block goes on while comment lines follow; it belongs to what starts right below,
            // the outermost item there (a one-line output, not its first field).
            std::uint32_t below = at + 1;
            while (below <= source.line_count() && trim(source.line_text(below)).starts_with("#")) ++below;
            if (blank(below)) continue;
            std::uint32_t start = first_token(below);
            for (ast::Layout* c : carriers.all)
                if (c->span.begin == start && c->span.end > c->span.begin) {
                    target = c;
                    break;
                }
        } else {
            // The innermost item that holds the whole line: a band for `优秀 >= 90  # …`, the
            // value for `value 综合得分 … = round2(weighted {  # 第九条`.
            std::uint32_t start = first_token(at);
            for (ast::Layout* c : carriers.all)
                if (c->span.end > c->span.begin && c->span.begin <= start && at <= last_line(c->span)) target = c;
        }
        if (target) target->comments.push_back(k);
    }
}

std::optional<std::uint32_t> unclosed_bracket(std::string_view text, std::uint32_t begin, std::uint32_t end, char open,
                                              char close) {
    std::vector<std::uint32_t> opened;
    scan(text, begin, std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size())),
         [](std::uint32_t, std::uint32_t) {},
         [&](std::uint32_t at, char c) {
             // （ and ） are the same brackets typed in Chinese: U+FF08 / U+FF09 end in 0x88 / 0x89.
             bool wide = text.substr(at, 2) == "\xEF\xBC" && at + 2 < text.size();
             char as = wide && text[at + 2] == '\x88' ? '(' : wide && text[at + 2] == '\x89' ? ')' : c;
             if (as == open) opened.push_back(at);
             else if (as == close && !opened.empty()) opened.pop_back();
         });
    if (opened.empty()) return std::nullopt;
    return opened.back();
}

std::uint32_t end_of_code(std::string_view text, std::uint32_t begin, std::uint32_t end) {
    std::uint32_t last = begin;
    scan(text, begin, std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size())),
         [](std::uint32_t, std::uint32_t) {},
         [&](std::uint32_t at, char c) {
             if (c != ' ' && c != '\t' && c != '\r' && c != '\n') last = at + 1;
         });
    return last;
}

}  // namespace kaohe
