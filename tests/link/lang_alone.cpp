// Links against kaohe_lang alone: parsing and checking a policy needs only base below it.
#include "lang/loader.hpp"

int main() {
    auto loaded = kaohe::load_program_text("t.kh", "entity 县区 at counties key id {\n  input 得分: score at score\n}\n"
                                                   "output 县区 as county { score: 得分 }\n");
    return loaded.program ? 0 : 1;
}
