#include "load/cell_drawing_reader.h"

#include "core/messages.h"

#include <algorithm>
#include <cctype>

namespace formpdf::load {

namespace {

// Stands for a side written `true` until the table's border width is known.
constexpr double kTableBorder = -1;

void check_style(const ValueReader& value, const std::string& name,
                 const std::vector<std::string_view>& style_names) {
    if (std::find(style_names.begin(), style_names.end(), name) == style_names.end()) {
        value.fail(tr("unknown style '{0}'", {name}),
                   suggestion_hint(name, style_names, N_("defined styles")));
    }
}

bool is_boolean_word(const ValueReader& value) {
    if (!value.is_scalar()) {
        return false;
    }
    std::string word = value.text();
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return word == "true" || word == "false" || word == "yes" || word == "no";
}

// One side: a width (0: none), `false` (none) or `true` (the table's width).
double read_side(const ValueReader& value) {
    if (is_boolean_word(value)) {
        return value.boolean() ? kTableBorder : 0;
    }
    if (!value.is_scalar()) {
        value.fail_expected(tr("a border width such as 0.5pt, 0 for none, or true/false"));
    }
    return value.length_pt();
}

CellBorders read_border(const ValueReader& value) {
    CellBorders border;
    border.loc = value.loc();
    if (value.is_map()) {
        const MapReader sides = value.map({"top", "right", "bottom", "left"});
        if (const auto top = sides.find("top")) {
            border.top = read_side(*top);
        }
        if (const auto right = sides.find("right")) {
            border.right = read_side(*right);
        }
        if (const auto bottom = sides.find("bottom")) {
            border.bottom = read_side(*bottom);
        }
        if (const auto left = sides.find("left")) {
            border.left = read_side(*left);
        }
        if (!border.any()) {
            value.fail(tr("{0} names no side", {value.label()}),
                       tr("give one or more of top, right, bottom, left, e.g. {bottom: 1pt}"));
        }
        return border;
    }
    const double width = read_side(value);
    border.top = border.right = border.bottom = border.left = width;
    return border;
}

// The content of a cell or of one of its texts: exactly one of `text`, `field`, `format`.
void read_content(const MapReader& map, CellContent& content, std::string& text) {
    const auto literal = map.find("text");
    const auto field = map.find("field");
    const auto format = map.find("format");
    if ((literal ? 1 : 0) + (field ? 1 : 0) + (format ? 1 : 0) != 1) {
        map.value().fail(tr("each of 'texts' shows one of 'text', 'field' or 'format'"),
                         tr("e.g. {text: （盖章）, align: right}, {field: opinion}, or "
                            "{format: \"审核人：{reviewer}\"}"));
    }
    if (literal) {
        text = literal->text();
        content = text.empty() ? CellContent::Empty : CellContent::Text;
    } else if (field) {
        text = field->text();
        content = CellContent::Field;
        if (text.empty()) {
            field->fail(tr("{0} must name a field", {field->label()}));
        }
    } else {
        text = format->text();
        content = CellContent::Format;
    }
}

CellTextSpec read_text_part(const ValueReader& value,
                            const std::vector<std::string_view>& style_names) {
    CellTextSpec part;
    part.loc = value.loc();
    if (value.is_scalar()) {
        part.text = value.text();
        part.content = part.text.empty() ? CellContent::Empty : CellContent::Text;
        return part;
    }
    if (!value.is_map()) {
        value.fail_expected(tr("a text, or a map such as {text: （盖章）, align: right, valign: "
                               "bottom}"));
    }
    const MapReader map = value.map({"text", "field", "format", "style", "align", "valign"});
    read_content(map, part.content, part.text);
    if (const auto style = map.find("style")) {
        part.style = style->text();
        part.style_loc = style->loc();
        check_style(*style, part.style, style_names);
    }
    if (const auto align = map.find("align")) {
        part.align = align->choice<HAlign>(
            {{"left", HAlign::Left}, {"center", HAlign::Center}, {"right", HAlign::Right}});
    }
    if (const auto valign = map.find("valign")) {
        part.valign = valign->choice<VAlign>(
            {{"top", VAlign::Top}, {"middle", VAlign::Middle}, {"bottom", VAlign::Bottom}});
    }
    return part;
}

} // namespace

void read_cell_drawing(const MapReader& map, CellSpec& cell,
                       const std::vector<std::string_view>& style_names) {
    if (const auto border = map.find("border")) {
        cell.border = read_border(*border);
    }
    if (const auto texts = map.find("texts")) {
        if (map.has("text") || map.has("field") || map.has("format")) {
            texts->fail(tr("a cell shows either 'texts' or one of 'text', 'field', 'format'"),
                        tr("put the cell's text into the 'texts' list as one more item"));
        }
        if (!texts->is_list()) {
            texts->fail_expected(tr("a list of texts, e.g. [{field: opinion}, {text: （盖章）, "
                                    "align: right, valign: bottom}]"));
        }
        for (const ValueReader& item : texts->list()) {
            cell.texts.push_back(read_text_part(item, style_names));
        }
        if (cell.texts.empty()) {
            texts->fail(tr("'texts' is empty"),
                        tr("list the cell's texts, or write the cell as ~"));
        }
    }
    if (const auto vertical = map.find("vertical")) {
        cell.vertical = vertical->boolean();
        if (cell.vertical && !cell.texts.empty()) {
            vertical->fail(tr("a cell with 'texts' cannot be vertical"),
                           tr("vertical sets the cell's one text: use 'text' or 'field'"));
        }
    }
    const auto hint = map.find("hint");
    if (hint) {
        cell.hint = hint->text();
        cell.hint_loc = hint->loc();
        if (cell.content == CellContent::Text || !cell.texts.empty()) {
            hint->fail(tr("a hint stands in for an empty value, but this cell prints the "
                          "layout's own text"),
                       tr("give the hint to a cell with 'field' or 'format' (or an empty one), "
                          "e.g. {field: overview, hint: （100字以内）}"));
        }
    }
    if (const auto hint_style = map.find("hint-style")) {
        if (!hint) {
            hint_style->fail(tr("'hint-style' without a 'hint'"),
                             tr("add the hint text, e.g. hint: （100字以内）"));
        }
        cell.hint_style = hint_style->text();
        cell.hint_style_loc = hint_style->loc();
        check_style(*hint_style, cell.hint_style, style_names);
    }
}

void settle_cell_borders(TableSpec& table) {
    const double on = table.border_width_pt > 0 ? table.border_width_pt : 0.5;
    const auto settle = [&](std::optional<double>& side) {
        if (side && *side == kTableBorder) {
            side = on;
        }
    };
    for (RowSpec& row : table.rows) {
        for (std::vector<CellSpec>* cells : {&row.levels, &row.cells}) {
            for (CellSpec& cell : *cells) {
                settle(cell.border.top);
                settle(cell.border.right);
                settle(cell.border.bottom);
                settle(cell.border.left);
            }
        }
    }
}

} // namespace formpdf::load
