#include "load/layout_loader.h"

#include "core/file_io.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "load/field_references.h"
#include "load/form_definition_reader.h"
#include "load/input_method_slips.h"
#include "load/layout_fit.h"
#include "load/table_reader.h"
#include "load/tightening_reader.h"
#include "load/yaml_reader.h"

#include <algorithm>
#include <span>
#include <utility>

namespace formpdf::load {

const FontSpec* LayoutSpec::find_font(const std::string& name) const {
    const auto it = std::find_if(fonts.begin(), fonts.end(),
                                 [&](const FontSpec& font) { return font.name == name; });
    return it == fonts.end() ? nullptr : &*it;
}

const StyleSpec* LayoutSpec::find_style(const std::string& name) const {
    const auto it = std::find_if(styles.begin(), styles.end(),
                                 [&](const StyleSpec& style) { return style.name == name; });
    return it == styles.end() ? nullptr : &*it;
}

namespace {

constexpr std::string_view kFormatKey = "formpdf-layout";
constexpr std::string_view kFormatVersion = "1";

struct PaperSize {
    std::string_view name;
    double width_mm;
    double height_mm;
};

// ISO 216 (B5 is the ISO/GB size, not JIS) and the two US sizes.
constexpr PaperSize kPaperSizes[] = {
    {"A4", 210, 297}, {"A3", 297, 420},         {"A5", 148, 210},
    {"B5", 176, 250}, {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6},
};

// The content key that starts a block, and the other keys that kind of block takes. A new kind of
// block (such as a table) is a new row here plus its reader in read_block().
struct BlockKindInfo {
    std::string_view key;
    BlockKind kind;
    std::span<const std::string_view> options;
    std::string_view default_style; // empty: the block has no text
};

constexpr std::string_view kTextBlockOptions[] = {
    "style",       "width", "align",
    "frame",       "fill",  "space-before",
    "space-after", "field", "keep-with-previous",
};

constexpr std::string_view kTableBlockOptions[] = {
    "space-before",
    "space-after",
    "keep-with-previous",
};

constexpr BlockKindInfo kBlockKinds[] = {
    {"title", BlockKind::Title, kTextBlockOptions, "title"},
    {"paragraph", BlockKind::Paragraph, kTextBlockOptions, "body"},
    {"spacer", BlockKind::Spacer, {}, {}},
    {"table", BlockKind::Table, kTableBlockOptions, {}},
};

std::vector<std::string_view> names_of(const auto& items) {
    std::vector<std::string_view> names;
    for (const auto& item : items) {
        names.push_back(item.name);
    }
    return names;
}

SourceLoc whole_file(const std::string& file) {
    return SourceLoc{file, 0, 0};
}

// ---------------------------------------------------------------------------------------------
// Built-in values: a layout that sets nothing still has the slots and styles the program uses.

std::vector<FontSpec> builtin_fonts(const std::string& file) {
    return {
        FontSpec{"body", "Noto Serif CJK SC", 400, whole_file(file)},
        FontSpec{"heavy", "Noto Sans CJK SC", 700, whole_file(file)},
    };
}

std::vector<StyleSpec> builtin_styles(const std::string& file) {
    StyleSpec title;
    title.name = "title";
    title.font = "heavy";
    title.size_pt = 18;
    title.align = HAlign::Center;
    StyleSpec body;
    body.name = "body";
    body.font = "body";
    body.size_pt = 10.5;
    for (StyleSpec* style : {&title, &body}) {
        style->font_loc = whole_file(file);
        style->loc = whole_file(file);
    }
    return {title, body};
}

// The base of a style or slot the file defines: the built-in one of that name, or `fallback`.
template <typename Spec>
Spec base_for(const std::vector<Spec>& builtins, const std::string& name, const Spec& fallback) {
    for (const Spec& spec : builtins) {
        if (spec.name == name) {
            return spec;
        }
    }
    return fallback;
}

// Replaces the spec of the same name, or appends: built-ins keep their place, new names follow in
// the file's order.
template <typename Spec> void put(std::vector<Spec>& specs, Spec spec) {
    for (Spec& existing : specs) {
        if (existing.name == spec.name) {
            existing = std::move(spec);
            return;
        }
    }
    specs.push_back(std::move(spec));
}

// ---------------------------------------------------------------------------------------------
// Values

// One length for all four sides, or {top:, right:, bottom:, left:} with the others from defaults.
Insets read_insets(const ValueReader& value, const Insets& defaults) {
    if (!value.is_map()) {
        const double all = value.length_pt();
        return Insets{all, all, all, all};
    }
    const MapReader sides = value.map({"top", "right", "bottom", "left"});
    Insets insets = defaults;
    const std::pair<std::string_view, double*> fields[] = {
        {"top", &insets.top},
        {"right", &insets.right},
        {"bottom", &insets.bottom},
        {"left", &insets.left},
    };
    for (const auto& [key, field] : fields) {
        if (const auto side = sides.find(key)) {
            *field = side->length_pt();
        }
    }
    return insets;
}

HAlign read_halign(const ValueReader& value) {
    return value.choice<HAlign>(
        {{"left", HAlign::Left}, {"center", HAlign::Center}, {"right", HAlign::Right}});
}

VAlign read_valign(const ValueReader& value) {
    return value.choice<VAlign>(
        {{"top", VAlign::Top}, {"middle", VAlign::Middle}, {"bottom", VAlign::Bottom}});
}

int read_weight(const ValueReader& value) {
    static constexpr NamedValue<int> kWeights[] = {
        {"regular", 400}, {"normal", 400}, {"medium", 500}, {"bold", 700}};
    const char* const kExpected =
        tr("a font weight: regular, normal, medium, bold, or a number from 100 to 900");
    if (!value.is_scalar()) {
        value.fail_expected(kExpected);
    }
    std::string text = value.text();
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    for (const NamedValue<int>& weight : kWeights) {
        if (text == weight.name) {
            return weight.value;
        }
    }
    if (text.empty() || text[0] < '0' || text[0] > '9') {
        value.fail_expected(kExpected);
    }
    return value.integer(100, 900);
}

// ---------------------------------------------------------------------------------------------
// Sections

void check_format_version(const MapReader& root) {
    const std::optional<ValueReader> version = root.find(kFormatKey);
    if (!version) {
        root.value().fail(
            tr("this is not a formpdf layout file: the key 'formpdf-layout' is missing"),
            tr("a layout file starts with the line `formpdf-layout: 1`"));
    }
    if (!version->is_scalar()) {
        version->fail_expected("1", tr("a layout file starts with the line `formpdf-layout: 1`"));
    }
    if (version->text() != kFormatVersion) {
        version->fail(tr("unsupported layout format version {0}", {version->describe()}),
                      tr("this formpdf reads layout format 1: write `formpdf-layout: 1`"));
    }
}

void read_paper_size(const ValueReader& value, PageSpec& page) {
    if (value.is_list()) {
        const std::vector<ValueReader> sides = value.list();
        if (sides.size() != 2) {
            value.fail(tr("{0} must be two lengths, [width, height], not {1}",
                          {value.label(), std::to_string(sides.size())}));
        }
        page.width_pt = sides[0].positive_length_pt();
        page.height_pt = sides[1].positive_length_pt();
        return;
    }
    if (!value.is_scalar()) {
        value.fail_expected(tr("a paper size (A4, A3, A5, B5, Letter, Legal) or [width, height]"));
    }
    const std::vector<std::string_view> names = names_of(kPaperSizes);
    const PaperSize& paper = kPaperSizes[value.choice_index(names)];
    page.width_pt = mm_to_pt(paper.width_mm);
    page.height_pt = mm_to_pt(paper.height_mm);
}

PageSpec read_page(const ValueReader& value) {
    PageSpec page;
    page.loc = value.loc();
    const MapReader map = value.map({"size", "orientation", "margins"});
    if (const auto size = map.find("size")) {
        read_paper_size(*size, page);
    }
    if (const auto orientation = map.find("orientation")) {
        const bool landscape =
            orientation->choice<bool>({{"portrait", false}, {"landscape", true}});
        // The orientation decides which side is the long one, so it also turns a custom size.
        if (landscape != (page.width_pt > page.height_pt)) {
            std::swap(page.width_pt, page.height_pt);
        }
    }
    if (const auto margins = map.find("margins")) {
        page.margins = read_insets(*margins, page.margins);
        const double least = mm_to_pt(kMinContentMm) - 1e-9;
        if (page.width_pt - page.margins.left - page.margins.right < least ||
            page.height_pt - page.margins.top - page.margins.bottom < least) {
            margins->fail(
                tr("the margins leave no room on the page (it is {0}mm × {1}mm; the "
                   "content needs at least {2}mm each way)",
                   {format_number(pt_to_mm(page.width_pt), 1),
                    format_number(pt_to_mm(page.height_pt), 1), format_number(kMinContentMm)}),
                tr("make the margins smaller or the page larger"));
        }
    }
    return page;
}

std::vector<FontSpec> read_fonts(const std::optional<ValueReader>& value, const std::string& file) {
    const std::vector<FontSpec> builtins = builtin_fonts(file);
    std::vector<FontSpec> fonts = builtins;
    if (!value) {
        return fonts;
    }
    const MapReader slots = value->open_map();
    for (const MapEntry& entry : slots.entries()) {
        const MapReader map = entry.value.map({"family", "weight"});
        FontSpec font = base_for(builtins, entry.key, FontSpec{});
        font.name = entry.key;
        font.loc = entry.key_loc;
        if (const auto family = map.find("family")) {
            font.family = family->text();
            if (font.family.empty()) {
                family->fail(tr("{0} must not be empty", {family->label()}));
            }
        } else if (font.family.empty()) {
            map.get("family",
                    tr("a new font slot names its font family, e.g. {family: Noto Serif CJK SC}"));
        }
        if (const auto weight = map.find("weight")) {
            font.weight = read_weight(*weight);
        }
        put(fonts, std::move(font));
    }
    return fonts;
}

// Fails at `value` when `name` is not one of `names`, listing them. `what` and `list_label` are
// N_() literals, translated here.
void check_defined(const ValueReader& value, const std::string& name,
                   const std::vector<std::string_view>& names, std::string_view what,
                   std::string_view list_label) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        const std::string what_text(what);
        value.fail(tr("unknown {0} '{1}'", {tr(what_text.c_str()), name}),
                   suggestion_hint(name, names, list_label));
    }
}

