#include "lang/formatter.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "base/utf8.hpp"

namespace kaohe {
namespace {

enum class TokenKind { word, text, op, open, close, comma, colon };

struct Token {
    TokenKind kind;
    std::string text;
    bool blank_before = false;  // the source had blanks before it
    bool wide_before = false;   // two or more: what separates the items of a block on one line
    bool unary = false;         // a minus sign before its operand
};

constexpr std::string_view open_quote = "“", close_quote = "”";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_single(char c) { return std::string_view("()[]{},:=<>!+-*/#\"").find(c) != std::string_view::npos; }

// Words after which a minus sign starts a number rather than a subtraction.
const std::set<std::string>& prefix_words() {
    static const std::set<std::string> words{"if", "then", "else", "when", "and", "or", "not", "in", "at", "by", "share", "of", "return"};
    return words;
}

// One line: its tokens up to a comment, and the comment (from #, right-trimmed).
struct Line {
    std::vector<Token> tokens;
    std::string comment;
    std::string code;        // the tokens laid out
    std::size_t indent = 0;
    bool blank = false;
    int weighted_block = -1;  // which `weighted { … }` block it is a term of
};

Line split(std::string_view text) {
    Line line;
    std::size_t i = 0, blanks = 0;
    bool blank = true;
    while (i < text.size()) {
        char c = text[i];
        if (is_blank(c)) {
            blank = true;
            ++blanks;
            ++i;
            continue;
        }
        if (c == '#') {
            std::string_view comment = text.substr(i);
            while (!comment.empty() && is_blank(comment.back())) comment.remove_suffix(1);
            line.comment = std::string(comment);
            break;
        }
        Token token{TokenKind::word, "", blank, blanks >= 2};
        blank = false;
        blanks = 0;
        std::string_view closer;
        if (c == '"') closer = "\"";
        else if (text.substr(i).starts_with(open_quote)) closer = close_quote;
        if (!closer.empty()) {
            std::size_t start = i + (closer == "\"" ? 1 : open_quote.size());
            std::size_t end = text.find(closer, start);
            end = end == std::string_view::npos ? text.size() : end + closer.size();
            token = {TokenKind::text, std::string(text.substr(i, end - i)), token.blank_before, token.wide_before};
            i = end;
        }
        else if (c == '(' || c == '[' || c == '{') token.kind = TokenKind::open, token.text = c, ++i;
        else if (c == ')' || c == ']' || c == '}') token.kind = TokenKind::close, token.text = c, ++i;
        else if (c == ',') token.kind = TokenKind::comma, token.text = c, ++i;
        else if (c == ':') token.kind = TokenKind::colon, token.text = c, ++i;
        else if (is_single(c)) {
            token.kind = TokenKind::op;
            bool pair = i + 1 < text.size() && text[i + 1] == '=' && std::string_view("<>!=").find(c) != std::string_view::npos;
            token.text = std::string(text.substr(i, pair ? 2 : 1));
            i += token.text.size();
        }
        else {
            std::size_t end = i;
            while (end < text.size() && !is_blank(text[end]) && !is_single(text[end]) &&
                   !text.substr(end).starts_with(open_quote))
                ++end;
            token.text = std::string(text.substr(i, end - i));
            i = end;
        }
        if (token.kind == TokenKind::op && token.text == "-") {
            const Token* previous = line.tokens.empty() ? nullptr : &line.tokens.back();
            token.unary = !previous || (previous->kind != TokenKind::word && previous->kind != TokenKind::text &&
                                        previous->kind != TokenKind::close) ||
                          (previous->kind == TokenKind::word && prefix_words().count(previous->text));
        }
        line.tokens.push_back(std::move(token));
    }
    line.blank = line.tokens.empty() && line.comment.empty();
    return line;
}

bool space_between(const Token& a, const Token& b) {
    // A minus keeps its blanks as written: a data path may hold one (`key person-id`, `at -x`),
    // and there it is no operator.
    if (a.text == "-" || b.text == "-") return b.blank_before;
    if (a.kind == TokenKind::open && a.text != "{") return false;
    if (b.kind == TokenKind::close && b.text != "}") return false;
    if (b.kind == TokenKind::comma || b.kind == TokenKind::colon) return false;
    if (a.kind == TokenKind::comma || a.kind == TokenKind::colon) return true;
    if (a.unary) return false;
    if (a.kind == TokenKind::op || b.kind == TokenKind::op) return true;
    if (b.text == "{" || a.text == "{" || b.text == "}") return true;
    // A call's bracket or a field's dot sticks to what is before it as written.
    if (b.kind == TokenKind::open || b.text.starts_with(".")) return b.blank_before;
    return true;
}

// Inside a block opened and closed on the same line (`{ score: 分  grade: 等次 }`), two blanks
// where the source had two or more: they part the block's items, which the grammar needs.
std::string lay_out(const std::vector<Token>& tokens) {
    std::string out;
    int inline_braces = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i && space_between(tokens[i - 1], tokens[i]))
            out += inline_braces > 0 && tokens[i].wide_before && tokens[i].text != "}" ? "  " : " ";
        out += tokens[i].text;
        if (tokens[i].text == "{") ++inline_braces;
        else if (tokens[i].text == "}" && inline_braces > 0) --inline_braces;
    }
    return out;
}

