// The floor's output: kaohe's --format json, byte for byte, through one reused buffer.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <unistd.h>

#include "bench/longnan_floor_data.hpp"

namespace floor_run {

// ---------------------------------------------------------------- output

// Appends to a buffer in which the caller has made room (a bound on what it appends next), so
// no append checks. One writing to a file hands the buffer to it when room runs out: fresh
// memory costs more here than write() calls do (the kernel zeroes each page before its first
// use), so national's 15 MB of results never exist at once.
class Writer {
public:
    explicit Writer(std::size_t capacity, int file = -1)
        : bytes_(std::make_unique_for_overwrite<char[]>(capacity)), end_(bytes_.get()), capacity_(capacity), file_(file) {}
    std::string_view text() const { return {bytes_.get(), std::size_t(end_ - bytes_.get())}; }
    Writer& room(std::size_t bytes) {
        if (std::size_t(end_ - bytes_.get()) + bytes > capacity_ && file_ >= 0) flush();
        std::size_t used = std::size_t(end_ - bytes_.get());
        if (used + bytes > capacity_) {
            auto larger = std::make_unique_for_overwrite<char[]>(capacity_ = used + bytes);
            std::memcpy(larger.get(), bytes_.get(), used);
            bytes_ = std::move(larger);
            end_ = bytes_.get() + used;
        }
        return *this;
    }
    void flush() {
        for (std::string_view text = this->text(); !text.empty();) {
            ssize_t n = write(file_, text.data(), text.size());
            if (n <= 0) fail("cannot write the results");
            text.remove_prefix(std::size_t(n));
        }
        end_ = bytes_.get();
    }
    Writer& operator<<(std::string_view raw) {
        std::memcpy(end_, raw.data(), raw.size());
        end_ += raw.size();
        return *this;
    }
    // as kaohe's append_json_string: only ", \ and control characters are escaped
    void escaped(std::string_view text) {
        for (char c : text)
            if (c == '"' || c == '\\') *end_++ = '\\', *end_++ = c;
            else if (c == '\n' || c == '\t' || c == '\r') *end_++ = '\\', *end_++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
            else if (static_cast<unsigned char>(c) < 0x20) end_ += std::snprintf(end_, 7, "\\u%04x", c);
            else *end_++ = c;
    }
    Writer& string(std::string_view text) {
        *end_++ = '"';
        escaped(text);
        *end_++ = '"';
        return *this;
    }
    Writer& integer(std::uint64_t n) {
        char digits[20], *first = digits + 20;
        do *--first = char('0' + n % 10);
        while ((n /= 10) != 0);
        return *this << std::string_view(first, digits + 20 - first);
    }
    Writer& hundredths(std::int64_t n) {  // as a decimal string: "91.50"
        const char cents[] = {'.', char('0' + n % 100 / 10), char('0' + n % 10), '"'};
        return (*this << "\"").integer(std::uint64_t(n / 100)) << std::string_view(cents, 4);
    }

private:
    std::unique_ptr<char[]> bytes_;
    char* end_;
    std::size_t capacity_;
    int file_;
};

// What kaohe's provenance_of and render_json write after the results: the policy files as kaohe
// names them with their digests, the data file as given with its digest, the parameters.
std::string provenance(const char* data_file, const std::string& data_sha256,
                       const std::vector<std::pair<std::string, std::string>>& policy) {
    Writer out(4096 + 6 * std::strlen(data_file));
    for (const auto& [file, digest] : policy) out.room(100 + 6 * file.size());
    out << ",\n \"provenance\": {\n  \"scheme\": \"陇南班子成员考核\",\n  \"version\": \"2017\",\n  \"kaohe\": ";
    out.string(KAOHE_VERSION) << ",\n  \"policy\": [";
    for (std::size_t i = 0; i < policy.size(); ++i) {
        (out << (i ? ", {\"file\": " : "{\"file\": ")).string(policy[i].first) << ", \"sha256\": ";
        out.string(policy[i].second) << "}";
    }
    (out << "],\n  \"data\": {\"file\": ").string(data_file) << ", \"sha256\": ";
    out.string(data_sha256) << "},\n  \"parameters\": {\"实绩权重\": \"45%\", \"目标管理权重\": \"20%\", "
        "\"市级领导评价权重\": \"10%\", \"正职评价权重\": \"10%\", \"民主测评权重\": \"10%\", \"个别谈话权重\": \"5%\", "
        "\"一般优秀比例\": \"15%\", \"靠前县区优秀比例\": \"20%\", \"靠后县区优秀比例\": \"10%\", \"靠前名次\": \"2\", "
        "\"优秀线\": \"90\", \"称职线\": \"80\", \"基本称职线\": \"60\", \"提拔县区名次\": \"3\"}\n }\n}\n";
    return std::string(out.text());
}

void emit(const Data& data, const std::string& provenance_text) {
    static constexpr std::string_view grade_names[] = {"\"优秀\"", "\"称职\"", "\"基本称职\"", "\"不称职\""};
    Writer out(huge_page, STDOUT_FILENO);
    out.room(64) << "{\n \"results\": [";
    for (const County& county : data.counties) {
        Writer same(256);  // the county's part of each of its members' components
        (same << "],\n   \"components\": {\n    \"实绩得分\": ").hundredths(county.shown_performance);
        (same << ",\n    \"目标管理得分\": ").hundredths(county.shown_target);
        (same << ",\n    \"市级领导评价\": ").hundredths(county.shown_leader) << ",\n    \"正职评价\": ";
        for (const Member& m : std::span(data.members.data() + county.first_member, county.member_count)) {
            std::size_t bound = 700 + 6 * (m.id.size() + m.name.size());  // escaping makes a byte at most 6
            for (std::string_view area : std::span(data.vetoes.data() + m.first_veto, m.veto_count)) bound += 40 + 6 * area.size();
            (out.room(bound) << (&m == data.members.data() ? "\n  {\n   \"id\": " : ",\n  {\n   \"id\": ")).string(m.id);
            (out << ",\n   \"entity\": \"member\",\n   \"name\": ").string(m.name);
            (out << ",\n   \"score\": ").hundredths(m.score) << ",\n   \"grade\": " << grade_names[m.grade];
            (out << ",\n   \"rank\": ").integer(m.rank) << ",\n   \"flags\": [";
            // the quota's flag first, then the flag rules in the policy's order
            std::string_view separator = "";
            auto flag = [&](std::string_view text) {
                (out << separator).string(text);
                separator = ", ";
            };
            if (m.tied_at_cut) flag("并列待定");
            if (m.beyond_quota) flag("超出优秀名额");
            for (std::string_view area : std::span(data.vetoes.data() + m.first_veto, m.veto_count)) {
                out << separator << "\"一票否决:";
                out.escaped(area);
                out << "\"";
                separator = ", ";
            }
            if (m.veto_count > 0) flag("待研究确定");
            if (m.grade == basic) flag("诫勉谈话");
            if (m.grade == incompetent) flag("组织调整");
            if (m.promote) flag("优先提拔");
            (out << same.text()).hundredths(m.chief);
            (out << ",\n    \"民主测评得分\": ").hundredths(m.democratic);
            (out << ",\n    \"个别谈话得分\": ").hundredths(m.interview) << "\n   }\n  }";
        }
    }
    out.room(provenance_text.size() + 8) << (data.members.empty() ? "]" : "\n ]") << provenance_text;
    out.flush();
}

}  // namespace floor_run
