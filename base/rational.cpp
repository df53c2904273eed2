#include "base/rational.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace kaohe {
namespace {

using Wide = __int128;

Wide gcd_wide(Wide a, Wide b) {
    using Unsigned = unsigned __int128;
    Unsigned x = a < 0 ? -Unsigned(a) : Unsigned(a), y = b < 0 ? -Unsigned(b) : Unsigned(b);
    // Euclid's steps while an operand needs 128 bits (usually one), then binary gcd in 64 bits,
    // where shifts and subtractions are cheaper than any division.
    while (x > UINT64_MAX || y > UINT64_MAX) {
        if (x < y) std::swap(x, y);
        if (y == 0) return static_cast<Wide>(x);
        x %= y;
    }
    std::uint64_t u = static_cast<std::uint64_t>(x), v = static_cast<std::uint64_t>(y);
    if (u == 0) return v;
    if (v == 0) return u;
    int shift = __builtin_ctzll(u | v);
    u >>= __builtin_ctzll(u);
    do {
        v >>= __builtin_ctzll(v);
        if (u > v) std::swap(u, v);
        v -= u;
    } while (v != 0);
    return u << shift;
}

bool fits_int64(Wide v) { return v >= INT64_MIN && v <= INT64_MAX; }

mpz_class wide_to_mpz(Wide v) {
    bool negative = v < 0;
    unsigned __int128 magnitude = negative ? -(unsigned __int128)v : (unsigned __int128)v;
    mpz_class high = static_cast<unsigned long>(magnitude >> 64);
    mpz_class low = static_cast<unsigned long>(magnitude & 0xFFFFFFFFFFFFFFFFull);
    mpz_class result = (high << 64) + low;
    return negative ? mpz_class(-result) : result;
}

}  // namespace

void Rational::copy_big(const Rational& other) { big_ = new mpq_class(*other.big_); }

Rational Rational::fraction(std::int64_t numerator, std::int64_t denominator) {
    if (denominator == 0) throw std::domain_error("division by zero");
    return from_wide(numerator, denominator);
}

Rational Rational::reduce(Wide numerator, Wide denominator) {
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    Wide divisor = gcd_wide(numerator, denominator);
    if (divisor > 1) {
        // 64-bit division where the operands allow: several times cheaper than 128-bit.
        if (numerator >= INT64_MIN && numerator <= INT64_MAX && denominator <= INT64_MAX) {
            auto d = static_cast<std::int64_t>(divisor);
            numerator = static_cast<std::int64_t>(numerator) / d;
            denominator = static_cast<std::int64_t>(denominator) / d;
        } else {
            numerator /= divisor;
            denominator /= divisor;
        }
    }
    if (fits_int64(numerator) && fits_int64(denominator)) {
        Rational r;
        r.num_ = static_cast<std::int64_t>(numerator);
        r.den_ = static_cast<std::int64_t>(denominator);
        return r;
    }
    mpq_class q(wide_to_mpz(numerator), wide_to_mpz(denominator));
    return from_mpq(std::move(q));
}

Rational Rational::from_mpq(mpq_class value) {
    Rational r;
    const mpz_class& n = value.get_num();
    const mpz_class& d = value.get_den();
    if (n.fits_slong_p() && d.fits_slong_p()) {
        r.num_ = n.get_si();
        r.den_ = d.get_si();
    } else {
        r.big_ = new mpq_class(std::move(value));
        r.den_ = 0;
    }
    return r;
}

mpq_class Rational::to_mpq() const {
    if (!is_small()) return *big_;
    mpq_class q(wide_to_mpz(num_), wide_to_mpz(den_));
    q.canonicalize();  // small fractions are reduced lazily
    return q;
}

std::optional<Rational> Rational::parse(std::string_view text) {
    // Fast path: plain decimals of at most 18 digits ("88.6", "-12", "0.125") fit machine integers.
    {
        std::size_t i = 0;
        bool negative = i < text.size() && text[i] == '-';
        if (negative) ++i;
        std::int64_t digits = 0;
        int count = 0, scale = 0;
        bool point = false, plain = i < text.size();
        for (; i < text.size() && plain; ++i) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                plain = ++count <= 18;  // before the multiplication: a 19th digit could overflow it
                if (!plain) break;
                digits = digits * 10 + (c - '0');
                scale += point;
            } else if (c == '.' && !point && count > 0 && i + 1 < text.size()) {
                point = true;
            } else {
                plain = false;
            }
        }
        if (plain && count > 0) {
            std::int64_t denominator = 1;
            for (int k = 0; k < scale; ++k) denominator *= 10;
            return from_wide(negative ? -Wide(digits) : Wide(digits), denominator);
        }
    }
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    // The digits are gathered as text and converted once: GMP converts in subquadratic time,
    // where multiplying by ten a digit at a time took 14 s for a million digits.
    std::string digit_text;
    long scale = 0;
    bool any_digit = false, seen_point = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            digit_text += c;
            any_digit = true;
            if (seen_point) ++scale;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any_digit) return std::nullopt;
    long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exponent_negative = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) exponent_negative = text[i++] == '-';
        bool exponent_digit = false;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            exponent_digit = true;
            if (exponent > largest_exponent) return std::nullopt;  // absurd magnitudes are not data
        }
        if (!exponent_digit) return std::nullopt;
        if (exponent_negative) exponent = -exponent;
    }
    if (i != text.size()) return std::nullopt;
    mpz_class digits(digit_text, 10);
    long power = exponent - scale;
    mpz_class ten_power;
    mpz_ui_pow_ui(ten_power.get_mpz_t(), 10, static_cast<unsigned long>(power < 0 ? -power : power));
    mpq_class q = power < 0 ? mpq_class(digits, ten_power) : mpq_class(digits * ten_power);
    q.canonicalize();
    if (negative) q = -q;
    return from_mpq(std::move(q));
}