// A line that goes on with the declaration of the line above. At the top level that is any line
// that does not start a declaration (the parser splits declarations at column 1, so such a line
// must stay indented); inside a block, one that starts with a word or operator that cannot start
// an item, or follows a line that ended with one that cannot end it.
bool continues(const Line& line, const Line* previous, bool top_level) {
    static const std::set<std::string> declarations{"scheme", "use", "entity", "record", "value", "param", "rank",
                                                    "grade", "veto", "flag", "output", "fn", "variant", "assert",
                                                    "require", "enum", "input", "section", "}"};
    if (top_level) return !declarations.count(line.tokens.front().text);
    static const std::set<std::string> leading{"else", "then", "and", "or", "order", "tie", "excess"};
    static const std::set<std::string> trailing{"then", "else", "and", "or", "not", "if", "when"};
    const Token& first = line.tokens.front();
    if (first.kind == TokenKind::op) return true;
    if (first.kind == TokenKind::word && leading.count(first.text)) return true;
    if (!previous) return false;
    const Token& last = previous->tokens.back();
    return last.kind == TokenKind::op || last.kind == TokenKind::comma ||
           (last.kind == TokenKind::word && trailing.count(last.text));
}

// Pads the weights of each weighted block's terms to one width, so the indicators line up.
void align_weights(std::vector<Line>& lines) {
    for (std::size_t i = 0; i < lines.size();) {
        int block = lines[i].weighted_block;
        if (block < 0) {
            ++i;
            continue;
        }
        std::size_t end = i, width = 0;
        for (; end < lines.size() && (lines[end].weighted_block == block || lines[end].tokens.empty()); ++end)
            if (!lines[end].tokens.empty()) width = std::max(width, display_width(lines[end].tokens.front().text));
        for (std::size_t k = i; k < end; ++k) {
            Line& line = lines[k];
            if (line.tokens.size() < 2) continue;
            std::vector<Token> rest(line.tokens.begin() + 1, line.tokens.end());
            const std::string& weight = line.tokens.front().text;
            line.code = weight + std::string(width - display_width(weight) + 1, ' ') + lay_out(rest);
        }
        i = end;
    }
}

// The end-of-line comments of consecutive lines share a column, two cells after the longest code.
void align_comments(std::vector<Line>& lines) {
    for (std::size_t i = 0; i < lines.size();) {
        auto trailing = [&](std::size_t k) { return !lines[k].tokens.empty() && !lines[k].comment.empty(); };
        if (!trailing(i)) {
            ++i;
            continue;
        }
        std::size_t end = i, width = 0;
        for (; end < lines.size() && trailing(end); ++end) width = std::max(width, lines[end].indent + display_width(lines[end].code));
        for (std::size_t k = i; k < end; ++k)
            lines[k].code += std::string(width - lines[k].indent - display_width(lines[k].code) + 2, ' ');
        i = end;
    }
}

}  // namespace

std::string format_policy(std::string_view text) {
    std::string bom;
    if (text.starts_with("\xEF\xBB\xBF")) bom = "\xEF\xBB\xBF", text.remove_prefix(3);
    std::vector<Line> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(split(text.substr(start, end - start)));
        start = end + 1;
    }

    // Indentation: one step for each line above that left brackets open (however many it
    // opened), so `round2(weighted {` indents its terms once; one more for a continuation.
    struct Open {
        char bracket;
        int weighted_block;  // a `weighted {`: its number; else -1
    };
    std::vector<Open> open;
    std::vector<std::size_t> openers;  // for each line that left brackets open: how many were open before it
    int blocks = 0;
    const Line* previous_code = nullptr;
    auto level = [&](std::size_t depth) {
        return std::size_t(std::count_if(openers.begin(), openers.end(), [&](std::size_t d) { return d < depth; }));
    };
    for (Line& line : lines) {
        if (line.tokens.empty()) {  // a comment line takes the indentation of the code it stands in
            line.indent = 2 * level(open.size());
            continue;
        }
        std::size_t leading_closers = 0;
        while (leading_closers < line.tokens.size() && line.tokens[leading_closers].kind == TokenKind::close) ++leading_closers;
        std::size_t depth = open.size() - std::min(open.size(), leading_closers);
        bool in_parens = !open.empty() && open.back().bracket != '{';
        // a minus sign that starts a line goes on with the line above, unless that left an operand open
        Token& first = line.tokens.front();
        if (first.text == "-" && previous_code && !previous_code->tokens.empty()) {
            const Token& last = previous_code->tokens.back();
            first.unary = !(last.kind == TokenKind::word || last.kind == TokenKind::text || last.kind == TokenKind::close);
        }
        bool continued = !in_parens && leading_closers == 0 && continues(line, previous_code, open.empty());
        line.indent = 2 * (level(depth) + (continued ? 1 : 0));
        if (!open.empty() && open.back().weighted_block >= 0 && leading_closers == 0) line.weighted_block = open.back().weighted_block;
        std::size_t before = open.size();
        for (std::size_t t = 0; t < line.tokens.size(); ++t) {
            const Token& token = line.tokens[t];
            if (token.kind == TokenKind::open)
                open.push_back({token.text[0], token.text == "{" && t > 0 && line.tokens[t - 1].text == "weighted" ? blocks++ : -1});
            else if (token.kind == TokenKind::close && !open.empty()) open.pop_back();
        }
        while (!openers.empty() && openers.back() >= open.size()) openers.pop_back();
        if (open.size() > before) openers.push_back(before);
        line.code = lay_out(line.tokens);
        previous_code = &line;
    }
    align_weights(lines);
    align_comments(lines);

    std::string out = bom;
    bool pending_blank = false, started = false;
    for (const Line& line : lines) {
        if (line.blank) {
            pending_blank = started;
            continue;
        }
        if (pending_blank) out += "\n";
        pending_blank = false;
        started = true;
        std::string body = line.code + line.comment;
        out += std::string(line.indent, ' ') + body + "\n";
    }
    return out;
}

}  // namespace kaohe
