// The hand-written Longnan floor (longnan_simdjson_floor.cpp): the data it binds and computes,
// shared with its output writer (longnan_floor_output.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace floor_run {

using i128 = __int128;
inline constexpr std::size_t huge_page = 2 << 20;  // the output buffer's size: one 2 MiB page

// ---------------------------------------------------------------- the data, and what is computed

enum Grade : std::uint8_t { excellent, competent, basic, incompetent };  // 优秀 称职 基本称职 不称职

struct County {
    std::string_view id;
    std::int64_t performance = 0, target = 0;  // 实绩得分, 目标管理得分 in 10^-9 points
    i128 leader_sum = 0;                       // 市级领导评分, summed: the scheme takes only the mean
    std::uint32_t leader_count = 0;
    std::uint32_t history_count = 0;           // 扶贫名次: the rules need how many, the best and the worst
    std::int64_t history_best = INT64_MAX, history_worst = 0;
    std::uint32_t first_member = 0, member_count = 0;
    // computed
    std::int64_t shown_performance = 0, shown_target = 0, shown_leader = 0;  // round2ed, in hundredths
    std::uint32_t rank = 0;                                                 // 县区名次
};

struct Member {
    std::string_view id, name;
    i128 chief_sum = 0;  // 正职评分, summed
    std::uint32_t chief_count = 0;
    // 票数得分 = 10 × weighted / votes, weighted = 10 excellent + 8 competent + 5 basic
    std::int64_t democratic_weighted = 0, democratic_votes = 0, interview_weighted = 0, interview_votes = 0;
    std::uint32_t first_veto = 0, veto_count = 0;  // in Data::vetoes
    bool previously_excellent = false;              // 上年等次 = 优秀
    // computed, in hundredths: 综合得分 and the round2ed components of the member's own
    std::int64_t score = 0, chief = 0, democratic = 0, interview = 0;
    std::uint32_t rank = 0;  // 名次 within the county
    Grade grade = excellent;
    bool tied_at_cut = false, beyond_quota = false, promote = false;  // 并列待定, 超出优秀名额, 优先提拔
};

struct Data {
    std::vector<County> counties;
    std::vector<Member> members;           // county by county
    std::vector<std::string_view> vetoes;  // 否决事项, member by member
};

// Prints "longnan_simdjson_floor: …" and exits 2.
[[noreturn]] void fail(const char* format, ...);

// The provenance object kaohe writes after the results: policy files (as kaohe names them) with
// their digests, the data file as given with its digest, the parameters.
std::string provenance(const char* data_file, const std::string& data_sha256,
                       const std::vector<std::pair<std::string, std::string>>& policy);

// The results as kaohe's --format json writes them, then the provenance text, to stdout.
void emit(const Data& data, const std::string& provenance_text);

}  // namespace floor_run
