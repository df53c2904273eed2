// longnan_simdjson_floor: what a whole `kaohe run policies/longnan.kh DATA --format json` costs
// when the Longnan scheme (SCHEMES.md L) is written by hand, the fastest reasonable way. It is the
// floor kaohe is measured against, so it does all of kaohe's work: the same data checks (it stops
// at the first failure with exit 2, where kaohe lists them all), exact arithmetic, and byte for
// byte the same output, the provenance's SHA-256 digests included.
//
//   usage: longnan_simdjson_floor DATA.json POLICY.kh [MODULE.kh...] > out.json
//
// The phase times go to stderr as `kaohe run --timings` writes them: read (the data file into a
// padded buffer, and the policy files with their digests), parse (the data's SHA-256, which
// kaohe also counts in its parse, and simdjson's indexing pass), bind (every field into plain
// arrays, with kaohe's data checks), compute, emit (formatting and writing to stdout).
//
// Design decisions, and what they cost:
// - simdjson's on-demand API, because it hands over a number's digits as written
//   (raw_json_token); its DOM keeps doubles, which cannot tell 89.995 from its neighbours.
//   On-demand checks only what is read, so every value kaohe's reader would check is read
//   here too, the fields no rule uses included.
// - Exact numbers without a rational type: scores are integers of 10^-9 points, counts are
//   integers, and a member's total is one fraction of 128-bit integers, rounded half up by an
//   integer division. Data beyond that (a score with ten decimals, 10^16 votes) is refused
//   with exit 2 rather than computed inexactly; kaohe takes it (GMP).
// - The policy's default parameters only: data that sets one (实施方案) is refused. What
//   kaohe prints of the policy is written down here; the digests are of the files given.
#include <simdjson.h>

#include <nettle/sha2.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/longnan_floor_data.hpp"

// Its memory (2 MiB pages for big blocks) is longnan_floor_pages.cpp, its output writer
// longnan_floor_output.cpp.

void floor_run::fail(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::fputs("longnan_simdjson_floor: ", stderr);
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
    va_end(args);
    std::exit(2);
}

namespace {

using namespace simdjson;
using namespace floor_run;
using JsonType = ondemand::json_type;

// Where binding is, for messages only: $.counties[3].members[2].FIELD
int county_at = -1, member_at = -1;
std::string where(std::string_view field) {
    std::string at = "$";
    if (county_at >= 0) at += ".counties[" + std::to_string(county_at) + "]";
    if (member_at >= 0) at += ".members[" + std::to_string(member_at) + "]";
    return at + (field.empty() ? "" : ".") + std::string(field);
}

// ---------------------------------------------------------------- reading and digests

// A file with simdjson's padding after it, so it is parsed where it was read.
struct FileBuffer {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
};

FileBuffer read_file(const char* path) {
    int fd = open(path, O_RDONLY);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) fail("cannot read %s", path);
    FileBuffer file{std::make_unique_for_overwrite<char[]>(info.st_size + SIMDJSON_PADDING), std::size_t(info.st_size)};
    for (std::size_t done = 0; done < file.size;) {
        ssize_t n = read(fd, file.bytes.get() + done, file.size - done);
        if (n <= 0) fail("cannot read %s", path);
        done += std::size_t(n);
    }
    close(fd);
    std::memset(file.bytes.get() + file.size, 0, SIMDJSON_PADDING);
    return file;
}

std::string sha256_hex(const FileBuffer& file) {
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, file.size, reinterpret_cast<const std::uint8_t*>(file.bytes.get()));
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
    std::string hex;
    for (std::uint8_t byte : digest) hex += {"0123456789abcdef"[byte >> 4], "0123456789abcdef"[byte & 15]};
    return hex;
}

// ---------------------------------------------------------------- exact numbers

constexpr std::int64_t score_unit = 1'000'000'000;  // scores are integers of 10^-9 points
constexpr std::uint64_t largest_count = 1'000'000'000'000'000;  // 10^15 leaves the 128-bit totals room

// A JSON number as written: ±digits × 10^exponent exactly, trailing zeros moved to the exponent.
struct Decimal {
    std::uint64_t digits = 0;
    long exponent = 0;
    bool negative = false;
};

std::string_view trimmed(std::string_view token) {  // simdjson's tokens run up to the next structural
    while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    return token;
}

