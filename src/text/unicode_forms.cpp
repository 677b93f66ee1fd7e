#include "text/unicode_forms.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <string>

namespace formpdf::text {

namespace {

const icu::Normalizer2& normalizer(bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = compose ? icu::Normalizer2::getNFCInstance(status)
                                               : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || instance == nullptr) {
        throw std::runtime_error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
    }
    return *instance;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

icu::UnicodeString normalized(const icu::UnicodeString& text, bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = normalizer(compose).normalize(text, status);
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU normalization failed: ") + u_errorName(status));
    }
    return out;
}

} // namespace

bool is_format_character(char32_t code_point) {
    return u_charType(static_cast<UChar32>(code_point)) == U_FORMAT_CHAR;
}

std::string to_nfc(std::string_view utf8) {
    return to_utf8(normalized(icu::UnicodeString::fromUTF8(utf8), true));
}

std::string caseless_key(std::string_view utf8) {
    icu::UnicodeString text = normalized(icu::UnicodeString::fromUTF8(utf8), false);
    text.foldCase();
    return to_utf8(normalized(text, false));
}

} // namespace formpdf::text