std::vector<std::string> read_fallback(const ValueReader& value,
                                       const std::vector<FontSpec>& fonts) {
    std::vector<std::string> fallback;
    const std::vector<std::string_view> slots = names_of(fonts);
    for (const ValueReader& item : value.list()) {
        std::string slot = item.text();
        check_defined(item, slot, slots, N_("font slot"), N_("defined font slots"));
        fallback.push_back(std::move(slot));
    }
    return fallback;
}

StyleSpec read_style(const MapEntry& entry, const StyleSpec& base,
                     const std::vector<std::string_view>& font_slots) {
    const MapReader map =
        entry.value.map({"font", "size", "line-spacing", "color", "align", "valign", "padding"});
    StyleSpec style = base;
    style.name = entry.key;
    style.loc = entry.key_loc;
    if (const auto font = map.find("font")) {
        style.font = font->text();
        style.font_loc = font->loc();
        check_defined(*font, style.font, font_slots, N_("font slot"), N_("defined font slots"));
    }
    if (const auto size = map.find("size")) {
        style.size_pt = size->font_size_pt();
        style.size_loc = size->loc();
    }
    if (const auto spacing = map.find("line-spacing")) {
        style.line_spacing = spacing->number(0.5, 10);
    }
    if (const auto color = map.find("color")) {
        style.color = color->color();
    }
    if (const auto align = map.find("align")) {
        style.align = read_halign(*align);
    }
    if (const auto valign = map.find("valign")) {
        style.valign = read_valign(*valign);
    }
    if (const auto padding = map.find("padding")) {
        style.padding = read_insets(*padding, base.padding);
    }
    return style;
}