Rational Rational::big_add(const Rational& a, const Rational& b) { return from_mpq(a.to_mpq() + b.to_mpq()); }
Rational Rational::big_multiply(const Rational& a, const Rational& b) { return from_mpq(a.to_mpq() * b.to_mpq()); }

Rational Rational::big_divide(const Rational& a, const Rational& b) {
    if (b.is_zero()) throw std::domain_error("division by zero");
    return from_mpq(a.to_mpq() / b.to_mpq());
}

Rational Rational::big_negate() const { return from_mpq(-to_mpq()); }

std::strong_ordering Rational::big_compare(const Rational& a, const Rational& b) {
    int c = cmp(a.to_mpq(), b.to_mpq());
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

int Rational::sign() const { return is_small() ? (num_ > 0) - (num_ < 0) : sgn(*big_); }
bool Rational::is_integer() const { return is_small() ? num_ % den_ == 0 : big_->get_den() == 1; }

Rational Rational::floor() const {
    if (is_small()) {
        std::int64_t q = num_ / den_;
        if (num_ % den_ != 0 && num_ < 0) --q;
        return Rational(q);
    }
    mpz_class q;
    mpz_fdiv_q(q.get_mpz_t(), big_->get_num_mpz_t(), big_->get_den_mpz_t());
    return from_mpq(mpq_class(q));
}

Rational Rational::ceil() const { return -(-*this).floor(); }

namespace {

// 10^places as a 128-bit integer, for places up to 18.
Wide power_of_ten(int places) {
    Wide p = 1;
    for (int i = 0; i < places; ++i) p *= 10;
    return p;
}

// round half away from zero of n/d (d > 0) to an integer, exactly.
Wide round_quotient_half_up(Wide n, Wide d) {
    bool negative = n < 0;
    if (negative) n = -n;
    // 64-bit division when it can hold 2n + d: a 128-bit one is a library call.
    constexpr Wide limit = Wide{1} << 61;
    Wide q = n < limit && d < limit ? Wide(static_cast<std::uint64_t>(2 * n + d) / static_cast<std::uint64_t>(2 * d))
                                    : (2 * n + d) / (2 * d);
    return negative ? -q : q;
}

}  // namespace

Rational Rational::round_half_up(int places) const {
    // Small values: |num| < 2^63 and 10^18 < 2^60, so 2 × num × 10^places fits in 128 bits.
    if (is_small() && places <= 18) {
        Wide scale = power_of_ten(places);
        return from_wide(round_quotient_half_up(Wide(num_) * scale, den_), scale);
    }
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(places));
    mpq_class scaled = to_mpq() * scale;
    bool negative = sgn(scaled) < 0;
    if (negative) scaled = -scaled;
    // half away from zero: floor(|x| * 10^p + 1/2)
    mpq_class shifted = scaled + mpq_class(1, 2);
    mpz_class rounded;
    mpz_fdiv_q(rounded.get_mpz_t(), shifted.get_num_mpz_t(), shifted.get_den_mpz_t());
    if (negative) rounded = -rounded;
    mpq_class result(rounded, scale);
    result.canonicalize();
    return from_mpq(std::move(result));
}

std::optional<std::pair<std::int64_t, std::int64_t>> Rational::parts() const {
    if (!is_small()) return std::nullopt;
    Rational lowest = reduce(num_, den_);
    if (!lowest.is_small()) return std::nullopt;
    return std::pair{lowest.num_, lowest.den_};
}

std::optional<std::int64_t> Rational::to_int64() const {
    if (!is_small() || num_ % den_ != 0) return std::nullopt;
    return num_ / den_;
}

