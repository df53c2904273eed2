// Exactness of the number type (SCHEMES.md "Numbers").
#include <catch2/catch.hpp>

#include "base/rational.hpp"

using kaohe::Rational;

static Rational dec(const char* text) { return *Rational::parse(text); }

TEST_CASE("decimal literals are exact") {
    CHECK(dec("0.1") + dec("0.2") == dec("0.3"));
    CHECK(dec("120") / dec("100") - Rational(1) == dec("0.2"));
    CHECK(Rational::fraction(2, 3) * Rational(3) == Rational(2));
    CHECK(dec("1e3") == Rational(1000));
    CHECK(dec("-2.50") == Rational::fraction(-5, 2));
    CHECK_FALSE(Rational::parse("abc"));
    CHECK_FALSE(Rational::parse("1.2.3"));
    CHECK_FALSE(Rational::parse(""));
}

TEST_CASE("round2 rounds half away from zero, exactly") {
    CHECK(dec("89.995").round_half_up(2) == dec("90.00"));
    CHECK(dec("89.994999").round_half_up(2) == dec("89.99"));
    CHECK(dec("-1.005").round_half_up(2) == dec("-1.01"));
    CHECK(dec("2.5").round_half_up(0) == Rational(3));
    CHECK(dec("89.995").round_half_up(2).to_string(2) == "90.00");
}

TEST_CASE("a weighted sum of repeating quotients lands exactly on a half cent") {
    // Vote scores over 55 and over 11 votes repeat forever (44.1818…, 83.6363…), but
    // 10% × D + 5% × I = (2 × 24.3 + 5 × 9.2) / 11 = 8.6 exactly, so the total is exactly
    // 86.015 and must round to 86.02. Cutting D and I at a fixed number of digits lands
    // just below the half cent.
    Rational d = dec("24.3") / Rational(55) * Rational(100);
    Rational i = dec("9.2") / Rational(11) * Rational(100);
    Rational total = dec("0.45") * Rational(90) + dec("0.20") * Rational(90) + dec("0.10") * Rational(90) +
                     dec("0.10") * dec("99.15") + dec("0.10") * d + dec("0.05") * i;
    CHECK(total == dec("86.015"));
    CHECK(total.round_half_up(2) == dec("86.02"));
    Rational d_cut = dec("44.181818181818181818181818"), i_cut = dec("83.636363636363636363636363");
    Rational cut_total = total - dec("0.10") * d - dec("0.05") * i + dec("0.10") * d_cut + dec("0.05") * i_cut;
    CHECK(cut_total.round_half_up(2) == dec("86.01"));  // what a 28-digit decimal type would get
}

TEST_CASE("a ratio of exactly 1.2 is exactly 1.2") {
    Rational ratio = dec("120.0") / dec("100.0");
    CHECK(((ratio - Rational(1)) * Rational(10)).floor() == Rational(2));
}

TEST_CASE("comparisons, floor and ceil") {
    CHECK(Rational::fraction(1, 3) < Rational::fraction(1, 2));
    CHECK(Rational::fraction(-7, 2).floor() == Rational(-4));
    CHECK(Rational::fraction(-7, 2).ceil() == Rational(-3));
    CHECK(Rational::fraction(7, 2).floor() == Rational(3));
    CHECK(dec("90") == dec("90.00"));
}

TEST_CASE("values too large for 64 bits move to GMP and back") {
    Rational big = Rational(INT64_MAX) * Rational(INT64_MAX);
    CHECK_FALSE(big.is_small());
    CHECK(big / Rational(INT64_MAX) == Rational(INT64_MAX));
    CHECK((big / Rational(INT64_MAX)).is_small());
    Rational tiny = Rational::fraction(1, INT64_MAX) / Rational(INT64_MAX);
    CHECK(tiny * Rational(INT64_MAX) * Rational(INT64_MAX) == Rational(1));
    CHECK(-Rational(INT64_MIN) == Rational(INT64_MAX) + Rational(1));
}

TEST_CASE("decimal text is exact where it can be") {
    CHECK(dec("91.25").to_string() == "91.25");
    CHECK(Rational(90).to_string(2) == "90.00");
    CHECK(Rational::fraction(1, 8).to_string() == "0.125");
    CHECK(Rational::fraction(-1, 20).to_string(2) == "-0.05");
    CHECK(Rational::fraction(1, 3).to_string(0, 4) == "0.3333");
}

TEST_CASE("rounding agrees on the machine-integer and GMP paths") {
    // 21 significant digits: beyond 64 bits, so rounding and printing go through GMP.
    Rational big = dec("123456789012345678901.005");
    CHECK_FALSE(big.is_small());
    CHECK(big.round_half_up(2) == dec("123456789012345678901.01"));
    CHECK(big.to_string(2) == "123456789012345678901.005");
    CHECK((-big).round_half_up(2).to_string(2) == "-123456789012345678901.01");
    Rational small = dec("901.005");
    CHECK(small.is_small());
    CHECK(small.round_half_up(2) == dec("901.01"));
    CHECK((-small).round_half_up(2) == dec("-901.01"));
    CHECK(Rational::fraction(-1, 1000).to_string(2, 2) == "0.00");
    CHECK(Rational::fraction(2, 3).to_string(2, 12) == "0.666666666667");
}

