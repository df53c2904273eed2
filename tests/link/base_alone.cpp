// Links against kaohe_base alone: numbers and text need nothing above them.
#include "base/rational.hpp"
#include "base/utf8.hpp"

int main() {
    bool ok = kaohe::Rational::parse("47.6").has_value() && kaohe::display_width("民主测评") == 8;
    return ok ? 0 : 1;
}