namespace {

// num/den with exactly `places` decimals, rounded half up (num·10^places fits 128 bits). Digits
// are cut from a 64-bit integer where they fit: 128-bit division is a library call per digit.
std::string decimal_text(Wide num, Wide den, int places) {
    Wide digits = round_quotient_half_up(num * power_of_ten(places), den);
    bool negative = digits < 0;
    if (negative) digits = -digits;
    char buffer[48];  // 2^127 has 39 digits; a sign, a point and leading zeros fit beside them
    char* end = buffer + sizeof buffer;
    char* first = end;
    auto put_digits = [&](auto value) {
        do {
            *--first = static_cast<char>('0' + static_cast<int>(value % 10));
            value /= 10;
        } while (value != 0);
    };
    if (digits <= Wide(UINT64_MAX)) put_digits(static_cast<std::uint64_t>(digits));
    else put_digits(digits);
    if (places > 0) {
        while (end - first <= places) *--first = '0';
        // shift the integer part left by one to open the point's place
        char* point = end - places;
        std::copy(first, point, first - 1);
        --first;
        *(point - 1) = '.';
    }
    if (negative) *--first = '-';
    return std::string(first, end);
}

// Whether num·10^places is a multiple of den, in 64 bits when the product fits.
bool exact_in_places(std::int64_t num, std::int64_t den, int places) {
    static constexpr std::int64_t powers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                              1000000000, 10000000000, 100000000000, 1000000000000};
    if (places < 13) {
        std::int64_t product;
        if (!__builtin_mul_overflow(num, powers[places], &product)) return product % den == 0;
    }
    return (Wide(num) * power_of_ten(places)) % den == 0;
}

}  // namespace

std::string Rational::to_decimal(int min_places) const {
    constexpr int repeating_places = 12;
    // The common case, without reducing: exact within the places machine integers hold.
    if (is_small())
        for (int places = min_places; places <= 18; ++places)
            if (exact_in_places(num_, den_, places)) return decimal_text(num_, den_, places);
    // Otherwise: a terminating decimal's denominator in lowest terms is 2^a·5^b; it needs max(a, b) places.
    int twos = 0, fives = 0;
    bool ends;
    if (auto part = parts()) {  // the common case, in machine integers
        std::int64_t den = part->second;
        for (; den % 2 == 0; den /= 2) ++twos;
        for (; den % 5 == 0; den /= 5) ++fives;
        ends = den == 1;
    } else {
        mpz_class den = to_mpq().get_den();
        for (; mpz_divisible_ui_p(den.get_mpz_t(), 2); den /= 2) ++twos;
        for (; mpz_divisible_ui_p(den.get_mpz_t(), 5); den /= 5) ++fives;
        ends = den == 1;
    }
    return to_string(min_places, ends ? std::max({twos, fives, repeating_places}) : repeating_places);
}

bool Rational::has_finite_decimal() const {
    mpz_class denominator = to_mpq().get_den();
    while (mpz_divisible_ui_p(denominator.get_mpz_t(), 2)) denominator /= 2;
    while (mpz_divisible_ui_p(denominator.get_mpz_t(), 5)) denominator /= 5;
    return denominator == 1;
}

std::string Rational::to_exact_text() const {
    if (has_finite_decimal()) return to_string(0, 100000);
    return to_mpq().get_str();  // canonical: lowest terms, sign on the numerator
}

std::string Rational::to_string(int min_places, int max_places) const {
    if (is_small() && max_places <= 18) {
        // The fewest places (at least min_places) that are exact, else max_places rounded.
        int places = min_places;
        while (places < max_places && !exact_in_places(num_, den_, places)) ++places;
        return decimal_text(num_, den_, places);
    }
    // Find how many places represent the value exactly, up to max_places.
    int places = min_places;
    Rational value = *this;
    for (; places < max_places; ++places) {
        if (value.round_half_up(places) == value) break;
    }
    Rational rounded = value.round_half_up(places);
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(places));
    mpq_class scaled = rounded.to_mpq() * scale;
    mpz_class digits = scaled.get_num();  // integral after rounding
    bool negative = sgn(digits) < 0;
    if (negative) digits = -digits;
    std::string text = digits.get_str();
    if (places > 0) {
        if (text.size() <= static_cast<std::size_t>(places)) text.insert(0, places + 1 - text.size(), '0');
        text.insert(text.size() - places, ".");
    }
    return negative ? "-" + text : text;
}

void WeightedSum::add(std::int64_t weight, const Rational& value) {
    if (wide_ && value.is_small()) {
        Wide term = Wide(weight) * value.num_;  // 63 + 63 bits: fits
        Wide num, den, scaled;
        if (value.den_ == den_) {
            if (!__builtin_add_overflow(num_, term, &num)) {
                num_ = num;
                return;
            }
        } else if (!__builtin_mul_overflow(num_, Wide(value.den_), &num) &&
                   !__builtin_mul_overflow(term, den_, &scaled) && !__builtin_add_overflow(num, scaled, &num) &&
                   !__builtin_mul_overflow(den_, Wide(value.den_), &den)) {
            num_ = num;
            den_ = den;
            return;
        }
    }
    if (wide_) {
        exact_ = Rational::reduce(num_, den_);
        wide_ = false;
    }
    exact_ = exact_ + Rational(weight) * value;
}

Rational WeightedSum::total() const { return wide_ ? Rational::from_wide(num_, den_) : exact_; }

}  // namespace kaohe
