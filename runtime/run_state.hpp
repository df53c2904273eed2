// What one run may vary while the checked program and the plan stay shared and unchanged: the
// weights of each weighted sum (a what-if), and later parameter values and other overrides.
//
// Design decision: the program holds every default; a run starts from a copy of the parts it
// may vary. The evaluator reads weights through here, one indirection per weighted sum, so any
// number of runs can evaluate one program at the same time.
#pragma once

#include <vector>

#include "lang/program.hpp"

namespace kaohe {

struct RunState {
    IdVector<WeightingId, Weighting> weightings;  // per Program::weightings
};

inline RunState initial_state(const Program& program) { return RunState{program.weightings}; }

}  // namespace kaohe