// Checks JSON's number grammar, as kaohe's reader does; unless only the grammar matters (a value
// no rule reads), also reads the value as kaohe's Rational::parse does: an exponent written
// beyond ±4000 is refused, whatever the digits.
Decimal read_decimal(std::string_view token, std::string_view field, bool grammar_only = false) {
    auto bad = [&](const char* why) { fail("%s: %s: %.*s", where(field).c_str(), why, int(token.size()), token.data()); };
    Decimal d;
    const char *p = token.data(), *end = p + token.size();
    auto is_digit = [&] { return p < end && *p >= '0' && *p <= '9'; };
    int significant = 0;
    long zeros = 0;  // after the last non-zero digit: into the digits only if another one follows
    auto digit = [&](bool fraction) {
        int value = *p++ - '0';
        d.exponent -= fraction;
        if (value == 0 || grammar_only) return void(zeros += d.digits != 0);
        if (d.digits != 0 && (significant += int(zeros)) >= 19) bad("more digits than the floor reads");
        for (; zeros > 0; --zeros) d.digits *= 10;
        d.digits = d.digits * 10 + std::uint64_t(value);
        ++significant;
    };
    d.negative = p < end && *p == '-';
    p += d.negative;
    if (!is_digit()) bad("not a JSON number");
    if (*p == '0') ++p;
    else while (is_digit()) digit(false);
    if (p < end && *p == '.') {
        if (++p, !is_digit()) bad("not a JSON number");
        while (is_digit()) digit(true);
    }
    d.exponent += zeros;
    if (p < end && (*p == 'e' || *p == 'E')) {
        bool negative = ++p < end && *p == '-';
        p += p < end && (*p == '-' || *p == '+');
        if (!is_digit()) bad("not a JSON number");
        long written = 0;
        while (is_digit()) written = std::min(written * 10 + (*p++ - '0'), 4001L);
        if (written > 4000 && !grammar_only) bad("an exponent beyond ±4000");
        d.exponent += negative ? -written : written;
    }
    if (p != end) bad("not a JSON number");
    return d.digits == 0 ? Decimal{} : d;
}

std::int64_t read_score(ondemand::value value, std::string_view field) {
    if (value.type() != JsonType::number) fail("%s: should be a score (0 to 100)", where(field).c_str());
    Decimal d = read_decimal(trimmed(value.raw_json_token()), field);
    long shift = d.exponent + 9;  // to 10^-9 points
    if (d.digits == 0) return 0;
    if (d.negative || shift > 11) fail("%s: should be a score (0 to 100)", where(field).c_str());
    if (shift < 0) fail("%s: more than 9 decimal places, beyond the floor", where(field).c_str());
    i128 scaled = d.digits;
    while (shift-- > 0) scaled *= 10;
    if (scaled > 100 * score_unit) fail("%s: should be a score (0 to 100)", where(field).c_str());
    return std::int64_t(scaled);
}

std::int64_t read_count(ondemand::value value, std::string_view field) {
    if (value.type() != JsonType::number) fail("%s: should be a non-negative integer", where(field).c_str());
    Decimal d = read_decimal(trimmed(value.raw_json_token()), field);
    if (d.digits == 0) return 0;
    if (d.negative || d.exponent < 0) fail("%s: should be a non-negative integer", where(field).c_str());
    i128 count = d.digits;
    for (long k = 0; k < d.exponent && count <= largest_count; ++k) count *= 10;
    if (count > largest_count) fail("%s: a count beyond 10^15, beyond the floor", where(field).c_str());
    return std::int64_t(count);
}

// 128-bit arithmetic that refuses to wrap: the floor rather stops than prints a wrong score.
i128 times(i128 a, i128 b) {
    i128 product;
    if (__builtin_mul_overflow(a, b, &product)) fail("a total beyond 128-bit arithmetic, beyond the floor");
    return product;
}
i128 plus(i128 a, i128 b) {
    i128 sum;
    if (__builtin_add_overflow(a, b, &sum)) fail("a total beyond 128-bit arithmetic, beyond the floor");
    return sum;
}
// numerator / denominator (both ≥ 0) rounded half up to a whole number
std::int64_t round_half_up(i128 numerator, i128 denominator) {
    return std::int64_t(plus(times(numerator, 2), denominator) / times(denominator, 2));
}


// ---------------------------------------------------------------- binding

// A string's text: a view into the input when it has no escapes (nearly always), else
// simdjson's decoding, which checks the escapes as kaohe's reader does.
std::string_view text_of(ondemand::value& value, std::string_view field = {}) {
    if (!field.empty() && value.type() != JsonType::string) fail("%s: should be a text", where(field).c_str());
    std::string_view token = trimmed(value.raw_json_token());
    std::string_view inside = token.substr(1, token.size() - 2);
    return std::memchr(inside.data(), '\\', inside.size()) == nullptr ? inside : std::string_view(value.get_string());
}

