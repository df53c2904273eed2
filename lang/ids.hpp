// The ids of the checked program, each an index into one of its tables, apart from the header
// that defines the tables, so a runtime value can hold a band index without the whole program.
#pragma once

#include "base/id.hpp"

namespace kaohe {

// Ids into the program's tables; none (the default) where the old code said −1.
using SymbolId = Id<struct SymbolTag>;        // Program::symbols
using EntityId = Id<struct EntityTag>;        // Program::entities; none: the whole scheme
using RecordId = Id<struct RecordTag>;        // Program::records
using InputId = Id<struct InputTag>;          // Program::inputs
using FunctionId = Id<struct FunctionTag>;    // Program::functions
using VariantId = Id<struct VariantTag>;      // Program::variants
using WeightingId = Id<struct WeightingTag>;  // Program::weightings (and a run's copy of them)
using BandIndex = Id<struct BandTag>;         // Grade::bands, best first
using FieldIndex = Id<struct FieldTag>;       // RecordType::fields
using EnumId = Id<struct EnumTag>;            // Program::enums
using LocalSlot = Id<struct LocalTag>;        // a function's parameters, or a record's fields, in a frame

}  // namespace kaohe