TEST_CASE("fractions kept unreduced behave as their lowest terms") {
    Rational half = Rational::fraction(50, 100), two = Rational::fraction(6, 3);
    CHECK(half == Rational::fraction(1, 2));
    CHECK(two.is_integer());
    CHECK(two.to_int64() == 2);
    CHECK(half.to_string() == "0.5");
    CHECK_FALSE(Rational::fraction(7, 14).is_integer());
    CHECK(Rational::fraction(-6, 4).floor() == Rational(-2));
    // Denominators multiply until they pass 64 bits, then the sum is reduced and stays small.
    Rational sum;
    for (int k = 0; k < 3000; ++k) sum = sum + Rational::fraction(1, 3 + k % 7);
    CHECK(sum.is_small());
    Rational expected;
    for (int d = 3; d < 10; ++d) expected = expected + Rational::fraction(3000 / 7 + (d - 3 < 3000 % 7), d);
    CHECK(sum == expected);
    CHECK(Rational::fraction(3, -6) == -half);
}

TEST_CASE("results print a decimal that ends whole, and round only a repeating one") {
    CHECK(Rational::fraction(1, 1048576).to_decimal(2) == "0.00000095367431640625");
    CHECK(Rational::fraction(1, 3).to_decimal(2) == "0.333333333333");
    CHECK(Rational::fraction(2, 3).to_decimal(0) == "0.666666666667");
    CHECK(Rational(90).to_decimal(2) == "90.00");
    CHECK(Rational::fraction(-1, 8).to_decimal(2) == "-0.125");
    CHECK(Rational::fraction(5, 100).to_decimal(2) == "0.05");
    CHECK(Rational::fraction(-5, 1000).to_decimal(2) == "-0.005");
    CHECK(Rational(0).to_decimal(2) == "0.00");
    CHECK(Rational::fraction(-1, 300).to_decimal(2) == "-0.003333333333");
    // digits past 64 bits (3.07e18 × 10^12), cut from the 128-bit integer
    CHECK(Rational::fraction(9223372036854775807, 3).to_decimal(2) == "3074457345618258602.333333333333");
}

TEST_CASE("19 digits and more parse exactly, past the machine-integer fast path") {
    // 19 nines overflowed the fast path's 64-bit accumulator (undefined behaviour under UBSan).
    CHECK(Rational::parse("9999999999999999999")->to_decimal(0) == "9999999999999999999");
    CHECK(Rational::parse("-9223372036854775809")->to_decimal(0) == "-9223372036854775809");
    CHECK(Rational::parse("12345678901234567890.125")->to_decimal(3) == "12345678901234567890.125");
    CHECK(*Rational::parse("999999999999999999") == Rational(999999999999999999));  // 18: the fast path
}

TEST_CASE("a million digits parse in linear time") {
    // Digit-by-digit multiplication took 14 s; one GMP conversion takes milliseconds.
    std::string digits(1'000'000, '7');
    auto n = Rational::parse(digits + ".5");
    REQUIRE(n);
    CHECK(n->to_decimal(1) == digits + ".5");
}

TEST_CASE("a weighted sum equals the sum of its products, also once it passes 128 bits") {
    auto plain = [](const std::vector<std::pair<std::int64_t, Rational>>& terms) {
        Rational total;
        for (const auto& [weight, value] : terms) total = total + Rational(weight) * value;
        return total;
    };
    auto weighted = [](const std::vector<std::pair<std::int64_t, Rational>>& terms) {
        kaohe::WeightedSum sum;
        for (const auto& [weight, value] : terms) sum.add(weight, value);
        return sum.total();
    };
    // The Longnan shape: six components with their own denominators.
    std::vector<std::pair<std::int64_t, Rational>> components{
        {45, *Rational::parse("82.3")}, {20, *Rational::parse("85.1")}, {10, Rational::fraction(26439, 300)},
        {10, Rational::fraction(46525, 500)}, {10, Rational::fraction(4772, 50)}, {5, Rational::fraction(2047, 22)}};
    CHECK(weighted(components) == plain(components));
    // Denominators whose product passes 128 bits, a big value, negative weights and values.
    std::vector<std::pair<std::int64_t, Rational>> hard;
    for (std::int64_t k = 0; k < 8; ++k) hard.emplace_back(k % 2 ? -7 : 3, Rational::fraction(1, 999999937 - 2 * k));
    hard.emplace_back(INT64_MAX, Rational::fraction(INT64_MAX, 3));
    hard.emplace_back(2, *Rational::parse("123456789012345678901234567890.5"));
    CHECK(weighted(hard) == plain(hard));
    CHECK(weighted({}) == Rational(0));
}
