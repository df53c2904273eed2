// Exact rational numbers: the only number type kaohe scores with.
//
// Design decision: a value is a fraction num/den kept in lowest terms. While both fit in
// 64 bits (almost every policy number: scores, weights, vote tallies) arithmetic runs on
// machine integers with 128-bit intermediates; a result that does not fit moves to GMP's
// mpq_class on the heap. The cost is a branch per operation and a heap object for the rare
// big value; the gain is that 47.6/55 stays exact, so weighted sums of repeating quotients
// land exactly on half cents and round2 decides them correctly.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gmpxx.h>

namespace kaohe {

class Rational {
public:
    Rational() = default;
    Rational(std::int64_t integer) : num_(integer) {}  // NOLINT: integers convert implicitly
    static Rational fraction(std::int64_t numerator, std::int64_t denominator);

    // Parses "12", "-0.5", "89.995", "1e3" exactly; nullopt when the text is not a number.
    static std::optional<Rational> parse(std::string_view text);

    Rational(const Rational& other);
    Rational(Rational&&) noexcept = default;
    Rational& operator=(const Rational& other);
    Rational& operator=(Rational&&) noexcept = default;
    ~Rational() = default;

    friend Rational operator+(const Rational& a, const Rational& b);
    friend Rational operator-(const Rational& a, const Rational& b);
    friend Rational operator*(const Rational& a, const Rational& b);
    // Division by zero is the caller's to prevent (is_zero); it throws std::domain_error.
    friend Rational operator/(const Rational& a, const Rational& b);
    Rational operator-() const;

    friend bool operator==(const Rational& a, const Rational& b);
    friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

    bool is_zero() const;
    bool is_negative() const;
    bool is_integer() const;
    int sign() const;

    Rational floor() const;
    Rational ceil() const;
    // Round half away from zero to `places` decimal places (round2 is places = 2).
    Rational round_half_up(int places) const;

    // Exact decimal text when the denominator has only factors 2 and 5, otherwise
    // rounded half up to `max_places`; `min_places` pads with zeros ("90.00").
    std::string to_string(int min_places = 0, int max_places = 12) const;
    // For integer-valued numbers that fit, e.g. counts and ranks.
    std::optional<std::int64_t> to_int64() const;

    bool is_small() const { return !big_; }

private:
    std::int64_t num_ = 0;
    std::int64_t den_ = 1;
    std::unique_ptr<mpq_class> big_;  // set only when num/den do not fit in 64 bits

    mpq_class to_mpq() const;
    static Rational from_mpq(mpq_class value);
    static Rational from_wide(__int128 numerator, __int128 denominator);
};

}  // namespace kaohe
