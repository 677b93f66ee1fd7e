#include "pdf/font_subset.h"

#include "pdf/hb_handles.h"
#include "pdf/pdf_writer.h"

#include <array>
#include <vector>

namespace formpdf::pdf {
namespace {

// Tables a PDF reader needs from each kind of font program; everything else is dropped.
// CFF: only the 'CFF ' table is embedded, the others are kept because hb-subset derives the CFF
// subset's metrics from them. glyf: the tables PDF 32000-1 9.9 lists for embedded TrueType.
constexpr std::array kCffKeptTables = {
    HB_TAG('C', 'F', 'F', ' '), HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'),
    HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'), HB_TAG('O', 'S', '/', '2'),
};
constexpr std::array kGlyfKeptTables = {
    HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
    HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
    HB_TAG('c', 'v', 't', ' '), HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'),
};

template <std::size_t N> bool contains(const std::array<hb_tag_t, N>& tags, hb_tag_t tag) {
    for (hb_tag_t kept : tags) {
        if (kept == tag) {
            return true;
        }
    }
    return false;
}

// Marks every table of the face that is not in the kept list for dropping.
void drop_unneeded_tables(hb_face_t* face, bool is_cff, hb_subset_input_t* input) {
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    std::vector<hb_tag_t> tags(64);
    unsigned offset = 0;
    for (;;) {
        unsigned count = static_cast<unsigned>(tags.size());
        hb_face_get_table_tags(face, offset, &count, tags.data());
        for (unsigned i = 0; i < count; ++i) {
            const bool kept =
                is_cff ? contains(kCffKeptTables, tags[i]) : contains(kGlyfKeptTables, tags[i]);
            if (!kept) {
                hb_set_add(drop, tags[i]);
            }
        }
        if (count < tags.size()) {
            break;
        }
        offset += count;
    }
}

std::string blob_bytes(hb_blob_t* blob) {
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    return std::string(data == nullptr ? "" : data, length);
}

} // namespace

HbFace reduced_face(hb_face_t* face, bool is_cff) {
    HbFace builder(hb_face_builder_create());
    const auto add = [&](hb_tag_t tag) {
        HbBlob table(hb_face_reference_table(face, tag));
        if (hb_blob_get_length(table.get()) > 0) {
            hb_face_builder_add_table(builder.get(), tag, table.get());
        }
    };
    if (is_cff) {
        for (hb_tag_t tag : kCffKeptTables) {
            add(tag);
        }
    } else {
        for (hb_tag_t tag : kGlyfKeptTables) {
            add(tag);
        }
    }
    // Used as it is, not serialised: the builder only references the tables (no copy of the
    // 17 MB CFF of a Noto CJK face). It cannot list its tables, and hb-subset then probes each
    // table it knows instead (hb-subset.cc, _get_table_tags): the subset is the same.
    hb_face_make_immutable(builder.get());
    return builder;
}

FontSubset subset_font(hb_face_t* face, bool is_cff, const std::set<std::uint32_t>& gids,
                       bool retain_gids) {
    HbSubsetInput input(hb_subset_input_create_or_fail());
    if (!input) {
        throw PdfError("hb-subset: cannot allocate a subset input");
    }
    hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
    for (std::uint32_t gid : gids) {
        hb_set_add(glyphs, gid);
    }
    // Keep only the requested glyphs: no Unicode-driven additions.
    hb_set_clear(hb_subset_input_unicode_set(input.get()));
    drop_unneeded_tables(face, is_cff, input.get());
    // Desubroutinized CFF is smaller for the few hundred glyphs of a form and as fast to make.
    unsigned flags = is_cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : HB_SUBSET_FLAGS_DEFAULT;
    if (retain_gids) {
        flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    }
    hb_subset_input_set_flags(input.get(), flags);

    HbSubsetPlan plan(hb_subset_plan_create_or_fail(face, input.get()));
    if (!plan) {
        throw PdfError("hb-subset: cannot plan the subset of " + std::to_string(gids.size()) +
                       " glyphs");
    }
    FontSubset subset;
    const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
    for (std::uint32_t gid : gids) {
        const hb_codepoint_t new_gid = hb_map_get(mapping, gid);
        if (new_gid == HB_MAP_VALUE_INVALID) {
            throw PdfError("hb-subset: glyph " + std::to_string(gid) +
                           " is missing from the subset");
        }
        subset.old_to_new.emplace(gid, new_gid);
    }

    HbFace subset_face(hb_subset_plan_execute_or_fail(plan.get()));
    if (!subset_face) {
        throw PdfError("hb-subset: subsetting " + std::to_string(gids.size()) + " glyphs failed");
    }
    if (is_cff) {
        HbBlob cff(hb_face_reference_table(subset_face.get(), HB_TAG('C', 'F', 'F', ' ')));
        subset.font_program = blob_bytes(cff.get());
    } else {
        HbBlob file(hb_face_reference_blob(subset_face.get()));
        subset.font_program = blob_bytes(file.get());
    }
    if (subset.font_program.empty()) {
        throw PdfError("hb-subset: the subset font program is empty");
    }
    return subset;
}

} // namespace formpdf::pdf