std::vector<StyleSpec> read_styles(const std::optional<ValueReader>& value,
                                   const std::vector<FontSpec>& fonts, const std::string& file) {
    const std::vector<StyleSpec> builtins = builtin_styles(file);
    std::vector<StyleSpec> styles = builtins;
    if (!value) {
        return styles;
    }
    const StyleSpec new_style_base = base_for(builtins, "body", StyleSpec{});
    const std::vector<std::string_view> font_slots = names_of(fonts);
    const MapReader definitions = value->open_map();
    for (const MapEntry& entry : definitions.entries()) {
        put(styles, read_style(entry, base_for(builtins, entry.key, new_style_base), font_slots));
    }
    return styles;
}

// Which kind of block the item is, from its one content key.
std::pair<const BlockKindInfo*, const MapEntry*> find_block_kind(const ValueReader& item,
                                                                 const MapReader& map) {
    const BlockKindInfo* kind = nullptr;
    const MapEntry* content = nullptr;
    for (const MapEntry& entry : map.entries()) {
        for (const BlockKindInfo& info : kBlockKinds) {
            if (entry.key != info.key) {
                continue;
            }
            if (kind) {
                throw DiagnosticError(make_error(
                    entry.key_loc,
                    tr("this block has two content keys, '{0}' and '{1}'",
                       {content->key, entry.key}),
                    tr("a block holds one of title, paragraph, spacer, table: start a new list "
                       "item (`- {0}: …`) for the second",
                       {entry.key})));
            }
            kind = &info;
            content = &entry;
        }
    }
    if (!kind) {
        item.fail(tr("this block has no content"),
                  tr("a block starts with one of title, paragraph, spacer, table, e.g. `- "
                     "paragraph: 项目概况`"));
    }
    return {kind, content};
}