std::string_view key_of(ondemand::field& field) {
    const char* raw = field.key().raw();
    for (std::size_t i = 0;; ++i)
        if (raw[i] == '"') return std::string_view(raw, i);
        else if (raw[i] == '\\') return field.unescaped_key();
}

// The position of key in keys, or -1.
int find_key(std::string_view key, std::initializer_list<std::string_view> keys) {
    int k = 0;
    for (std::string_view known : keys) {
        if (known == key) return k;
        ++k;
    }
    return -1;
}

// An object's keys, for kaohe's refusal of a key written twice: the keys the scheme reads as
// bits, the others (a county's name, a member's role) compared one by one, being few.
class KeySet {
public:
    explicit KeySet(std::vector<std::string_view>& others) : others_(others), base_(others.size()) {}
    ~KeySet() { others_.resize(base_); }
    void add(int known, std::string_view key) {
        if (known >= 0 ? has(known) : std::find(others_.begin() + base_, others_.end(), key) != others_.end())
            fail("%s: a key written twice in one object", where(key).c_str());
        if (known >= 0) mask_ |= 1u << known;
        else others_.push_back(key);
    }
    bool has(int known) const { return mask_ >> known & 1; }
    void require(std::initializer_list<const char*> names) const {  // the first keys find_key numbered
        int k = 0;
        for (const char* name : names)
            if (!has(k++)) fail("%s: missing", where(name).c_str());
    }

private:
    std::vector<std::string_view>& others_;
    std::size_t base_;
    std::uint32_t mask_ = 0;
};

class Binder {
public:
    explicit Binder(Data& data) : data_(data) {}

    void bind(ondemand::document& document, std::size_t file_size) {
        data_.members.reserve(file_size / 128);  // a member takes ~170 bytes at least; unused room is never touched
        data_.counties.reserve(file_size / 1024);
        if (document.type() != JsonType::object) fail("$: the data should be a JSON object");
        KeySet keys(other_keys_);
        for (ondemand::field field : document.get_object()) {
            std::string_view key = key_of(field);
            int known = find_key(key, {"counties", "实施方案"});
            keys.add(known, key);
            ondemand::value value = field.value();
            if (known == 0) {
                if (value.type() != JsonType::array) fail("$.counties: should be an array of 县区");
                for (ondemand::value county : value.get_array()) {
                    ++county_at;
                    bind_county(county);
                }
                county_at = -1;
            } else if (known == 1) {
                check_parameters(value);
            } else {
                check_any(value, 1);
            }
        }
        keys.require({"counties"});
        if (!document.current_location().error()) fail("$: more after the JSON value");
        check_unique(data_.counties, "county");
        check_unique(data_.members, "member");
    }

private:
    Data& data_;
    std::vector<std::string_view> other_keys_;

    // Ids are unique across the data (成员 is output, 县区 has no parent): open addressing over
    // views into the input.
    static void check_unique(const auto& rows, const char* what) {
        std::vector<std::string_view> slots(std::bit_ceil(rows.size() * 2 + 2));
        for (const auto& row : rows)
            for (std::size_t i = std::hash<std::string_view>{}(row.id);; ++i) {
                std::string_view& slot = slots[i & (slots.size() - 1)];
                if (slot == row.id) fail("%s id \"%.*s\" is used twice", what, int(row.id.size()), row.id.data());
                if (slot.empty()) {  // ids are never empty
                    slot = row.id;
                    break;
                }
            }
    }

    // A value no rule reads is still checked as kaohe's reader checks it: grammar, escapes,
    // keys written twice, nesting deeper than 256.
    void check_any(ondemand::value value, int depth) {
        JsonType type = value.type();
        if ((type == JsonType::object || type == JsonType::array) && depth >= 256) fail("JSON nested deeper than 256");
        if (type == JsonType::object) {
            KeySet keys(other_keys_);
            for (ondemand::field field : value.get_object()) {
                keys.add(-1, key_of(field));
                check_any(field.value(), depth + 1);
            }
        } else if (type == JsonType::array) {
            for (ondemand::value element : value.get_array()) check_any(element, depth + 1);
        } else if (type == JsonType::string) {
            text_of(value);
        } else if (type == JsonType::number) {
            read_decimal(trimmed(value.raw_json_token()), "(a value no rule reads)", true);
        } else if (type == JsonType::boolean) {
            (void)bool(value.get_bool());  // throws unless true or false
        } else if (!value.is_null()) {
            fail("not a JSON value: %s", std::string(trimmed(value.raw_json_token())).c_str());
        }
    }

