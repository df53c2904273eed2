#include "bench/longnan_handwritten.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <nlohmann/json.hpp>

namespace kaohe::bench {
namespace {

double vote_score(const double v[4]) {
    return (v[0] * 1.0 + v[1] * 0.8 + v[2] * 0.5) / (v[0] + v[1] + v[2] + v[3]) * 100;
}

double round2(double x) { return std::round(x * 100) / 100; }

void read_votes(const nlohmann::json& j, double out[4]) {
    out[0] = j.at("excellent");
    out[1] = j.at("competent");
    out[2] = j.at("basic");
    out[3] = j.at("incompetent");
}

double mean(const nlohmann::json& list) {
    double sum = 0;
    for (const auto& v : list) sum += v.get<double>();
    return sum / static_cast<double>(list.size());
}

}  // namespace

std::vector<HandCounty> load_counties(const std::string& json_text) {
    auto document = nlohmann::json::parse(json_text);
    std::vector<HandCounty> counties;
    for (const auto& c : document.at("counties")) {
        HandCounty county;
        county.performance = c.at("performance_score");
        county.target = c.at("target_score");
        county.leader_mean = mean(c.at("city_leader_scores"));
        if (c.contains("rank_history")) county.rank_history = c["rank_history"].get<std::vector<int>>();
        for (const auto& m : c.at("members")) {
            HandMember member;
            member.chief_mean = mean(m.at("chief_scores"));
            read_votes(m.at("democratic_votes"), member.democratic);
            read_votes(m.at("interview_votes"), member.interview);
            member.vetoed = !m.at("vetoes").empty();
            member.previously_excellent = m.value("previous_grade", "") == "优秀";
            county.members.push_back(member);
        }
        counties.push_back(std::move(county));
    }
    return counties;
}

void evaluate_by_hand(const std::vector<HandCounty>& counties, std::vector<HandResult>& results) {
    const auto county_count = static_cast<int>(counties.size());
    // County ranks by performance (competition ranking).
    std::vector<std::size_t> order(counties.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](auto a, auto b) { return counties[a].performance > counties[b].performance; });
    std::vector<int> county_rank(counties.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        county_rank[order[i]] = i > 0 && counties[order[i]].performance == counties[order[i - 1]].performance
                                    ? county_rank[order[i - 1]]
                                    : static_cast<int>(i + 1);
    results.clear();
    std::vector<double> democratic, chief;
    for (std::size_t c = 0; c < counties.size(); ++c) {
        const HandCounty& county = counties[c];
        std::size_t first = results.size();
        democratic.clear();
        chief.clear();
        for (const HandMember& m : county.members) {
            double d = vote_score(m.democratic), i = vote_score(m.interview);
            HandResult r;
            r.score = round2(0.45 * county.performance + 0.20 * county.target + 0.10 * county.leader_mean +
                             0.10 * m.chief_mean + 0.10 * d + 0.05 * i);
            r.grade = r.score >= 90 ? 0 : r.score >= 80 ? 1 : r.score >= 60 ? 2 : 3;
            if (m.vetoed && r.grade == 0) r.grade = 1;
            results.push_back(r);
            democratic.push_back(d);
            chief.push_back(m.chief_mean);
        }
        std::size_t n = county.members.size();
        for (std::size_t k = 0; k < n; ++k) {
            int better = 0;
            for (std::size_t j = 0; j < n; ++j) better += results[first + j].score > results[first + k].score;
            results[first + k].rank = better + 1;
        }
        const auto& h = county.rank_history;
        double ratio = h.size() < 2 ? 0.15
                       : std::max(h[0], h[1]) <= 2 ? 0.20
                       : std::min(h[0], h[1]) >= county_count - 1 ? 0.10
                                                                  : 0.15;
        auto slots = static_cast<std::size_t>(std::floor(ratio * static_cast<double>(n)));
        std::vector<std::size_t> candidates;
        for (std::size_t k = 0; k < n; ++k)
            if (results[first + k].grade == 0) candidates.push_back(k);
        auto key = [&](std::size_t k) { return std::make_tuple(results[first + k].score, democratic[k], chief[k]); };
        std::stable_sort(candidates.begin(), candidates.end(), [&](auto a, auto b) { return key(a) > key(b); });
        if (candidates.size() > slots) {
            bool tie = slots > 0 && key(candidates[slots - 1]) == key(candidates[slots]);
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                HandResult& r = results[first + candidates[i]];
                bool tied = tie && key(candidates[i]) == key(candidates[slots - 1]);
                if (i < slots && !tied) continue;
                r.grade = 1;
                (tied ? r.tie : r.excess) = true;
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            HandResult& r = results[first + k];
            r.promote = r.grade == 0 && county.members[k].previously_excellent && county_rank[c] <= 3;
        }
    }
}

}  // namespace kaohe::bench
