#include "layout/layout_dump.h"

#include "core/number_format.h"

#include <cstdio>

namespace formpdf::layout {

namespace {

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (byte < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", byte);
                out += buf;
            } else {
                out += c; // UTF-8 passes through unchanged
            }
        }
    }
    out += '"';
}

void append_color(std::string& out, const Color& color) {
    const auto channel = [](double v) {
        const double clamped = v < 0 ? 0 : (v > 1 ? 1 : v);
        return static_cast<unsigned>(clamped * 255 + 0.5);
    };
    char buf[16];
    std::snprintf(buf, sizeof buf, "\"#%02X%02X%02X\"", channel(color.r), channel(color.g),
                  channel(color.b));
    out += buf;
}

// Appends `"key": number`, with a leading comma unless first.
void field(std::string& out, const char* key, double value, bool first = false) {
    if (!first) {
        out += ", ";
    }
    out += '"';
    out += key;
    out += "\": ";
    append_number(out, value, 2);
}

void append_rect(std::string& out, const Rect& rect) {
    out += '{';
    field(out, "x", rect.x, true);
    field(out, "y", rect.y);
    field(out, "width", rect.width);
    field(out, "height", rect.height);
    out += '}';
}

void append_item(std::string& out, const TextItem& item) {
    out += "{\"type\": \"text\"";
    field(out, "x", item.baseline.x);
    field(out, "y", item.baseline.y);
    field(out, "width", item.width);
    out += ", \"font\": ";
    append_json_string(out, item.family);
    field(out, "size", item.size);
    out += ", \"color\": ";
    append_color(out, item.color);
    out += ", \"text\": ";
    append_json_string(out, item.text);
    out += ", \"box\": ";
    append_rect(out, item.box);
    out += '}';
}

void append_item(std::string& out, const FilledRect& item) {
    out += "{\"type\": \"rect\"";
    field(out, "x", item.rect.x);
    field(out, "y", item.rect.y);
    field(out, "width", item.rect.width);
    field(out, "height", item.rect.height);
    out += ", \"fill\": ";
    append_color(out, item.fill);
    out += '}';
}

void append_item(std::string& out, const StrokedLine& item) {
    out += "{\"type\": \"line\"";
    field(out, "x1", item.from.x);
    field(out, "y1", item.from.y);
    field(out, "x2", item.to.x);
    field(out, "y2", item.to.y);
    field(out, "width", item.line_width);
    out += ", \"color\": ";
    append_color(out, item.color);
    out += '}';
}

void append_outlines(std::string& out, const std::vector<Outline>& outlines) {
    out += '[';
    for (std::size_t i = 0; i < outlines.size(); ++i) {
        out += i ? ", {\"title\": " : "{\"title\": ";
        append_json_string(out, outlines[i].title);
        out += ", \"page\": " + std::to_string(outlines[i].page_index + 1) + ", \"children\": ";
        append_outlines(out, outlines[i].children);
        out += '}';
    }
    out += ']';
}

} // namespace

std::string dump_layout_json(const Document& document) {
    std::string out;
    out.reserve(256 + document.pages.size() * 16384);
    out += "{\n  \"format\": \"formpdf-layout-dump\",\n  \"version\": 1,\n";
    out += "  \"units\": \"pt\",\n  \"origin\": \"bottom-left\",\n  \"y_axis\": \"up\",\n";
    out += "  \"title\": ";
    append_json_string(out, document.metadata.title);
    out += ",\n  \"outlines\": ";
    append_outlines(out, document.outlines);
    out += ",\n  \"boxes\": [";
    for (std::size_t i = 0; i < document.named_boxes.size(); ++i) {
        const NamedBox& box = document.named_boxes[i];
        out += i ? ", {\"name\": " : "{\"name\": ";
        append_json_string(out, box.name);
        out += ", \"page\": " + std::to_string(box.page_index + 1) + ", \"rect\": ";
        append_rect(out, box.rect);
        out += '}';
    }
    out += "]";
    out += ",\n  \"pages\": [";
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        const Page& page = document.pages[p];
        out += p ? ",\n    {" : "\n    {";
        out += "\"page\": " + std::to_string(p + 1);
        field(out, "width", page.width);
        field(out, "height", page.height);
        if (page.tightened > 0) {
            field(out, "tightened", page.tightened); // written only then: old dumps unchanged
        }
        out += ", \"items\": [";
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            out += i ? ",\n      " : "\n      ";
            std::visit([&](const auto& item) { append_item(out, item); }, page.items[i]);
        }
        out += page.items.empty() ? "]}" : "\n    ]}";
    }
    out += document.pages.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

} // namespace formpdf::layout
