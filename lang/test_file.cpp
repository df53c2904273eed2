#include "lang/test_file.hpp"

#include <charconv>

namespace kaohe {
namespace {

struct Token {
    std::string text;
    Span span;
    bool quoted = false;
};

constexpr std::string_view open_quote = "“", close_quote = "”";

// The statement's words: blank-separated, or quoted ("…" or “…”) when a value has blanks; a `#`
// outside quotes starts a comment. Returns false (and reports) for a quote left open.
bool split_words(std::string_view line, std::uint32_t offset, std::uint32_t file, std::vector<Token>& words,
                 Diagnostics& diagnostics) {
    std::size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '#') break;
        std::size_t begin = i;
        std::string_view closer;
        if (c == '"') closer = "\"", i += 1;
        else if (line.substr(i).starts_with(open_quote)) closer = close_quote, i += open_quote.size();
        if (!closer.empty()) {
            std::size_t end = line.find(closer, i);
            Span span{offset + std::uint32_t(begin), offset + std::uint32_t(line.size()), file};
            if (end == std::string_view::npos) {
                diagnostics.report(DiagnosticCode::test_syntax, span, "引号没有结束");
                return false;
            }
            span.end = offset + std::uint32_t(end + closer.size());
            words.push_back({std::string(line.substr(i, end - i)), span, true});
            i = end + closer.size();
            continue;
        }
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '#') ++i;
        words.push_back({std::string(line.substr(begin, i - begin)),
                         {offset + std::uint32_t(begin), offset + std::uint32_t(i), file}});
    }
    return true;
}

// How far a `{ … }` that starts at text[begin] runs: just past its closing brace, skipping
// braces in JSON strings; npos when the text ends first.
std::size_t end_of_object(std::string_view text, std::size_t begin) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = begin; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        }
        else if (c == '"') in_string = true;
        else if (c == '{') ++depth;
        else if (c == '}' && --depth == 0) return i + 1;
    }
    return std::string_view::npos;
}