    // 实施方案 may set the scheme's parameters; the floor knows only their defaults. Not an
    // object, it sets none (as in kaohe).
    void check_parameters(ondemand::value value) {
        if (value.type() != JsonType::object) return check_any(value, 1);
        KeySet keys(other_keys_);
        for (ondemand::field field : value.get_object()) {
            std::string_view key = key_of(field);
            keys.add(-1, key);
            bool parameter = find_key(key, {"实绩权重", "目标管理权重", "市级领导评价权重", "正职评价权重", "民主测评权重", "个别谈话权重",
                                            "一般优秀比例", "靠前县区优秀比例", "靠后县区优秀比例", "靠前名次", "优秀线", "称职线",
                                            "基本称职线", "提拔县区名次"}) >= 0;
            if (!parameter && !key.starts_with("//")) fail("$.实施方案.%s is not a parameter of the scheme", std::string(key).c_str());
            if (parameter && !field.value().is_null())  // null leaves the default
                fail("$.实施方案.%s: the floor runs only with the default parameters", std::string(key).c_str());
            if (!parameter) check_any(field.value(), 2);
        }
    }

    // A non-empty string, or a number written as a plain integer (1 and "1" are one id).
    static std::string_view id_of(ondemand::value& value) {
        JsonType type = value.type();
        std::string_view id = type == JsonType::string ? text_of(value) : type == JsonType::number ? trimmed(value.raw_json_token()) : "";
        if (type == JsonType::number) {
            read_decimal(id, "id");
            if (id.find_first_of(".eE") != std::string_view::npos) fail("%s: a number id should be an integer", where("id").c_str());
        }
        if (id.empty()) fail("%s: should be a non-empty string or a number", where("id").c_str());
        return id;
    }

    // A non-empty list of scores, as its sum and length.
    static std::uint32_t score_list(ondemand::value& value, std::string_view key, i128& sum) {
        if (value.type() != JsonType::array) fail("%s: should be an array of scores", where(key).c_str());
        std::uint32_t count = 0;
        for (ondemand::value element : value.get_array()) {
            sum += read_score(element, key);
            ++count;
        }
        if (count == 0) fail("%s: should have at least one score", where(key).c_str());
        return count;
    }

    void bind_county(ondemand::value value) {
        if (value.type() != JsonType::object) fail("%s: should be a 县区 object", where("").c_str());
        County county;
        KeySet keys(other_keys_);
        for (ondemand::field field : value.get_object()) {
            std::string_view key = key_of(field);
            int known = find_key(key, {"id", "performance_score", "target_score", "city_leader_scores", "members", "rank_history"});
            keys.add(known, key);
            ondemand::value v = field.value();
            switch (known) {
            case 0: county.id = id_of(v); break;
            case 1: county.performance = read_score(v, key); break;
            case 2: county.target = read_score(v, key); break;
            case 3: county.leader_count = score_list(v, key, county.leader_sum); break;
            case 4:
                if (v.type() != JsonType::array) fail("%s: should be an array of 成员", where(key).c_str());
                county.first_member = std::uint32_t(data_.members.size());
                for (ondemand::value member : v.get_array()) {
                    ++member_at;
                    bind_member(member);
                }
                county.member_count = std::uint32_t(data_.members.size()) - county.first_member;
                member_at = -1;
                break;
            case 5:
                if (v.is_null()) break;  // optional
                if (v.type() != JsonType::array) fail("%s: should be an array", where(key).c_str());
                for (ondemand::value element : v.get_array()) {
                    std::int64_t rank = read_count(element, key);
                    county.history_best = std::min(county.history_best, rank);
                    county.history_worst = std::max(county.history_worst, rank);
                    ++county.history_count;
                }
                break;
            default: check_any(v, 3);
            }
        }
        keys.require({"id", "performance_score", "target_score", "city_leader_scores", "members"});
        data_.counties.push_back(county);
    }