BlockSpec read_block(const ValueReader& item, const PageSpec& page,
                     const std::vector<std::string_view>& style_names) {
    if (item.is_scalar()) {
        item.fail_expected(tr("a block such as `- paragraph: text`"),
                           tr("start the item with its kind: `- paragraph: …`, `- title: …` or "
                              "`- spacer: 5mm`"));
    }
    const MapReader map = item.open_map();
    std::vector<std::string_view> all_keys;
    for (const BlockKindInfo& info : kBlockKinds) {
        all_keys.push_back(info.key);
    }
    all_keys.insert(all_keys.end(), std::begin(kTextBlockOptions), std::end(kTextBlockOptions));
    // (the table block's options are all text block options too)
    map.check_keys(all_keys);

    const auto [kind, content] = find_block_kind(item, map);
    for (const MapEntry& entry : map.entries()) {
        if (&entry != content && std::find(kind->options.begin(), kind->options.end(), entry.key) ==
                                     kind->options.end()) {
            throw DiagnosticError(make_error(
                entry.key_loc, tr("'{0}' does not apply to a {1} block", {entry.key, kind->key}),
                kind->options.empty()
                    ? tr("a {0} block takes no other keys", {kind->key})
                    : suggestion_hint(entry.key, kind->options, N_("allowed keys"))));
        }
    }

    BlockSpec block;
    block.kind = kind->kind;
    block.loc = item.loc();
    if (block.kind == BlockKind::Spacer) {
        block.height_pt = content->value.length_pt();
        return block;
    }
    if (const auto keep = map.find("keep-with-previous")) {
        block.keep_with_previous = keep->boolean();
    }
    if (const auto before = map.find("space-before")) {
        block.space_before_pt = before->length_pt();
    }
    if (const auto after = map.find("space-after")) {
        block.space_after_pt = after->length_pt();
    }
    if (block.kind == BlockKind::Table) {
        const double content_width = page.width_pt - page.margins.left - page.margins.right;
        block.table = read_table(content->value, content_width, style_names);
        return block;
    }

    if (!content->value.is_scalar()) {
        content->value.fail_expected(tr("text"), tr("write the text after the colon; for an "
                                                    "empty box write \"\""));
    }
    block.text = content->value.text();
    block.text_loc = content->value.loc();
    block.style = std::string(kind->default_style);
    block.style_loc = content->key_loc;
    if (const auto style = map.find("style")) {
        block.style = style->text();
        block.style_loc = style->loc();
        check_defined(*style, block.style, style_names, N_("style"), N_("defined styles"));
    }
    if (const auto width = map.find("width")) {
        block.width_pt = width->positive_length_pt();
        if (pt_to_mm(*block.width_pt) < kMinColumnMm - 1e-9) {
            width->fail(
                tr("the box is {0}mm wide, narrower than the minimum of {1}mm",
                   {format_number(pt_to_mm(*block.width_pt), 4), format_number(kMinColumnMm)}),
                tr("make the box wider, or leave 'width' out for the page's content "
                   "width"));
        }
        const double content_width = page.width_pt - page.margins.left - page.margins.right;
        // Compare in hundredths of a mm so that a box written as exactly the content width fits.
        if (pt_to_mm(*block.width_pt) - pt_to_mm(content_width) > 0.005) {
            width->fail(tr("the box is wider than the page's content width of {0}mm",
                           {format_number(pt_to_mm(content_width), 2)}),
                        tr("the content width is the page width minus the left and right "
                           "margins"));
        }
    }
    if (const auto align = map.find("align")) {
        block.box_align = read_halign(*align);
    }
    if (const auto frame = map.find("frame")) {
        block.frame = frame->boolean();
    }
    if (const auto fill = map.find("fill")) {
        block.fill = fill->color();
    }
    if (const auto field = map.find("field")) {
        block.field = field->text();
        block.field_loc = field->loc();
        if (block.field.empty()) {
            field->fail(tr("{0} must name a declaration field", {field->label()}));
        }
    }
    return block;
}

