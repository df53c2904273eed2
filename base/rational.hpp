// Exact rational numbers: the only number type kaohe scores with.
//
// Design decision: a value is a fraction num/den. While both fit in 64 bits (almost every
// policy number: scores, weights, vote tallies) arithmetic runs inline on machine integers
// with 128-bit intermediates; a result that does not fit moves to GMP's mpq_class on the
// heap. Small fractions are reduced lazily: only once a part no longer fits 64 bits, so most
// operations skip the gcd, and every comparison cross-multiplies instead of comparing parts.
// The cost is a branch per operation and a heap object for the rare big value; the gain is
// that 47.6/55 stays exact, so weighted sums of repeating quotients land exactly on half
// cents and round2 decides them correctly.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <gmpxx.h>

namespace kaohe {

class Rational {
public:
    Rational() = default;
    Rational(std::int64_t integer) : num_(integer) {}  // NOLINT: integers convert implicitly
    static Rational fraction(std::int64_t numerator, std::int64_t denominator);

    // Parses "12", "-0.5", "89.995", "1e3" exactly; nullopt when the text is not a number, or
    // its exponent is beyond ±largest_exponent (1e5000 is no score: refused, never read as 0).
    static constexpr long largest_exponent = 4000;
    static std::optional<Rational> parse(std::string_view text);

    Rational(const Rational& other) : num_(other.num_), den_(other.den_) {
        if (den_ == 0) copy_big(other);
    }
    Rational(Rational&& other) noexcept : num_(other.num_), den_(other.den_) {
        other.num_ = 0;
        other.den_ = 1;
    }
    Rational& operator=(const Rational& other) {
        if (this != &other) {
            release();
            num_ = other.num_;
            den_ = other.den_;
            if (den_ == 0) copy_big(other);
        }
        return *this;
    }
    Rational& operator=(Rational&& other) noexcept {
        if (this != &other) {
            release();
            num_ = other.num_;
            den_ = other.den_;
            other.num_ = 0;
            other.den_ = 1;
        }
        return *this;
    }
    ~Rational() { release(); }

    friend Rational operator+(const Rational& a, const Rational& b) {
        if (a.is_small() && b.is_small()) {
            if (a.den_ == b.den_) return from_wide(Wide(a.num_) + b.num_, a.den_);
            return from_wide(Wide(a.num_) * b.den_ + Wide(b.num_) * a.den_, Wide(a.den_) * b.den_);
        }
        return big_add(a, b);
    }
    friend Rational operator-(const Rational& a, const Rational& b) {
        if (a.is_small() && b.is_small()) {
            if (a.den_ == b.den_) return from_wide(Wide(a.num_) - b.num_, a.den_);
            return from_wide(Wide(a.num_) * b.den_ - Wide(b.num_) * a.den_, Wide(a.den_) * b.den_);
        }
        return big_add(a, -b);
    }
    friend Rational operator*(const Rational& a, const Rational& b) {
        if (a.is_small() && b.is_small()) return from_wide(Wide(a.num_) * b.num_, Wide(a.den_) * b.den_);
        return big_multiply(a, b);
    }
    // Division by zero is the caller's to prevent (is_zero); it throws std::domain_error.
    friend Rational operator/(const Rational& a, const Rational& b) {
        if (a.is_small() && b.is_small() && b.num_ != 0) return from_wide(Wide(a.num_) * b.den_, Wide(a.den_) * b.num_);
        return big_divide(a, b);
    }
    Rational operator-() const {
        if (is_small() && num_ != INT64_MIN) {
            Rational r;
            r.num_ = -num_;
            r.den_ = den_;
            return r;
        }
        return big_negate();
    }

    friend bool operator==(const Rational& a, const Rational& b) { return (a <=> b) == 0; }
    friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
        if (a.is_small() && b.is_small()) return Wide(a.num_) * b.den_ <=> Wide(b.num_) * a.den_;
        return big_compare(a, b);
    }

    bool is_zero() const { return is_small() && num_ == 0; }
    bool is_negative() const { return sign() < 0; }
    bool is_integer() const;
    int sign() const;

    Rational floor() const;
    Rational ceil() const;
    // Round half away from zero to `places` decimal places (round2 is places = 2).
    Rational round_half_up(int places) const;

    // Exact decimal text when the denominator has only factors 2 and 5, otherwise
    // rounded half up to `max_places`; `min_places` pads with zeros ("90.00").
    std::string to_string(int min_places = 0, int max_places = 12) const;
    // How results print: a decimal that ends is shown whole, however many places it has; only a
    // repeating one (1/3) is rounded, half up, to 12 places.
    std::string to_decimal(int min_places) const;
    // The value exactly, for a reader that must redo the arithmetic: the decimal when it ends
    // ("86.015"), else the fraction in lowest terms ("47309/550").
    std::string to_exact_text() const;
    // Whether the decimal ends (the denominator has only the factors 2 and 5).
    bool has_finite_decimal() const;
    // For integer-valued numbers that fit, e.g. counts and ranks.
    std::optional<std::int64_t> to_int64() const;

    // False once the value lives in GMP.
    bool is_small() const { return den_ != 0; }
    // Numerator and denominator in lowest terms, when both fit 64 bits.
    std::optional<std::pair<std::int64_t, std::int64_t>> parts() const;

private:
    using Wide = __int128;
    friend class WeightedSum;

    // den_ == 0 marks a big value: then big_ owns the mpq_class. Otherwise den_ > 0.
    union {
        std::int64_t num_ = 0;
        mpq_class* big_;
    };
    std::int64_t den_ = 1;

    void release() {
        if (den_ == 0) delete big_;
    }
    void copy_big(const Rational& other);

    mpq_class to_mpq() const;
    static Rational from_mpq(mpq_class value);
    // Keeps the fraction as it is while it is small enough, else reduces it, else goes big.
    static Rational from_wide(Wide numerator, Wide denominator) {
        if (denominator > 0 && denominator <= INT64_MAX && numerator >= INT64_MIN && numerator <= INT64_MAX) [[likely]] {
            Rational r;
            r.num_ = static_cast<std::int64_t>(numerator);
            r.den_ = static_cast<std::int64_t>(denominator);
            return r;
        }
        return reduce(numerator, denominator);
    }
    static Rational reduce(Wide numerator, Wide denominator);
    static Rational big_add(const Rational& a, const Rational& b);
    static Rational big_multiply(const Rational& a, const Rational& b);
    static Rational big_divide(const Rational& a, const Rational& b);
    static std::strong_ordering big_compare(const Rational& a, const Rational& b);
    Rational big_negate() const;
};

// Σ weight × value with integer weights, kept as one 128-bit fraction and reduced once at the
// end: adding six components with six denominators one at a time reduces at every step.
class WeightedSum {
public:
    void add(std::int64_t weight, const Rational& value);
    Rational total() const;

private:
    using Wide = __int128;
    Wide num_ = 0, den_ = 1;
    bool wide_ = true;  // false once a step would pass 128 bits (or a value is big): then exact_ holds the sum
    Rational exact_;
};

}  // namespace kaohe