    void bind_member(ondemand::value value) {
        if (value.type() != JsonType::object) fail("%s: should be a 成员 object", where("").c_str());
        Member member;
        member.first_veto = std::uint32_t(data_.vetoes.size());
        KeySet keys(other_keys_);
        for (ondemand::field field : value.get_object()) {
            std::string_view key = key_of(field);
            int known = find_key(key, {"id", "chief_scores", "democratic_votes", "interview_votes", "vetoes", "name", "previous_grade"});
            keys.add(known, key);
            ondemand::value v = field.value();
            switch (known) {
            case 0: member.id = id_of(v); break;
            case 1: member.chief_count = score_list(v, key, member.chief_sum); break;
            case 2: votes(v, key, member.democratic_weighted, member.democratic_votes); break;
            case 3: votes(v, key, member.interview_weighted, member.interview_votes); break;
            case 4:
                if (v.type() != JsonType::array) fail("%s: should be an array of texts", where(key).c_str());
                for (ondemand::value area : v.get_array()) data_.vetoes.push_back(text_of(area, key));
                member.veto_count = std::uint32_t(data_.vetoes.size()) - member.first_veto;
                break;
            case 5: member.name = v.is_null() ? "" : text_of(v, key); break;                          // optional
            case 6: member.previously_excellent = !v.is_null() && text_of(v, key) == "优秀"; break;  // optional
            default: check_any(v, 5);
            }
        }
        keys.require({"id", "chief_scores", "democratic_votes", "interview_votes", "vetoes"});
        data_.members.push_back(member);
    }

    // stdlib/votes.kh's 票数 record: four counts, and at least one vote.
    void votes(ondemand::value& value, std::string_view key, std::int64_t& weighted, std::int64_t& total) {
        if (value.type() != JsonType::object) fail("%s: should be a 票数 object", where(key).c_str());
        std::int64_t count[4] = {};
        KeySet keys(other_keys_);
        for (ondemand::field field : value.get_object()) {
            std::string_view name = key_of(field);
            int known = find_key(name, {"excellent", "competent", "basic", "incompetent"});
            keys.add(known, name);
            if (known >= 0) count[known] = read_count(field.value(), key);
            else check_any(field.value(), 6);
        }
        keys.require({"excellent", "competent", "basic", "incompetent"});
        weighted = 10 * count[0] + 8 * count[1] + 5 * count[2];
        total = count[0] + count[1] + count[2] + count[3];
        if (total == 0) fail("%s: zero valid votes", where(key).c_str());
    }
};

// ---------------------------------------------------------------- computing

// Competition ranks (1, 2, 2, 4), highest key first.
void competition_ranks(std::uint32_t count, auto key, std::vector<std::uint32_t>& order, auto store) {
    order.resize(count);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) > key(b); });
    std::uint32_t rank = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (i == 0 || key(order[i]) != key(order[i - 1])) rank = i + 1;
        store(order[i], rank);
    }
}