PageNumberSpec read_page_numbers(const ValueReader& value,
                                 const std::vector<std::string_view>& style_names) {
    PageNumberSpec numbers;
    numbers.loc = value.loc();
    numbers.style = "body";
    if (value.is_scalar()) {
        numbers.format = value.text();
        return numbers;
    }
    const MapReader map = value.map({"format", "style", "position", "offset"});
    const ValueReader format = map.get(
        "format", tr("e.g. `format: \"第{page}页 共{pages}页\"` or `format: \"-{page}-\"`"));
    numbers.format = format.text();
    if (numbers.format.find("{page}") == std::string::npos &&
        numbers.format.find("{pages}") == std::string::npos) {
        format.fail(tr("the page number format has neither {page} nor {pages}"),
                    tr("e.g. \"第{page}页 共{pages}页\" or \"— {page} —\""));
    }
    if (const auto style = map.find("style")) {
        numbers.style = style->text();
        check_defined(*style, numbers.style, style_names, N_("style"), N_("defined styles"));
    }
    if (const auto position = map.find("position")) {
        numbers.at_top = position->choice<bool>({{"bottom", false}, {"top", true}});
    }
    if (const auto offset = map.find("offset")) {
        numbers.offset_pt = offset->length_pt();
    }
    return numbers;
}

std::string first_title_text(const std::vector<BlockSpec>& blocks) {
    for (const BlockSpec& block : blocks) {
        if (block.kind == BlockKind::Title) {
            std::string title = block.text;
            std::replace(title.begin(), title.end(), '\n', ' ');
            while (!title.empty() && title.back() == ' ') {
                title.pop_back();
            }
            return title;
        }
    }
    return {};
}

// A cell of several texts, all the layout's own: what the fill-in workbook shows in it (its texts,
// one a line), which the import passes over. Empty when a text shows a value.
std::string layout_texts_of(const CellSpec& cell) {
    std::string joined;
    for (const CellTextSpec& part : cell.texts) {
        if (part.content == CellContent::Field || part.content == CellContent::Format) {
            return {};
        }
        if (!joined.empty()) {
            joined += '\n';
        }
        joined += part.text;
    }
    return joined;
}

