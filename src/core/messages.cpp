#include "core/messages.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <vector>

namespace formpdf {

namespace {

constexpr const char* kDomain = "formpdf";

Language g_language = Language::English;

bool starts_with_zh(const char* value) {
    return value[0] == 'z' && value[1] == 'h' &&
           (value[2] == '\0' || value[2] == '_' || value[2] == '.' || value[2] == '-' ||
            value[2] == '@');
}

} // namespace

Language language_from_environment(const char* lc_all, const char* lc_messages, const char* lang) {
    for (const char* value : {lc_all, lc_messages, lang}) {
        if (value != nullptr && value[0] != '\0') {
            return starts_with_zh(value) ? Language::Chinese : Language::English;
        }
    }
    return Language::English;
}

bool parse_language(std::string_view name, Language& language) {
    if (name == "zh" || name == "zh_CN" || name == "zh-CN") {
        language = Language::Chinese;
        return true;
    }
    if (name == "en" || name == "C") {
        language = Language::English;
        return true;
    }
    return false;
}

void set_language(Language language, const std::string& locale_dir) {
    g_language = language;
    if (language == Language::English) {
        return; // the source text: no catalog is read
    }
    if (std::setlocale(LC_MESSAGES, "zh_CN.UTF-8") == nullptr &&
        std::setlocale(LC_MESSAGES, "zh_CN.utf8") == nullptr) {
        std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
    setenv("LANGUAGE", "zh_CN", 1);
    // The C library's own messages (strerror) are converted to LC_CTYPE's charset: in the "C"
    // locale a Chinese strerror would come out as "?????". Only the character set changes; numbers
    // (LC_NUMERIC) stay locale-free.
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) {
        std::setlocale(LC_CTYPE, "C.utf8");
    }
    bindtextdomain(kDomain, locale_dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
}

Language current_language() {
    return g_language;
}

const char* tr(const char* english) {
    if (g_language == Language::English) {
        return english;
    }
    return dgettext(kDomain, english);
}

std::string tr(const char* english, std::initializer_list<std::string_view> arguments) {
    return substitute(tr(english), arguments);
}

std::string substitute(std::string_view pattern,
                       std::initializer_list<std::string_view> arguments) {
    const std::vector<std::string_view> args(arguments);
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        if (c == '{') {
            std::size_t j = i + 1;
            std::size_t index = 0;
            while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') {
                index = index * 10 + static_cast<std::size_t>(pattern[j] - '0');
                ++j;
            }
            if (j > i + 1 && j < pattern.size() && pattern[j] == '}' && index < args.size()) {
                out += args[index];
                i = j;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace formpdf