void compute(Data& data) {
    const auto county_count = std::int64_t(data.counties.size());  // 县区数
    std::vector<std::uint32_t> order, candidates;
    competition_ranks(std::uint32_t(county_count), [&](auto c) { return data.counties[c].performance; }, order,
                      [&](auto c, std::uint32_t rank) { data.counties[c].rank = rank; });
    for (County& county : data.counties) {
        const i128 leader_scale = i128(score_unit) * county.leader_count;
        county.shown_performance = round_half_up(i128(100) * county.performance, score_unit);
        county.shown_target = round_half_up(i128(100) * county.target, score_unit);
        county.shown_leader = round_half_up(times(100, county.leader_sum), leader_scale);
        // 100 × 综合得分 = 45 P + 20 G + 10 L + 10 H + 10 D + 5 I (第九条), of which the county's
        // 45 P + 20 G + 10 L = county_part / leader_scale
        const i128 county_part = plus(times(45 * county.performance + 20 * county.target, county.leader_count),
                                      times(10, county.leader_sum));
        Member* members = data.members.data() + county.first_member;
        for (Member& m : std::span(members, county.member_count)) {
            // and 10 H + 10 D + 5 I = 10 chief_sum / (unit × chief_count) + 100 d_w / d_n + 50 i_w / i_n
            const i128 chief_scale = times(leader_scale, m.chief_count);
            const i128 votes = times(m.democratic_votes, m.interview_votes);
            i128 numerator = times(times(county_part, m.chief_count), votes);
            numerator = plus(numerator, times(times(times(10, m.chief_sum), county.leader_count), votes));
            numerator = plus(numerator, times(times(100 * m.democratic_weighted, chief_scale), m.interview_votes));
            numerator = plus(numerator, times(times(50 * m.interview_weighted, chief_scale), m.democratic_votes));
            m.score = round_half_up(numerator, times(chief_scale, votes));  // round2, exact until here
            m.chief = round_half_up(times(100, m.chief_sum), i128(score_unit) * m.chief_count);
            m.democratic = round_half_up(i128(1000) * m.democratic_weighted, m.democratic_votes);
            m.interview = round_half_up(i128(1000) * m.interview_weighted, m.interview_votes);
            m.grade = m.score >= 9000 ? excellent : m.score >= 8000 ? competent : m.score >= 6000 ? basic : incompetent;
            if (m.veto_count > 0) m.grade = std::max(m.grade, competent);  // 第十四条: at best 称职, and no quota place
        }
        competition_ranks(county.member_count, [&](auto k) { return members[k].score; }, order,
                          [&](auto k, std::uint32_t rank) { members[k].rank = rank; });

        // 第十三条: the county's share of 优秀 in percent; 第十二条: floor(share × members) places
        int share = county.history_count < 2 ? 15
                    : county.history_worst <= 2 ? 20
                    : county.history_best >= county_count - 1 ? 10 : 15;
        const std::size_t places = std::size_t(share) * county.member_count / 100;
        candidates.clear();
        for (std::uint32_t k = 0; k < county.member_count; ++k)
            if (members[k].grade == excellent) candidates.push_back(k);
        if (candidates.size() > places) {
            // by score, then 民主测评得分, then 正职评价, descending; the last two exact (cross-multiplied)
            auto compare = [&](std::uint32_t a, std::uint32_t b) {
                const Member &x = members[a], &y = members[b];
                if (x.score != y.score) return x.score > y.score ? -1 : 1;
                i128 dx = i128(x.democratic_weighted) * y.democratic_votes, dy = i128(y.democratic_weighted) * x.democratic_votes;
                if (dx != dy) return dx > dy ? -1 : 1;
                i128 hx = x.chief_sum * y.chief_count, hy = y.chief_sum * x.chief_count;
                return hx > hy ? -1 : hx < hy ? 1 : 0;
            };
            std::stable_sort(candidates.begin(), candidates.end(), [&](auto a, auto b) { return compare(a, b) < 0; });
            // SCHEMES L4: a group still tied on every key across the cut gets none of the places
            std::size_t tie_begin = places, tie_end = places;
            if (places > 0 && compare(candidates[places - 1], candidates[places]) == 0) {
                while (tie_begin > 0 && compare(candidates[tie_begin - 1], candidates[places]) == 0) --tie_begin;
                while (tie_end < candidates.size() && compare(candidates[tie_end], candidates[places]) == 0) ++tie_end;
            }
            for (std::size_t i = tie_begin; i < candidates.size(); ++i) {
                Member& m = members[candidates[i]];
                m.grade = competent;
                (i < tie_end ? m.tied_at_cut : m.beyond_quota) = true;
            }
        }
        for (Member& m : std::span(members, county.member_count))  // 第十八条
            m.promote = m.grade == excellent && m.previously_excellent && county.rank <= 3;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) fail("usage: longnan_simdjson_floor DATA.json POLICY.kh [MODULE.kh...] > out.json");
    auto last = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {  // as kaohe's PhaseTimer
        auto now = std::chrono::steady_clock::now();
        std::fprintf(stderr, "%-10s %9.1f ms\n", phase, std::chrono::duration<double, std::milli>(now - last).count());
        last = now;
    };
    FileBuffer file = read_file(argv[1]);
    std::vector<std::pair<std::string, std::string>> policy;  // as kaohe names each file, its digest
    for (int i = 2; i < argc; ++i) {
        std::string name = argv[i];  // the policy as given; a module as stdlib/NAME, not where it lives
        policy.emplace_back(i == 2 ? name : "stdlib/" + name.substr(name.rfind('/') + 1), sha256_hex(read_file(argv[i])));
    }
    lap("read");

    std::string data_sha256 = sha256_hex(file);  // kaohe counts the digest in its parse time too
    std::size_t bom = file.size >= 3 && std::memcmp(file.bytes.get(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    ondemand::parser parser;  // holds the decoded strings (those with escapes) to the end
    Data data;
    try {
        ondemand::document document = parser.iterate(file.bytes.get() + bom, file.size - bom, file.size - bom + SIMDJSON_PADDING);
        lap("parse");
        Binder(data).bind(document, file.size);
        lap("bind");
    } catch (const simdjson_error& e) {
        fail("%s: not valid JSON (%s)", argv[1], e.what());
    }
    compute(data);
    lap("compute");
    emit(data, provenance(argv[1], data_sha256, policy));
    lap("emit");
}