LayoutSpec read_layout(const ValueReader& root, const std::string& file) {
    if (root.is_null()) {
        root.fail(tr("the layout file is empty"),
                  tr("a layout file starts with the line `formpdf-layout: 1`; see "
                     "docs/layout-format.md"));
    }
    if (!root.is_map()) {
        root.fail_expected(tr("a map of keys (formpdf-layout, page, fonts, styles, blocks, ...)"));
    }
    const MapReader map = root.open_map();
    check_format_version(map);
    map.check_keys({kFormatKey, "title", "page", "fonts", "fallback", "styles", "blocks",
                    "page-numbers", "bookmark", "output", "form", "tighten", "batch"});

    LayoutSpec spec;
    spec.file = file;
    spec.directory = std::filesystem::path(file).parent_path();
    if (spec.directory.empty()) {
        spec.directory = ".";
    }
    if (const auto page = map.find("page")) {
        spec.page = read_page(*page);
    }
    spec.fonts = read_fonts(map.find("fonts"), file);
    spec.fallback = {"body", "heavy"};
    spec.fallback_loc = whole_file(file);
    if (const auto fallback = map.find("fallback")) {
        spec.fallback = read_fallback(*fallback, spec.fonts);
        spec.fallback_loc = fallback->loc();
    }
    spec.styles = read_styles(map.find("styles"), spec.fonts, file);
    if (const auto blocks = map.find("blocks")) {
        const std::vector<std::string_view> style_names = names_of(spec.styles);
        for (const ValueReader& item : blocks->list()) {
            spec.blocks.push_back(read_block(item, spec.page, style_names));
        }
    }
    if (const auto bookmark = map.find("bookmark")) {
        spec.bookmark = bookmark->text();
        spec.bookmark_loc = bookmark->loc();
    }
    if (const auto numbers = map.find("page-numbers")) {
        spec.page_numbers = read_page_numbers(*numbers, names_of(spec.styles));
    }
    if (const auto form = map.find("form")) {
        spec.form = read_form_definition(*form);
        for (const BlockSpec& block : spec.blocks) {
            for (const RowSpec& row : block.table ? block.table->rows : std::vector<RowSpec>{}) {
                for (const CellSpec& cell : row.cells) {
                    if (cell.content == CellContent::Text && !cell.text.empty()) {
                        spec.form->layout_texts.push_back(cell.text);
                    }
                    if (const std::string texts = layout_texts_of(cell); !texts.empty()) {
                        spec.form->layout_texts.push_back(texts);
                    }
                }
            }
        }
    }
    if (const auto tighten = map.find("tighten")) {
        spec.tighten = read_tightening(*tighten);
    }
    if (const auto batch = map.find("batch")) {
        spec.batch = read_batch_fields(*batch);
    }
    if (const auto output = map.find("output")) {
        if (const auto pdfa = output->map({"pdfa"}).find("pdfa")) {
            spec.pdfa = pdfa->boolean();
        }
    }
    if (const auto title = map.find("title")) {
        spec.title = title->text();
    } else {
        spec.title = first_title_text(spec.blocks);
    }
    check_field_references(spec);
    check_layout_fits(spec);
    return spec;
}

} // namespace

LayoutSpec load_layout_text(std::string_view yaml, const std::string& file) {
    const ValueReader root = read_yaml(yaml, file);
    try {
        return read_layout(root, file);
    } catch (const DiagnosticError& error) {
        // "margins: ［20, 20］" is text, not a list: the error names the value, the slip the
        // character an input method typed.
        throw DiagnosticError(
            with_input_method_slips(error.diagnostic(), *root.source(), ErrorKind::Load));
    }
}

bool is_layout_text(std::string_view yaml) {
    for (std::size_t at = 0; at < yaml.size();) {
        std::size_t start = at;
        if (start == 0 && yaml.substr(0, 3) == "\xEF\xBB\xBF") {
            start = 3; // a UTF-8 byte order mark
        }
        if (yaml.substr(start, kFormatKey.size() + 1) == std::string(kFormatKey) + ":") {
            return true;
        }
        const std::size_t newline = yaml.find('\n', at);
        at = newline == std::string_view::npos ? yaml.size() : newline + 1;
    }
    return false;
}

LayoutSpec load_layout_file(const std::filesystem::path& path) {
    return load_layout_text(read_file(path, YamlLimits{}.max_bytes), path.string());
}

} // namespace formpdf::load
