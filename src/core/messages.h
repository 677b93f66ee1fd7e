#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace formpdf {

// The language of what formpdf says to people: diagnostics, hints, summaries, progress and help.
// English is the source text; Simplified Chinese comes from the gettext catalog po/zh_CN.po (built
// to LOCALEDIR/zh_CN/LC_MESSAGES/formpdf.mo). docs/messages.md.
enum class Language { English, Chinese };

// The language the environment asks for, as gettext reads it: the first of LC_ALL, LC_MESSAGES and
// LANG that is set and not empty; Chinese when it starts with "zh" (zh_CN.UTF-8, zh_CN, zh),
// English otherwise (C, POSIX, en_US.UTF-8, unset). LANGUAGE is not read: it only orders the
// languages of an already non-C locale.
Language language_from_environment(const char* lc_all, const char* lc_messages, const char* lang);

// "zh" or "en" (--lang); anything else is nullopt-like: returns false.
bool parse_language(std::string_view name, Language& language);

// Chooses the language for the rest of the process and binds the catalog in `locale_dir`. Chinese
// works even where the zh_CN.UTF-8 locale was never generated (a server, a container): then
// C.UTF-8 is used with LANGUAGE=zh_CN, which glibc's gettext honours for any locale but "C".
// Call once, before any other thread starts.
void set_language(Language language, const std::string& locale_dir);

Language current_language();

// The translation of an English message, or the message itself (English, or no translation).
// The argument is the msgid: a string literal, so that xgettext finds it (keyword `tr`).
const char* tr(const char* english);

// tr() with {0}, {1}, ... replaced by the arguments, in any order the translation needs:
// tr("no layout for form '{0}'", {id}).
std::string tr(const char* english, std::initializer_list<std::string_view> arguments);

// Marks an English text for the catalog where it is translated later, by whoever shows it (the help
// formatter translates option descriptions): xgettext finds it (keyword `N_`), nothing changes.
constexpr const char* N_(const char* english) {
    return english;
}

// {0}, {1}, ... of `pattern` replaced by the arguments; "{{" is a literal brace.
std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> arguments);

} // namespace formpdf
