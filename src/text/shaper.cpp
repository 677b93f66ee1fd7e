#include "text/shaper.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/utf8.h"
#include "text/font_library_impl.h"
#include "text/line_breaker.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cstdio>

namespace formpdf::text {

MissingGlyphError::MissingGlyphError(char32_t code_point, std::size_t byte_offset)
    : std::runtime_error("no font of the chain has a glyph for " + code_point_label(code_point) +
                         " (byte " + std::to_string(byte_offset) + ")"),
      code_point_(code_point), byte_offset_(byte_offset) {}

namespace {

// Characters that never become glyphs: C0/C1 controls (newline, carriage return and tab included:
// forms have no tab stops, so a tab is not drawn as a space) and the line/paragraph separators.
// The line breaker and layout act on them; shaping skips them.
bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

// Unicode Default_Ignorable_Code_Point (zero-width space and joiners, variation selectors, BOM,
// bidi controls...). HarfBuzz removes them after shaping, so they need no glyph of their own; they
// stay with the face of the text around them so that joiners and selectors still work.
bool is_default_ignorable(char32_t cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160) ||
           (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
           (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}

bool is_mark(hb_unicode_funcs_t* unicode, char32_t cp) {
    switch (hb_unicode_general_category(unicode, cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return true;
    default:
        return false;
    }
}

bool is_cjk_script(hb_script_t script) {
    return script == HB_SCRIPT_HAN || script == HB_SCRIPT_HIRAGANA ||
           script == HB_SCRIPT_KATAKANA || script == HB_SCRIPT_BOPOMOFO;
}

// A stretch of text shaped with one face: [begin, end) in bytes of the whole text.
struct Run {
    FontId font = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool has_cjk = false;                         // some character of a CJK script
    hb_script_t other_script = HB_SCRIPT_INVALID; // the first non-CJK, non-common script seen
};

// The script a run is shaped with. Han (with language zh-Hans) whenever the run has CJK characters
// or only script-neutral ones (digits, punctuation, spaces): that selects the simplified-Chinese
// 'locl' forms of ，。“” in CJK fonts, and a face without Han lookups falls back to its default
// script. A run of another script with no Han in it (Latin words in a Latin fallback face) is
// shaped as that script, so the face's own kerning and features for it apply.
hb_script_t run_script(const Run& run) {
    if (run.has_cjk || run.other_script == HB_SCRIPT_INVALID) {
        return HB_SCRIPT_HAN;
    }
    return run.other_script;
}

// The face of the chain for one character: the first with a nominal glyph.
bool find_face(const FontLibrary& fonts, const FontChain& chain, char32_t cp, FontId& font) {
    for (const FontId candidate : chain.fonts) {
        if (fonts.has_glyph(candidate, cp)) {
            font = candidate;
            return true;
        }
    }
    return false;
}

// Splits the text into runs of one face each, skipping control characters.
std::vector<Run> itemize(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain) {
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::vector<Run> runs;
    bool in_run = false; // false at the start and after a control character
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::size_t offset = pos;
        char32_t cp = 0;
        if (!decode_utf8(utf8, pos, cp)) {
            cp = 0xFFFD; // what HarfBuzz substitutes for the bad byte, so it must have a glyph
        }
        if (is_control(cp)) {
            in_run = false;
            continue;
        }
        FontId font = chain.fonts.front();
        if (in_run && (is_default_ignorable(cp) ||
                       (is_mark(unicode, cp) && fonts.has_glyph(runs.back().font, cp)))) {
            font = runs.back().font; // keep a mark or joiner with its base character
        } else if (!find_face(fonts, chain, cp, font) && !is_default_ignorable(cp)) {
            throw MissingGlyphError(cp, offset);
        }
        if (!in_run || runs.back().font != font) {
            runs.push_back(Run{font, offset, pos});
            in_run = true;
        }
        Run& run = runs.back();
        run.end = pos;
        const hb_script_t script = hb_unicode_script(unicode, cp);
        if (is_cjk_script(script)) {
            run.has_cjk = true;
        } else if (run.other_script == HB_SCRIPT_INVALID && script != HB_SCRIPT_COMMON &&
                   script != HB_SCRIPT_INHERITED && script != HB_SCRIPT_UNKNOWN) {
            run.other_script = script;
        }
    }
    return runs;
}

// One buffer per thread, reused across calls: shape_text may run on several threads at once.
// A buffer keeps the arrays it grew to (~40 bytes a glyph); after a text of more glyphs than this
// the thread gets a fresh one, so that a megabyte value does not hold tens of megabytes for the
// rest of the process.
constexpr unsigned kKeptBufferGlyphs = 1u << 16;

HbBuffer& thread_buffer() {
    thread_local HbBuffer buffer(hb_buffer_create());
    return buffer;
}

hb_buffer_t* shaping_buffer() {
    return thread_buffer().get();
}

void release_large_buffer(std::size_t glyphs) {
    if (glyphs > kKeptBufferGlyphs) {
        thread_buffer().reset(hb_buffer_create());
    }
}

char32_t code_point_at(std::string_view utf8, std::size_t offset) {
    char32_t cp = 0xFFFD;
    decode_utf8(utf8, offset, cp);
    return cp;
}

} // namespace

ShapedText shape_text(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain,
                      double size_pt) {
    assert(!chain.fonts.empty());
    assert(utf8.size() <= static_cast<std::size_t>(INT_MAX));
    static const hb_language_t kSimplifiedChinese = hb_language_from_string("zh-Hans", -1);

    ShapedText shaped;
    shaped.text = std::string(utf8);
    shaped.size_pt = size_pt;
    // About one glyph a character: a third of the bytes for Chinese text.
    shaped.glyphs.reserve(
        static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
            return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
        })));

    const FontLibrary::Impl& impl = fonts.impl();
    hb_buffer_t* buffer = shaping_buffer();
    for (const Run& run : itemize(fonts, utf8, chain)) {
        hb_buffer_clear_contents(buffer);
        // The whole text goes in with the run as the item, so clusters are byte offsets into the
        // whole text and the shaper sees the characters around the run as context.
        hb_buffer_add_utf8(buffer, utf8.data(), static_cast<int>(utf8.size()),
                           static_cast<unsigned>(run.begin), static_cast<int>(run.end - run.begin));
        hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer, run_script(run));
        hb_buffer_set_language(buffer, kSimplifiedChinese);
        unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
        if (run.begin == 0) {
            flags |= HB_BUFFER_FLAG_BOT;
        }
        if (run.end == utf8.size()) {
            flags |= HB_BUFFER_FLAG_EOT;
        }
        hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
        hb_shape(impl.font(run.font), buffer, nullptr, 0);

        unsigned count = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
        const FontResource& resource = fonts.resource(run.font);
        const double points_per_unit = size_pt / static_cast<double>(resource.units_per_em);
        for (unsigned i = 0; i < count; ++i) {
            if (infos[i].codepoint == 0) {
                // The cmap had the character but shaping produced .notdef (a broken font).
                throw MissingGlyphError(code_point_at(utf8, infos[i].cluster), infos[i].cluster);
            }
            if (infos[i].codepoint >= resource.glyph_count) {
                // HarfBuzz passes on whatever glyph a damaged cmap or GSUB names; no subset of
                // the font could hold it.
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "U+%04X",
                              static_cast<unsigned>(code_point_at(utf8, infos[i].cluster)));
                throw DiagnosticError(make_error(
                    SourceLoc{resource.path, 0, 0},
                    tr("damaged font file: it gives {0} glyph {1}, and it has only {2} glyphs",
                       {buffer, std::to_string(infos[i].codepoint),
                        std::to_string(resource.glyph_count)}),
                    tr("its cmap, GSUB or maxp table is damaged; replace it with an intact copy of "
                       "the font, or remove it to use another font")));
            }
            ShapedGlyph glyph;
            glyph.font = run.font;
            glyph.gid = infos[i].codepoint;
            glyph.advance_units = positions[i].x_advance;
            glyph.advance_pt = positions[i].x_advance * points_per_unit;
            glyph.cluster = infos[i].cluster;
            shaped.glyphs.push_back(glyph);
        }
    }
    release_large_buffer(shaped.glyphs.size());
    return shaped;
}

void warm_up(const FontLibrary& fonts, FontId font) {
    // Han, CJK punctuation, Latin and digits: the runs a form's text is made of.
    constexpr std::string_view kSample = "绩效目标（申报）：完成率≥95%，Project 2026。";
    try {
        const ShapedText shaped = shape_text(fonts, kSample, FontChain{{font}}, 10.5);
        break_lines(shaped, 60);
    } catch (const MissingGlyphError&) {
        // A face without these characters (a Latin-only fallback): its first real use readies it.
    }
}

} // namespace formpdf::text
