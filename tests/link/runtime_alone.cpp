// Links against kaohe_runtime alone: planning and evaluating need only lang and base below it.
#include "lang/loader.hpp"
#include "runtime/plan.hpp"

int main() {
    auto loaded = kaohe::load_program_text("t.kh", "entity 县区 at counties key id {\n  input 得分: score at score\n}\n"
                                                   "output 县区 as county { score: 得分 }\n");
    if (!loaded.program) return 1;
    kaohe::Plan plan = kaohe::make_plan(*loaded.program);
    return plan.steps.empty() ? 0 : 1;
}
