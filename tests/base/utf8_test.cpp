// UTF-8 is read strictly: what is not the shortest form of a character is no text at all.
#include <catch2/catch.hpp>

#include "base/utf8.hpp"

using kaohe::first_invalid_utf8;

TEST_CASE("valid UTF-8 passes, every malformed form is found where it starts") {
    CHECK(first_invalid_utf8("民主测评 ok \xEF\xBF\xBD \xF0\x9F\x98\x80") == std::string_view::npos);
    CHECK(first_invalid_utf8("a\xC0\x80") == 1);              // overlong U+0000
    CHECK(first_invalid_utf8("ab\xE0\x80\xAF") == 2);         // overlong '/'
    CHECK(first_invalid_utf8("\xF0\x80\x80\xAF") == 0);       // overlong, four bytes
    CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1);          // a surrogate, U+D800
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);       // past U+10FFFF
    CHECK(first_invalid_utf8("\xF8\x88\x80\x80\x80") == 0);   // a five-byte form
    CHECK(first_invalid_utf8("\xE6\xB0") == 0);               // cut short
    CHECK(first_invalid_utf8("\x80") == 0);                   // a lone continuation byte
}

#include "base/digest.hpp"

TEST_CASE("SHA-256 of a text, as hex") {
    CHECK(kaohe::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(kaohe::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
