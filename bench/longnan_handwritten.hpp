// The Longnan scheme (SCHEMES.md L) written by hand in plain C++ with doubles: no
// interpreter, no exact arithmetic. It is the floor kaohe's evaluator is measured against,
// not a second implementation to trust (doubles may round a half cent the wrong way).
#pragma once

#include <string>
#include <vector>

namespace kaohe::bench {

struct HandMember {
    double chief_mean = 0;
    double democratic[4] = {}, interview[4] = {};  // excellent, competent, basic, incompetent
    bool vetoed = false;
    bool previously_excellent = false;
};

struct HandCounty {
    double performance = 0, target = 0, leader_mean = 0;
    std::vector<int> rank_history;
    std::vector<HandMember> members;
};

struct HandResult {
    double score = 0;
    int grade = 0;  // 0 优秀, 1 称职, 2 基本称职, 3 不称职
    int rank = 0;
    bool tie = false, excess = false, promote = false;
};

// Reads the Longnan input with nlohmann/json (not timed in the comparison).
std::vector<HandCounty> load_counties(const std::string& json_text);
// Scores, ranks, grades (with quota, ties and vetoes) and flags every member.
void evaluate_by_hand(const std::vector<HandCounty>& counties, std::vector<HandResult>& results);

}  // namespace kaohe::bench
