#include "text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace formpdf::text {

namespace {

struct ZhCollator {
    ZhCollator() {
        UErrorCode status = U_ZERO_ERROR;
        collator.reset(icu::Collator::createInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status) || !collator) {
            throw std::runtime_error(std::string("ICU collator for zh unavailable: ") +
                                     u_errorName(status));
        }
    }

    std::unique_ptr<icu::Collator> collator;
    std::mutex mutex; // one collator for every thread: sort keys are made one at a time
};

ZhCollator& zh_collator() {
    static ZhCollator instance;
    return instance;
}

} // namespace

std::string pinyin_sort_key(std::string_view utf8) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    ZhCollator& zh = zh_collator();
    const std::lock_guard lock(zh.mutex);
    std::vector<uint8_t> key(64);
    int32_t length = zh.collator->getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
    if (length > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(length));
        length = zh.collator->getSortKey(text, key.data(), length);
    }
    // The key ends with a 0 byte, which std::string compares like any other: drop it.
    return std::string(key.begin(), key.begin() + std::max(0, length - 1));
}

} // namespace formpdf::text
