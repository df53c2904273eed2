// Links against kaohe_runtime alone: planning, binding and evaluating need only lang and base.
#include "runtime/run.hpp"

int main() {
    auto policy = kaohe::compile(kaohe::load_program_text(
        "t.kh", "entity 县区 at counties key id {\n  input 得分: score at score\n}\n"
                "value 加倍 of 县区 = 得分 * 2\noutput 县区 as county { score: 加倍 }\n"));
    std::vector<kaohe::DataError> errors;
    auto data = kaohe::parse_data(R"({"counties": [{"id": "A", "score": 45.5}]})", "t.json", errors);
    if (!policy || !data) return 1;
    kaohe::Run run(policy, data);
    if (!run.evaluate()) return 1;
    auto rows = run.results();
    return rows.size() == 1 && rows[0].fields[0].second.text == "91.00" ? 0 : 1;
}