std::optional<std::size_t> whole_number(const std::string& text) {
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

class TestFileParser {
public:
    TestFileParser(const SourceFile& source, std::uint32_t file, Diagnostics& diagnostics)
        : source_(source), file_(file), diagnostics_(diagnostics) {}

    TestFile parse() {
        std::string_view text = source_.text();
        std::uint32_t line = 1;
        while (line <= source_.line_count()) {
            std::uint32_t start = source_.line_start(line);
            std::vector<Token> words;
            bool whole = split_words(source_.line_text(line), start, file_, words, diagnostics_);
            ++line;
            if (!whole || words.empty()) continue;
            // data { …: the JSON runs on to its closing brace, perhaps lines below
            const Token& first = words.front();
            if ((first.text == "data" || first.text == "params") && words.size() >= 2 && !words[1].quoted &&
                words[1].text.starts_with("{")) {
                std::size_t begin = words[1].span.begin;
                std::size_t end = end_of_object(text, begin);
                Span span{first.span.begin, std::uint32_t(end == std::string_view::npos ? text.size() : end), file_};
                if (end == std::string_view::npos) {
                    diagnostics_.report(DiagnosticCode::test_syntax, {std::uint32_t(begin), std::uint32_t(begin + 1), file_},
                                        first.text + " 后的 { 没有对应的 }");
                    break;
                }
                input(first, TestInput{{}, std::string(text.substr(begin, end - begin)), span});
                line = source_.position(std::uint32_t(end)).line + 1;
                std::vector<Token> rest;
                split_words(text.substr(end, source_.line_start(line - 1) + source_.line_text(line - 1).size() - end),
                            std::uint32_t(end), file_, rest, diagnostics_);
                if (!rest.empty()) diagnostics_.report(DiagnosticCode::test_syntax, rest.front().span, "} 之后这一行应当结束");
                continue;
            }
            statement(words);
        }
        return std::move(result_);
    }

private:
    void error(const Token& at, std::string message) {
        diagnostics_.report(DiagnosticCode::test_syntax, at.span, std::move(message));
    }
    Span span_of(const std::vector<Token>& words) const {
        return {words.front().span.begin, words.back().span.end, file_};
    }

    std::optional<TestInput>& slot(const std::string& keyword) {
        TestCase* test = result_.tests.empty() ? nullptr : &result_.tests.back();
        if (keyword == "policy") return test ? test->policy : result_.policy;
        if (keyword == "data") return test ? test->data : result_.data;
        return test ? test->params : result_.params;
    }

    void input(const Token& keyword, TestInput value) {
        std::optional<TestInput>& target = slot(keyword.text);
        if (target) error(keyword, (result_.tests.empty() ? "文件开头" : "这个测试") + std::string("已经给出过 ") + keyword.text);
        else target = std::move(value);
    }

    // test NAME | policy FILE | data FILE | params FILE | expect …
    void statement(const std::vector<Token>& words) {
        const Token& keyword = words.front();
        if (keyword.text == "test") {
            if (words.size() != 2) return error(keyword, "写作 test \"测试的名称\"");
            result_.tests.push_back({words[1].text, span_of(words), {}, {}, {}, {}});
            return;
        }
        if (keyword.text == "policy" || keyword.text == "data" || keyword.text == "params") {
            if (words.size() != 2)
                return error(keyword, "写作 " + keyword.text + " \"文件路径\"" +
                                          (keyword.text == "policy" ? "" : ", 或在同一行以 { 开始写出 JSON"));
            input(keyword, TestInput{words[1].text, {}, span_of(words)});
            return;
        }
        if (keyword.text == "expect") {
            if (result_.tests.empty()) return error(keyword, "expect 应写在某个 test \"名称\" 之下");
            if (std::optional<Expectation> e = expectation({words.begin() + 1, words.end()}, keyword)) {
                e->span = span_of(words);
                result_.tests.back().expectations.push_back(std::move(*e));
            }
            return;
        }
        error(keyword, "无法识别的语句 " + keyword.text + ": 每行以 policy、test、data、params 或 expect 开始");
    }

    // What follows `expect`.
    std::optional<Expectation> expectation(std::vector<Token> w, const Token& keyword) {
        const char* forms = "写作 expect 编号 字段 值、expect 编号 flag 标记、expect none in 编号 grade 等次、"
                            "expect 2 rows in 编号 flag 标记、expect rows 行数 或 expect data error 代码 at 路径";
        if (w.empty()) return error(keyword, forms), std::nullopt;
        Expectation e;
        if (w[0].text == "data" && w.size() >= 2 && w[1].text == "error") {
            e.kind = Expectation::Kind::data_error;
            std::size_t i = 2;
            if (i < w.size() && w[i].text != "at") e.code = w[i++].text;
            if (i < w.size() && w[i].text == "at" && i + 2 == w.size()) {
                e.path = w[i + 1].text;
                if (!e.path.starts_with("$")) e.path = "$." + e.path;
                i += 2;
            }
            if (i != w.size()) return error(w[std::min(i, w.size() - 1)], "写作 expect data error [代码] [at JSON 路径]"), std::nullopt;
            return e;
        }
        if (w[0].text == "rows") {
            e.kind = Expectation::Kind::rows;
            std::optional<std::size_t> n = w.size() >= 2 ? whole_number(w[1].text) : std::nullopt;
            if (!n || w.size() > 3) return error(w[0], "写作 expect rows 行数 [种类]"), std::nullopt;
            e.count = *n;
            if (w.size() == 3) e.output_kind = w[2].text;
            return e;
        }
        if (w.size() < 3) return error(w.back(), forms), std::nullopt;
        // The predicate is at the end: FIELD VALUE, flag TEXT, no flag TEXT or flags none.
        std::size_t predicate = w.size() - 2;
        if (w[predicate].text == "flag" && !w[predicate].quoted) {
            e.kind = Expectation::Kind::has_flag;
            if (predicate > 0 && w[predicate - 1].text == "no") --predicate, e.kind = Expectation::Kind::lacks_flag;
        }
        else if (w[predicate].text == "flags" && w.back().text == "none") e.kind = Expectation::Kind::no_flags;
        else e.field = w[predicate].text;
        e.value = w.back().text;
        std::vector<Token> subject(w.begin(), w.begin() + std::ptrdiff_t(predicate));
        // A count is `none …` or `N rows …`: a bare number is an id (360121 is a county's code).
        std::optional<std::size_t> n;
        if (!subject.empty() && !subject[0].quoted && subject[0].text == "none") n = 0;
        else if (subject.size() >= 2 && !subject[0].quoted && (subject[1].text == "rows" || subject[1].text == "row") &&
                 (n = whole_number(subject[0].text)))
            subject.erase(subject.begin() + 1);
        if (n) {
            if (e.kind == Expectation::Kind::lacks_flag || e.kind == Expectation::Kind::no_flags)
                return error(subject[0], "计数只能写 字段 值 或 flag 标记"), std::nullopt;
            e.by_flag = e.kind == Expectation::Kind::has_flag;
            e.kind = Expectation::Kind::count;
            e.count = *n;
            std::size_t i = 1;
            if (i < subject.size() && subject[i].text != "in") e.output_kind = subject[i++].text;
            if (i + 2 == subject.size() && subject[i].text == "in") e.within = subject[i + 1].text, i += 2;
            if (i != subject.size())
                return error(subject[std::min(i, subject.size() - 1)], "写作 expect none|N rows [种类] [in 编号] 字段 值"), std::nullopt;
            return e;
        }
        if (subject.size() == 2) e.output_kind = subject[0].text;
        else if (subject.size() != 1) return error(subject.empty() ? w[0] : subject.back(), forms), std::nullopt;
        e.id = subject.back().text;
        return e;
    }

    const SourceFile& source_;
    std::uint32_t file_;
    Diagnostics& diagnostics_;
    TestFile result_;
};

}  // namespace

TestFile parse_test_file(const SourceSet& sources, std::uint32_t file, Diagnostics& diagnostics) {
    return TestFileParser(sources.file(file), file, diagnostics).parse();
}

}  // namespace kaohe
