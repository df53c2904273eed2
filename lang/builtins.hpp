// The built-in functions: one table drives name lookup, arity checks and the evaluator.
#pragma once

#include <string_view>

namespace kaohe {

// X(enum name, spelling in policies, min args, max args, aggregates over a list/collection)
#define KAOHE_BUILTINS(X)                          \
    X(round2, "round2", 1, 1, false)               \
    X(round_half_up, "round_half_up", 2, 2, false)         \
    X(floor, "floor", 1, 1, false)                 \
    X(ceil, "ceil", 1, 1, false)                   \
    X(abs, "abs", 1, 1, false)                     \
    X(count, "count", 1, 1, true)                  \
    X(sum, "sum", 1, 1, true)                      \
    X(mean, "mean", 1, 1, true)                    \
    X(min, "min", 1, 8, true)                      \
    X(max, "max", 1, 8, true)                      \
    X(any, "any", 1, 1, true)                      \
    X(empty, "empty", 1, 1, true)                  \
    X(fraction, "fraction", 1, 1, true)                \
    X(contains, "contains", 2, 2, false)

enum class Builtin {
#define KAOHE_BUILTIN_ENUM(name, spelling, min_args, max_args, aggregate) name,
    KAOHE_BUILTINS(KAOHE_BUILTIN_ENUM)
#undef KAOHE_BUILTIN_ENUM
};

struct BuiltinInfo {
    Builtin id;
    std::string_view spelling;
    int min_args;
    int max_args;
    bool aggregate;  // with one argument, folds a list or a collection of child entities
};

inline constexpr BuiltinInfo builtin_table[] = {
#define KAOHE_BUILTIN_INFO(name, spelling, min_args, max_args, aggregate) \
    {Builtin::name, spelling, min_args, max_args, aggregate},
    KAOHE_BUILTINS(KAOHE_BUILTIN_INFO)
#undef KAOHE_BUILTIN_INFO
};

inline const BuiltinInfo* find_builtin(std::string_view spelling) {
    for (const auto& info : builtin_table)
        if (info.spelling == spelling) return &info;
    return nullptr;
}

inline const BuiltinInfo& builtin_info(Builtin id) { return builtin_table[static_cast<int>(id)]; }

}  // namespace kaohe
