#include "workbook/text_decoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <memory>
#include <vector>

namespace formpdf::workbook {

std::optional<std::string> decode_to_utf8(std::string_view bytes, const char* encoding,
                                          std::size_t* bad_offset) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(encoding, &status),
                                                                 &ucnv_close);
    if (U_FAILURE(status)) {
        return std::nullopt;
    }
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    std::vector<UChar> utf16(bytes.size() + 16);
    UChar* target = utf16.data();
    const char* source = bytes.data();
    ucnv_toUnicode(converter.get(), &target, utf16.data() + utf16.size(), &source,
                   bytes.data() + bytes.size(), nullptr, true, &status);
    if (U_FAILURE(status)) {
        if (bad_offset) {
            char invalid[32];
            int8_t length = sizeof invalid;
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter.get(), invalid, &length, &ignored);
            *bad_offset = static_cast<std::size_t>(source - bytes.data()) -
                          static_cast<std::size_t>(U_SUCCESS(ignored) ? length : 0);
        }
        return std::nullopt;
    }
    const auto units = static_cast<int32_t>(target - utf16.data());
    int32_t length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &length, utf16.data(), units, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
        return std::nullopt;
    }
    std::string utf8(static_cast<std::size_t>(length), '\0');
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), length, &length, utf16.data(), units, &status);
    if (U_FAILURE(status)) {
        if (bad_offset) {
            *bad_offset = 0;
        }
        return std::nullopt; // an unpaired surrogate
    }
    return utf8;
}

} // namespace formpdf::workbook
